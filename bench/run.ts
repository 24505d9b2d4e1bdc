// `npm run bench`: runs every bench/*.bench.ts in its own process and rewrites bench/RESULTS.md with what
// each printed (markdown), the machine, the date and the exact command. Figures are never asserted on.
// Usage: npm run bench [-- <name-filter>]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();

// A filtered run replaces only its own sections and keeps the others' last results.
const resultsFile = join(here, 'RESULTS.md');
const previous = new Map<string, string>();
if (filter && existsSync(resultsFile)) {
  for (const part of readFileSync(resultsFile, 'utf8')
    .split(/^(?=## )/m)
    .slice(1)) {
    previous.set(part.split('\n')[0]!.slice(3).trim(), part.trimEnd() + '\n');
  }
}
const sections = new Map<string, string>(previous);
// The sync bench's org at 1,000,000 opportunities holds 2.2 million records, past Node's default heap
// limit of about 4 GB: each bench may use three quarters of the machine's memory.
const heapLimit = `--max-old-space-size=${Math.floor((totalmem() * 0.75) / 2 ** 20)}`;
let failed = 0;
for (const file of benches) {
  // Settings a bench reads from the environment (BENCH_*) are part of the command that produced its figures.
  const settings = Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v ?? ''} `)
    .join('');
  const command = `${settings}node ${heapLimit} --import tsx bench/${file}`;
  console.log(`\n=== ${command}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [heapLimit, '--import', 'tsx', join(here, file)], {
    cwd: join(here, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, http_proxy: '', https_proxy: '', HTTP_PROXY: '', HTTPS_PROXY: '' },
  });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) failed++;
  const name = file.replace('.bench.ts', '');
  sections.set(
    name,
    [
      `## ${name}`,
      '',
      `Command: \`${command}\` (${seconds} s${r.status === 0 ? '' : `, FAILED with exit code ${r.status}`})`,
      '',
      r.stdout.trim() || '_(no output)_',
      '',
    ].join('\n'),
  );
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` (last run: \`npm run bench${filter ? ` -- ${filter}` : ''}\`) on ${new Date().toISOString().slice(0, 10)}; each section names its own command.`,
  `Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}, Node ${process.version}.`,
  'Each figure is measured in the same run as the reference it is compared with; ratios matter more than',
  'absolute times, which depend on the machine.',
  '',
].join('\n');
const ordered = [...sections.keys()].sort().map((k) => sections.get(k)!);
writeFileSync(resultsFile, `${header}\n${ordered.join('\n')}`);
console.log(`\nWrote bench/RESULTS.md (${benches.length} benchmarks, ${failed} failed).`);
process.exit(failed > 0 ? 1 : 0);
