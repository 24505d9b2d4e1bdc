// `npm start`: compile the plugin (lib/ is what ./bin/run.js loads), then run the main job, `prm demo`.
// Extra arguments pass through: npm start -- --size medium
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
console.log('Compiling the plugin (tsc)…');
const built = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const demo = spawn(process.execPath, [join(root, 'bin/run.js'), 'prm', 'demo', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl-C reaches the child through the terminal's process group; wait for it to finish its cleanup.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => demo.kill('SIGTERM'));
demo.on('close', (code) => process.exit(code ?? 0));
