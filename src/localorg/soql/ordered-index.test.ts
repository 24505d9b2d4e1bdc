// The (SystemModstamp, Id) index: the structure against a sorted-array model, and the local org's
// queries and replication windows read through it against the same answers computed by a full scan.
import { expect } from 'chai';
import fc from 'fast-check';
import { Clock, parseDateTime } from '../clock.js';
import { OrgCore } from '../core.js';
import { rowsInWindow } from '../routes/sobjects.js';
import { StoreSource, runSoql } from '../soql-source.js';
import { executeSoql } from './index.js';
import { OrderedIndex, compareCuts } from './ordered-index.js';
import type { SoqlDataSource, SoqlIndexCut, SoqlRow } from './types.js';
import { canonicalDatetime } from './values.js';

type Entry = [key: string | null, id: string, seq: number, value: string];

const KEYS = [null, 'a', 'b', 'c', 'd'];
const IDS = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];

function cmpEntry(a: Entry, b: Entry): number {
  return compareCuts({ key: a[0], id: a[1] }, { key: b[0], id: b[1] });
}

const cutArb: fc.Arbitrary<SoqlIndexCut | undefined> = fc.option(
  fc.record({
    key: fc.constantFrom(...KEYS, ''),
    id: fc.constantFrom<string | null>('', null, ...IDS),
  }),
  { nil: undefined },
);

describe('OrderedIndex', () => {
  it('visits the same entries as a sorted array, whatever was inserted and removed', () => {
    const opArb = fc.oneof(
      fc.record({
        kind: fc.constant('insert' as const),
        key: fc.constantFrom(...KEYS),
        id: fc.constantFrom(...IDS),
      }),
      fc.record({
        kind: fc.constant('remove' as const),
        key: fc.constantFrom(...KEYS),
        id: fc.constantFrom(...IDS),
      }),
      fc.record({
        kind: fc.constant('replace' as const),
        key: fc.constantFrom(...KEYS),
        id: fc.constantFrom(...IDS),
      }),
      fc.record({ kind: fc.constant('read' as const), key: fc.constant(null), id: fc.constant('') }),
    );
    // Values are `id@n`, so a visit shows which entry each one came from.
    const collect = (
      index: OrderedIndex<string>,
      from: SoqlIndexCut | undefined,
      to: SoqlIndexCut | undefined,
      descending: boolean,
    ): Entry[] => {
      const got: Entry[] = [];
      index.visit(from, to, descending, (value, key, s) => {
        got.push([key, value.split('@')[0] as string, s, value]);
        return true;
      });
      return got;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(opArb, { maxLength: 120, size: 'max' }),
        fc.array(fc.tuple(cutArb, cutArb, fc.boolean()), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0, 1, 64),
        (chunkSize, ops, probes, placeRatio) => {
          const index = new OrderedIndex<string>(chunkSize, placeRatio);
          let model: Entry[] = [];
          let seq = 0;
          let version = 0;
          for (const op of ops) {
            const at = model.findIndex((e) => e[0] === op.key && e[1] === op.id);
            if (op.kind === 'insert') {
              if (at >= 0) continue;
              const value = `${op.id}@${version++}`;
              index.insert(op.key, op.id, seq, value);
              model.push([op.key, op.id, seq++, value]);
              model.sort(cmpEntry);
            } else if (op.kind === 'replace') {
              const value = `${op.id}@${version++}`;
              expect(index.replace(op.key, op.id, value)).to.equal(at >= 0);
              if (at >= 0) (model[at] as Entry)[3] = value;
            } else if (op.kind === 'read') {
              expect(collect(index, undefined, undefined, false)).to.deep.equal(model);
            } else {
              expect(index.remove(op.key, op.id)).to.equal(at >= 0 ? model[at]?.[2] : undefined);
              if (at >= 0) model = model.filter((_, i) => i !== at);
            }
          }
          expect(index.size).to.equal(model.length);
          for (const [from, to, descending] of probes) {
            const got = collect(index, from, to, descending);
            const inRange = model.filter(
              (e) =>
                (from === undefined || compareCuts({ key: e[0], id: e[1] }, from) >= 0) &&
                (to === undefined || compareCuts({ key: e[0], id: e[1] }, to) < 0),
            );
            expect(got).to.deep.equal(descending ? [...inRange].reverse() : inRange);
            expect(index.countBetween(from, to)).to.equal(inRange.length);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stops when the visitor says so', () => {
    const index = new OrderedIndex<string>(2);
    for (let i = 0; i < 10; i++) index.insert('k', `id${i}`, i, `id${i}`);
    const seen: string[] = [];
    index.visit(undefined, undefined, true, (id) => {
      seen.push(id);
      return seen.length < 3;
    });
    expect(seen).to.deep.equal(['id9', 'id8', 'id7']);
  });
});

// ---------------------------------------------------------------------------------------------------
// The local org: random writes, then random queries through the index and through a full scan.

const DAY = '2024-05-15';
/** Few distinct seconds, so many rows share a stamp and later writes may carry older stamps. */
const SECONDS = ['10:00:00', '10:00:01', '10:00:02', '10:00:05', '11:00:00'];
const instant = (s: string) => new Date(`${DAY}T${s}Z`);
const NAMES = ['a', 'b', 'c'];

type Op =
  | { kind: 'insert'; at: number; name: string }
  | { kind: 'update'; pick: number; at: number; name: string }
  | { kind: 'delete'; pick: number; at: number }
  | { kind: 'undelete'; pick: number; at: number }
  | { kind: 'purge'; pick: number }
  | { kind: 'raw'; pick: number; stamp: string | null }
  | { kind: 'rollback'; pick: number; at: number };

const atArb = fc.nat({ max: SECONDS.length - 1 });
const pickArb = fc.nat();
const nameArb = fc.constantFrom(...NAMES);
const writeArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: atArb, name: nameArb }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('update' as const), pick: pickArb, at: atArb, name: nameArb }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: pickArb, at: atArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undelete' as const), pick: pickArb, at: atArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('purge' as const), pick: pickArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      pick: pickArb,
      // Stamps the org would not write itself: missing, another spelling, milliseconds, not a date.
      stamp: fc.constantFrom(
        null,
        `${DAY}T10:00:01Z`,
        `${DAY}T10:00:01.500+0000`,
        `${DAY}T12:00:00+02:00`,
        'soon',
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rollback' as const), pick: pickArb, at: atArb }) },
);

function newOrg(): OrgCore {
  const clock = new Clock(new Date(`${DAY}T09:00:00Z`), () => 0);
  const org = new OrgCore({ dailyApiLimit: 1e9, bulkQueryPageSize: 0, bulkPollsInProgress: 0 }, clock);
  org.reset();
  return org;
}

function apply(org: OrgCore, ops: readonly Op[]): string[] {
  const ids: string[] = [];
  const setTime = (at: number) => org.clock.set(instant(SECONDS[at] as string), true);
  const pick = (n: number) => ids[n % Math.max(1, ids.length)];
  for (const op of ops) {
    if (op.kind === 'insert') {
      setTime(op.at);
      ids.push(org.insert('Account', { Name: op.name }));
      continue;
    }
    const id = pick(op.pick);
    const row = id === undefined ? undefined : org.store.get('Account', id);
    if (id === undefined || row === undefined) continue;
    switch (op.kind) {
      case 'update':
        setTime(op.at);
        if (row['IsDeleted'] !== true) org.update('Account', id, { Name: op.name });
        break;
      case 'delete':
        setTime(op.at);
        if (row['IsDeleted'] !== true) org.delete('Account', id);
        break;
      case 'undelete':
        setTime(op.at);
        org.store.put('Account', { ...row, IsDeleted: false, SystemModstamp: org.now() });
        break;
      case 'purge':
        org.store.remove('Account', id);
        break;
      case 'raw':
        org.store.put('Account', { ...row, SystemModstamp: op.stamp });
        break;
      case 'rollback':
        setTime(op.at);
        try {
          org.store.atomically(() => {
            org.store.put('Account', { ...row, SystemModstamp: org.now(), Name: 'rolled back' });
            org.store.remove('Account', id);
            org.store.put('Account', { ...row, Id: `${id.slice(0, 14)}Z`, SystemModstamp: org.now() });
            throw new Error('roll back');
          });
        } catch {
          // expected
        }
        break;
    }
  }
  return ids;
}

/** A new org loaded with the rows of `org`, row by row in table order, as persisted state is loaded. */
function reloaded(org: OrgCore): OrgCore {
  const copy = newOrg();
  copy.store.clear();
  for (const name of org.store.objectNames()) {
    for (const row of org.store.rows(name)) copy.store.put(name, row);
  }
  return copy;
}

/**
 * The org's rows as SOQL sees them, with or without the index (without it every query scans and
 * sorts); `onScan` hears of each scan.
 */
function viewOf(org: OrgCore, withIndex: boolean, onScan: () => void = () => undefined): SoqlDataSource {
  const source = new StoreSource(org);
  return {
    object: (name) => source.object(name),
    byId: (name, id) => source.byId(name, id),
    records: (name) => {
      onScan();
      return source.records(name);
    },
    ...(withIndex ? { orderedIndex: (name: string, field: string) => source.orderedIndex(name, field) } : {}),
  };
}

const timeLit = (s: string) => `${DAY}T${s}Z`;
const LITERALS = ['09:59:59', ...SECONDS, '10:00:03', '12:00:00'].map(timeLit);
const litArb = fc.constantFrom(...LITERALS);
const cmpArb = fc.constantFrom('>', '>=', '<', '<=', '=', '!=');

/** One condition of a query's top-level AND. */
type Part =
  | { kind: 'cmp'; op: string; lit: string }
  | { kind: 'between'; from: string; to: string }
  /** The sync's keyset form, after a row that exists (its stamp and Id) or a made-up one. */
  | { kind: 'keyset'; op: '>' | '<'; pick: number; inclusive: boolean; short: boolean; lit: string }
  | { kind: 'null'; op: '=' | '!=' }
  | { kind: 'dateLiteral'; op: string; lit: string }
  | { kind: 'in'; a: string; b: string }
  | { kind: 'outside'; a: string; b: string }
  | { kind: 'not'; lit: string }
  | { kind: 'name'; op: '=' | '!='; name: string };

const partArb: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ kind: fc.constant('cmp' as const), op: cmpArb, lit: litArb }),
  fc.record({ kind: fc.constant('between' as const), from: litArb, to: litArb }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('keyset' as const),
      op: fc.constantFrom('>' as const, '<' as const),
      pick: fc.nat(),
      inclusive: fc.boolean(),
      short: fc.boolean(),
      lit: litArb,
    }),
  },
  fc.record({ kind: fc.constant('null' as const), op: fc.constantFrom('=' as const, '!=' as const) }),
  fc.record({
    kind: fc.constant('dateLiteral' as const),
    op: fc.constantFrom('=', '>', '<', '>=', '<='),
    lit: fc.constantFrom('TODAY', 'YESTERDAY', 'LAST_N_DAYS:2', 'TOMORROW'),
  }),
  fc.record({ kind: fc.constant('in' as const), a: litArb, b: litArb }),
  fc.record({ kind: fc.constant('outside' as const), a: litArb, b: litArb }),
  fc.record({ kind: fc.constant('not' as const), lit: litArb }),
  fc.record({
    kind: fc.constant('name' as const),
    op: fc.constantFrom('=' as const, '!=' as const),
    name: nameArb,
  }),
);

function renderPart(part: Part, org: OrgCore, ids: readonly string[]): string {
  switch (part.kind) {
    case 'cmp':
      return `SystemModstamp ${part.op} ${part.lit}`;
    case 'between':
      return `SystemModstamp >= ${part.from} AND SystemModstamp < ${part.to}`;
    case 'keyset': {
      const id = ids[part.pick % Math.max(1, ids.length)] ?? '001000000000000AAA';
      const stamp = org.store.get('Account', id)?.['SystemModstamp'];
      const ms = typeof stamp === 'string' ? Date.parse(stamp.replace('+0000', 'Z')) : Number.NaN;
      const t = Number.isNaN(ms) ? part.lit : new Date(ms).toISOString();
      const idOp = `${part.op}${part.inclusive ? '=' : ''}`;
      return `(SystemModstamp ${part.op} ${t} OR (SystemModstamp = ${t} AND Id ${idOp} '${part.short ? id.slice(0, 15) : id}'))`;
    }
    case 'null':
      return `SystemModstamp ${part.op} null`;
    case 'dateLiteral':
      return `SystemModstamp ${part.op} ${part.lit}`;
    case 'in':
      return `SystemModstamp IN (${part.a}, ${part.b})`;
    case 'outside':
      return `(SystemModstamp < ${part.a} OR SystemModstamp > ${part.b})`;
    case 'not':
      return `NOT (SystemModstamp > ${part.lit})`;
    case 'name':
      return `Name ${part.op} '${part.name}'`;
  }
}

const orderArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', ' ASC', ' DESC'),
        fc.constantFrom('', ' NULLS FIRST', ' NULLS LAST'),
        fc.constantFrom('', ', Id', ', Id ASC', ', Id DESC', ', Id DESC, Name', ', Name', ', Name DESC'),
      )
      .map(([dir, nulls, then]) => ` ORDER BY SystemModstamp${dir}${nulls}${then}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(' ORDER BY Name', ' ORDER BY Name, SystemModstamp DESC', ' ORDER BY Id DESC'),
  },
);

const queryArb = fc.record({
  parts: fc.array(partArb, { maxLength: 2 }),
  order: orderArb,
  limit: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined, freq: 2 }),
  offset: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  count: fc.nat({ max: 4 }).map((n) => n === 0),
  includeDeleted: fc.boolean(),
});

type QueryShape = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;

function soqlOf(q: QueryShape, org: OrgCore, ids: readonly string[]): string {
  const parts = q.parts.map((p) => renderPart(p, org, ids));
  const where = parts.length === 0 ? '' : ` WHERE ${parts.join(' AND ')}`;
  if (q.count) return `SELECT COUNT() FROM Account${where}`;
  const limit = q.limit === undefined ? '' : ` LIMIT ${q.limit}`;
  const offset = q.offset === undefined || q.limit === undefined ? '' : ` OFFSET ${q.offset}`;
  return `SELECT Id, Name, SystemModstamp, IsDeleted FROM Account${where}${q.order}${limit}${offset}`;
}

describe('SystemModstamp index in the local org', () => {
  it('answers every query shape exactly as a full scan does, after any writes or a reload', () => {
    fc.assert(
      fc.property(
        fc.array(writeArb, { maxLength: 60, size: 'max' }),
        fc.array(queryArb, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (ops, queries, reload) => {
          let org = newOrg();
          const ids = apply(org, ops);
          if (reload) org = reloaded(org);
          org.clock.set(new Date(`${DAY}T12:30:00Z`), true);
          const scan = viewOf(org, false);
          for (const q of queries) {
            const soql = soqlOf(q, org, ids);
            const options = { includeDeleted: q.includeDeleted, apiVersion: '63.0' };
            const want = executeSoql(soql, scan, { ...options, now: org.clock.now() });
            const got = runSoql(org, soql, options);
            expect(got, soql).to.deep.equal(want);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the index in step with the rows through writes and rollbacks', () => {
    fc.assert(
      fc.property(fc.array(writeArb, { maxLength: 80, size: 'max' }), (ops) => {
        const org = newOrg();
        apply(org, ops);
        const seen: { row: SoqlRow; seq: number }[] = [];
        org.store.modstampIndex('Account').visit(undefined, undefined, false, (row, key, seq) => {
          expect(key).to.equal(canonicalDatetime(row['SystemModstamp']));
          seen.push({ row, seq });
          return true;
        });
        // The very rows the table holds, and seqs in the table's order.
        const bySeq = [...seen].sort((a, b) => a.seq - b.seq).map((e) => e.row);
        expect(bySeq).to.have.ordered.members([...org.store.rows('Account')]);
      }),
      { numRuns: 200 },
    );
  });

  it('answers getUpdated / getDeleted windows as a scan of the table does', () => {
    fc.assert(
      fc.property(fc.array(writeArb, { maxLength: 60, size: 'max' }), atArb, atArb, (ops, a, b) => {
        const org = newOrg();
        apply(org, ops);
        // Windows are whole minutes in the route; any whole seconds work the same here.
        const start = instant(SECONDS[Math.min(a, b)] as string);
        const end = instant(SECONDS[Math.max(a, b)] as string);
        const want = [...org.store.rows('Account')].filter((row) => {
          const t = parseDateTime(String(row['SystemModstamp']))?.getTime() ?? 0;
          return t >= start.getTime() && t < end.getTime();
        });
        expect(rowsInWindow(org, 'Account', start, end)).to.deep.equal(want);
      }),
      { numRuns: 200 },
    );
  });

  it("reads the sync's poll shapes from the index, never scanning the table", () => {
    const org = newOrg();
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) {
      org.clock.set(new Date(Date.UTC(2024, 4, 15, 10, 0, Math.floor(i / 100))), true);
      ids.push(org.insert('Account', { Name: `A${i}` }));
    }
    const noScan = viewOf(org, true, () => {
      throw new Error('scanned');
    });
    const t = '2024-05-15T10:00:10Z';
    const after = ids[1005] as string;
    const run = (soql: string) =>
      executeSoql(soql, noScan, {
        now: org.clock.now(),
        includeDeleted: false,
        apiVersion: '63.0',
      }).records.map((r) => r['Id']);
    const fields = 'Id, Name, SystemModstamp';
    const poll = `SELECT ${fields} FROM Account WHERE SystemModstamp >= ${t} ORDER BY SystemModstamp, Id LIMIT 2000`;
    expect(run(poll)).to.deep.equal(ids.slice(1000, 3000));
    expect(
      run(
        `SELECT ${fields} FROM Account WHERE (SystemModstamp > ${t} OR (SystemModstamp = ${t} AND Id > '${after}')) ORDER BY SystemModstamp ASC, Id ASC LIMIT 5`,
      ),
    ).to.deep.equal(ids.slice(1006, 1011));
    expect(run(`SELECT Id FROM Account WHERE SystemModstamp > 2024-05-15T10:00:29Z`)).to.deep.equal([]);
    expect(run(`SELECT Id FROM Account ORDER BY SystemModstamp DESC, Id DESC LIMIT 2`)).to.deep.equal([
      ids[2999],
      ids[2998],
    ]);
  });

  it('falls back to a scan when the index would read too much, with the same answers', () => {
    const org = newOrg();
    for (let i = 0; i < 12_000; i++) {
      org.clock.set(new Date(Date.UTC(2024, 4, 15, 10, 0, Math.floor(i / 100))), true);
      org.insert('Account', { Name: i % 1000 === 0 ? 'rare' : 'common' });
    }
    let scans = 0;
    const counting = viewOf(org, true, () => scans++);
    const options = { now: org.clock.now(), includeDeleted: false, apiVersion: '63.0' };
    const cases: [soql: string, scanned: number][] = [
      // A narrow range is read from the index, a wide one by a scan.
      ['SELECT Id FROM Account WHERE SystemModstamp >= 2024-05-15T10:01:50Z', 0],
      ['SELECT COUNT() FROM Account WHERE SystemModstamp >= 2024-05-15T10:00:10Z', 1],
      // An ordered walk that keeps finding rows stays on the index…
      ['SELECT Id FROM Account ORDER BY SystemModstamp DESC, Id LIMIT 50', 0],
      ["SELECT Id FROM Account WHERE Name = 'rare' ORDER BY SystemModstamp LIMIT 1", 0],
      // …and one that refuses too many rows on the way gives up for a scan.
      ["SELECT Id FROM Account WHERE Name = 'rare' ORDER BY SystemModstamp DESC NULLS FIRST, Id LIMIT 20", 1],
    ];
    for (const [soql, scanned] of cases) {
      scans = 0;
      const got = executeSoql(soql, counting, options);
      expect(got, soql).to.deep.equal(executeSoql(soql, viewOf(org, false), options));
      expect(scans, soql).to.equal(scanned);
    }
  });
});
