// Queries per second of the local org's SOQL engine on in-memory tables of 100k and 1M rows, for the
// statement shapes the sync issues. Prints figures only; nothing here asserts on time.
import {
  OrderedIndex,
  executeSoql,
  to18,
  type SoqlDataSource,
  type SoqlObject,
  type SoqlOrderedIndex,
} from '../src/localorg/soql/index.js';

type Row = Readonly<Record<string, unknown>>;

const objects: SoqlObject[] = [
  {
    name: 'Account',
    fields: [
      { name: 'Id', type: 'id' },
      { name: 'IsDeleted', type: 'boolean' },
      { name: 'Name', type: 'string' },
    ],
    childRelationships: [
      { relationshipName: 'Opportunities', childSObject: 'Opportunity', field: 'AccountId' },
    ],
  },
  {
    name: 'Opportunity',
    fields: [
      { name: 'Id', type: 'id' },
      { name: 'IsDeleted', type: 'boolean' },
      { name: 'Name', type: 'string' },
      { name: 'AccountId', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' },
      { name: 'StageName', type: 'picklist' },
      { name: 'Amount', type: 'currency' },
      { name: 'IsClosed', type: 'boolean' },
      { name: 'CloseDate', type: 'date' },
      { name: 'SystemModstamp', type: 'datetime' },
    ],
    childRelationships: [],
  },
];

class Tables implements SoqlDataSource {
  readonly rows = new Map<string, Row[]>();
  readonly index = new Map<string, Map<string, Row>>();
  /** (SystemModstamp, Id) per object, as the local org's store keeps it. */
  readonly modstamp = new Map<string, OrderedIndex<Row>>();
  object(name: string): SoqlObject | undefined {
    return objects.find((o) => o.name.toLowerCase() === name.toLowerCase());
  }
  records(objectName: string): Iterable<Row> {
    return this.rows.get(objectName) ?? [];
  }
  byId(objectName: string, id: string): Row | undefined {
    return this.index.get(objectName)?.get(id);
  }
  add(objectName: string, row: Row): void {
    let rows = this.rows.get(objectName);
    if (rows === undefined) this.rows.set(objectName, (rows = []));
    rows.push(row);
    let index = this.index.get(objectName);
    if (index === undefined) this.index.set(objectName, (index = new Map()));
    index.set(String(row['Id']), row);
    let modstamp = this.modstamp.get(objectName);
    if (modstamp === undefined) this.modstamp.set(objectName, (modstamp = new OrderedIndex()));
    const stamp = row['SystemModstamp'];
    modstamp.insert(typeof stamp === 'string' ? stamp : null, String(row['Id']), rows.length - 1, row);
  }
  orderedIndex(objectName: string, fieldName: string): SoqlOrderedIndex | undefined {
    return fieldName === 'SystemModstamp' ? this.modstamp.get(objectName) : undefined;
  }
}

/** The same tables without the index: every query scans. */
const scanning = (source: Tables): SoqlDataSource => ({
  object: (name) => source.object(name),
  records: (name) => source.records(name),
  byId: (name, id) => source.byId(name, id),
});

const STAGES = ['Prospecting', 'Qualification', 'Negotiation', 'Closed Won', 'Closed Lost'];
const BASE = Date.UTC(2024, 0, 1);

function build(n: number): { source: Tables; oppIds: string[] } {
  const source = new Tables();
  const accounts = Math.max(1, Math.floor(n / 100));
  for (let i = 0; i < accounts; i++) {
    source.add('Account', {
      Id: to18(`001Bc${String(i).padStart(10, '0')}`),
      IsDeleted: false,
      Name: `Account ${i}`,
    });
  }
  const oppIds: string[] = [];
  // A deterministic pseudo-random sequence so runs are comparable.
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let i = 0; i < n; i++) {
    const id = to18(`006Bc${String(i).padStart(10, '0')}`);
    oppIds.push(id);
    const stage = STAGES[i % STAGES.length] as string;
    source.add('Opportunity', {
      Id: id,
      IsDeleted: i % 97 === 0,
      Name: `Deal ${i}`,
      AccountId: to18(`001Bc${String(i % accounts).padStart(10, '0')}`),
      StageName: stage,
      Amount: Math.round(rand() * 100_000),
      IsClosed: stage.startsWith('Closed'),
      CloseDate: new Date(BASE + Math.floor(rand() * 365) * 86_400_000).toISOString().slice(0, 10),
      SystemModstamp: new Date(BASE + Math.floor(rand() * 365 * 86_400) * 1000)
        .toISOString()
        .replace('Z', '+0000'),
    });
  }
  // Place the index's out-of-order entries (random stamps) now, so the build time includes them.
  source.orderedIndex('Opportunity', 'SystemModstamp')?.countBetween(undefined, undefined);
  return { source, oppIds };
}

function measure(label: string, run: () => number, budgetMs = 1500): void {
  const first = run(); // warm the parse cache and JIT
  let iterations = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < budgetMs || iterations < 3) {
    run();
    iterations++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const perQuery = elapsed / iterations;
  const qps = 1000 / perQuery;
  console.log(
    `  ${label.padEnd(58)} ${qps.toFixed(1).padStart(9)} q/s ${perQuery.toFixed(2).padStart(9)} ms/q  rows=${first}`,
  );
}

const options = { now: new Date('2024-12-31T00:00:00Z'), includeDeleted: false, apiVersion: '63.0' };

for (const n of [100_000, 1_000_000]) {
  const t0 = Date.now();
  const { source, oppIds } = build(n);
  console.log(
    `\n${n.toLocaleString('en-US')} opportunities (${(n / 100).toLocaleString('en-US')} accounts), built in ${Date.now() - t0} ms`,
  );
  const q = (soql: string) => () => executeSoql(soql, source, options).totalSize;
  const poll =
    'SELECT Id, Name, Amount, SystemModstamp FROM Opportunity WHERE SystemModstamp > 2024-07-01T00:00:00Z ORDER BY SystemModstamp, Id LIMIT 2000';
  measure('WHERE SystemModstamp > X ORDER BY SystemModstamp, Id LIMIT 2000', q(poll));
  const noIndex = scanning(source);
  measure(
    '  same, without the SystemModstamp index (scan)',
    () => executeSoql(poll, noIndex, options).totalSize,
  );
  measure(
    '  keyset: (> X OR (= X AND Id > y)) ORDER BY … LIMIT 2000',
    q(
      `SELECT Id, Name, Amount, SystemModstamp FROM Opportunity WHERE (SystemModstamp > 2024-07-01T00:00:00Z OR (SystemModstamp = 2024-07-01T00:00:00Z AND Id > '${oppIds[0]}')) ORDER BY SystemModstamp, Id LIMIT 2000`,
    ),
  );
  measure(
    '  steady state: SystemModstamp > newest (0 rows)',
    q(
      'SELECT Id FROM Opportunity WHERE SystemModstamp > 2025-01-01T00:00:00Z ORDER BY SystemModstamp, Id LIMIT 2000',
    ),
  );
  const ids = oppIds.filter((_, i) => i % Math.floor(n / 200) === 1).slice(0, 200);
  measure(
    'WHERE Id IN (200 ids)',
    q(`SELECT Id, Name, Account.Name FROM Opportunity WHERE Id IN ('${ids.join("','")}')`),
  );
  measure(
    "WHERE StageName = 'Closed Won' AND Amount > 50000 LIMIT 2000",
    q(
      "SELECT Id, Name, Account.Name FROM Opportunity WHERE StageName = 'Closed Won' AND Amount > 50000 LIMIT 2000",
    ),
  );
  measure(
    "WHERE Name LIKE 'Deal 12%' (full scan)",
    q("SELECT Id FROM Opportunity WHERE Name LIKE 'Deal 12%'"),
  );
  measure('SELECT COUNT() WHERE IsClosed = true', q('SELECT COUNT() FROM Opportunity WHERE IsClosed = true'));
  measure(
    'CloseDate = THIS_QUARTER ORDER BY Amount DESC LIMIT 10',
    q('SELECT Id FROM Opportunity WHERE CloseDate = THIS_QUARTER ORDER BY Amount DESC LIMIT 10'),
  );
  measure(
    'GROUP BY StageName: COUNT(Id), SUM(Amount)',
    q('SELECT StageName, COUNT(Id), SUM(Amount) FROM Opportunity GROUP BY StageName'),
  );
  measure(
    'Account + (SELECT … FROM Opportunities) LIMIT 200',
    q('SELECT Id, Name, (SELECT Id, Amount FROM Opportunities) FROM Account ORDER BY Name LIMIT 200'),
  );
}
