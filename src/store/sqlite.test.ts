import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describeStoreBehaviour } from './behaviour.test.js';
import { sqliteHarness } from './harness.test.js';
import { openStore } from './open.js';

describe('store on SQLite', () => {
  const h = sqliteHarness();
  describeStoreBehaviour(h);

  describe('SQLite specifics', () => {
    it('writes in WAL mode to prm.sqlite', async () => {
      await h.open();
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(h.raw());
      expect(mode.rows[0]?.journal_mode).to.equal('wal');
    });
  });
});

describe('openStore defaults', () => {
  const saved = { dir: process.env.PRM_STATE_DIR, url: process.env.PRM_DATABASE_URL };
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'prm-open-'));
  });
  afterEach(() => {
    for (const [key, value] of [
      ['PRM_STATE_DIR', saved.dir],
      ['PRM_DATABASE_URL', saved.url],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('uses SQLite in PRM_STATE_DIR, creating the directory, when no database URL is set', async () => {
    const dir = join(root, 'nested', 'state');
    process.env.PRM_STATE_DIR = dir;
    delete process.env.PRM_DATABASE_URL;
    const store = await openStore();
    try {
      expect(store.engine).to.equal('sqlite');
      expect(existsSync(join(dir, 'prm.sqlite'))).to.equal(true);
    } finally {
      await store.close();
    }
  });

  it('refuses a database URL that is not PostgreSQL without repeating it', async () => {
    let message = '';
    try {
      await openStore({ databaseUrl: 'mysql://user:s3cret@host/db', stateDir: root });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.contain('postgres').and.not.contain('s3cret');
  });
});
