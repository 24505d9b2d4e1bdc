// Saving the org to a directory and loading it back, so a restarted local org is the same org: schema
// from deploys, records (recycle bin included), counters, stored components, the access token and the
// credentials (connected-app client id and secret, the admin's password).
// Layout: org.json for everything small, records/<Object>.ndjson per object (one row a line, so a
// million rows never become one giant string). Every file is written to a temp file and renamed, so a
// crash mid-save leaves the previous version intact. Saves are debounced and only rewrite objects whose
// rows changed.
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { OrgCore, OrgIdentity, StoredComponent } from './core.js';
import type { ObjectDef } from './schema/types.js';
import type { Row } from './store.js';

const FORMAT = 1;
const META_FILE = 'org.json';
const RECORDS_DIR = 'records';
const DEBOUNCE_MS = 1000;
const CHUNK_ROWS = 2000;

const MetaSchema = z.object({
  format: z.literal(FORMAT),
  identity: z.object({
    orgId: z.string(),
    userId: z.string(),
    profileId: z.string(),
    username: z.string(),
    accessToken: z.string(),
    // Absent from orgs saved before the token endpoint checked credentials: such an org gets new ones.
    clientId: z.string().optional(),
    clientSecret: z.string().optional(),
    password: z.string().optional(),
  }),
  idCounter: z.number().int().nonnegative(),
  autoNumbers: z.record(z.string(), z.number()),
  tokens: z.array(z.string()),
  refreshTokens: z.array(z.string()),
  // The schema is our own output written back verbatim; its shape is checked by the TypeScript types.
  schema: z.array(z.record(z.string(), z.unknown())),
  usage: z
    .object({ used: z.number(), windowStart: z.number(), bulkBatches: z.number(), bulkQueryJobs: z.number() })
    .optional(),
  components: z.array(
    z.object({ type: z.string(), fullName: z.string(), files: z.record(z.string(), z.string()) }),
  ),
});
type Meta = z.infer<typeof MetaSchema>;

export type SavedState = { meta: Meta; records: Map<string, Row[]> };

const fileFor = (objectName: string): string => `${objectName}.ndjson`;

/** org.json holds the token and the credentials: readable by its owner only. */
async function writeAtomically(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data, { encoding: 'utf8', mode: 0o600 });
  await rename(tmp, path);
}

/** Reads a saved org, or undefined when the directory holds none. A corrupt save is an error, not a fresh org. */
export async function loadState(dir: string): Promise<SavedState | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, META_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const parsed = MetaSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`local org state in ${dir} is not readable: ${parsed.error.message}`);
  const records = new Map<string, Row[]>();
  let files: string[] = [];
  try {
    files = await readdir(join(dir, RECORDS_DIR));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  for (const file of files) {
    if (!file.endsWith('.ndjson')) continue;
    const body = await readFile(join(dir, RECORDS_DIR, file), 'utf8');
    const rows: Row[] = [];
    for (const line of body.split('\n')) if (line !== '') rows.push(JSON.parse(line) as Row);
    records.set(file.slice(0, -'.ndjson'.length), rows);
  }
  return { meta: parsed.data, records };
}

/** Puts a saved org into a freshly constructed core (identity is passed to the constructor). */
export function applyState(org: OrgCore, state: SavedState): void {
  const { meta } = state;
  org.schema.replaceAll(meta.schema as unknown as ObjectDef[]);
  org.store.clear();
  for (const [objectName, rows] of state.records) for (const row of rows) org.store.put(objectName, row);
  org.store.dirty.clear();
  org.ids.counter = meta.idCounter;
  org.autoNumbers = { ...meta.autoNumbers };
  org.tokens = new Set([...meta.tokens, org.identity.accessToken]);
  org.refreshTokens = new Set(meta.refreshTokens);
  if (meta.usage !== undefined) Object.assign(org.usage, meta.usage);
  org.components = new Map(meta.components.map((c: StoredComponent) => [`${c.type}:${c.fullName}`, c]));
}

export function identityOf(state: SavedState): Partial<OrgIdentity> {
  return { ...state.meta.identity };
}

function metaOf(org: OrgCore): Meta {
  return {
    format: FORMAT,
    identity: { ...org.identity },
    idCounter: org.ids.counter,
    autoNumbers: { ...org.autoNumbers },
    tokens: [...org.tokens],
    refreshTokens: [...org.refreshTokens],
    schema: org.schema.all() as unknown as Record<string, unknown>[],
    usage: {
      used: org.usage.used,
      windowStart: org.usage.windowStart,
      bulkBatches: org.usage.bulkBatches,
      bulkQueryJobs: org.usage.bulkQueryJobs,
    },
    components: [...org.components.values()],
  };
}

async function writeRows(path: string, rows: Iterable<Row>): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(JSON.stringify(row));
      if (chunk.length >= CHUNK_ROWS) {
        await handle.write(chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length > 0) await handle.write(chunk.join('\n') + '\n');
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

/** Watches an org and writes it to `dir` shortly after each change; `flush()` writes now. */
export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private pending = false;
  private allDirty = true;
  lastError: unknown;

  constructor(
    private readonly org: OrgCore,
    private readonly dir: string,
  ) {}

  start(): void {
    const schedule = (): void => this.schedule();
    this.org.store.onChange = schedule;
    this.org.schema.onChange = schedule;
    this.org.onMetaChange = schedule;
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.org.store.onChange = undefined;
    this.org.schema.onChange = undefined;
    this.org.onMetaChange = undefined;
  }

  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save().catch((e: unknown) => {
        this.lastError = e;
      });
    }, DEBOUNCE_MS);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.save();
  }

  /** One save at a time; a change during a save earns one more save after it. */
  private async save(): Promise<void> {
    if (this.running !== undefined) {
      this.pending = true;
      await this.running;
      if (!this.pending) return;
    }
    this.pending = false;
    this.running = this.write();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async write(): Promise<void> {
    const recordsDir = join(this.dir, RECORDS_DIR);
    await mkdir(recordsDir, { recursive: true });
    const store = this.org.store;
    const names = this.allDirty ? new Set([...store.objectNames(), ...store.dirty]) : new Set(store.dirty);
    this.allDirty = false;
    store.dirty.clear();
    const live = new Set(store.objectNames());
    for (const name of names) {
      const path = join(recordsDir, fileFor(name));
      if (!live.has(name) || store.count(name) === 0) await rm(path, { force: true });
      else await writeRows(path, [...store.rows(name)]);
    }
    await writeAtomically(join(this.dir, META_FILE), JSON.stringify(metaOf(this.org)));
  }
}
