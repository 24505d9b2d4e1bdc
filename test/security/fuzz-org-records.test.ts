// Fuzzing the local org's record writes: bodies with wrong types, nulls, 1 MB and unicode strings,
// unknown and read-only fields, and bodies that are not records at all. Whatever comes in, the answer
// is a Salesforce error (status 4xx, [{ errorCode, message }]) and never a 500, and a refused write
// leaves the store exactly as it was.
import { expect } from 'chai';
import fc from 'fast-check';
import { startLocalOrg, type LocalOrg } from '../../src/localorg/index.js';
import { errorCodes, orgCall } from './support.js';

const MEGABYTE = 'x'.repeat(1024 * 1024);
const UNICODE_MEGABYTE = '😀ü漢'.repeat(1024 * 1024 / 4);

const OBJECTS = ['Account', 'Opportunity', 'Contact'] as const;
type ObjectName = (typeof OBJECTS)[number];
const FIELDS: Record<ObjectName, string[]> = {
  Account: ['Name', 'AccountNumber', 'Website', 'Phone', 'Industry', 'AnnualRevenue', 'NumberOfEmployees', 'Description', 'OwnerId', 'ParentId'],
  Opportunity: ['Name', 'Amount', 'Probability', 'CloseDate', 'StageName', 'NextStep', 'AccountId', 'IsClosed', 'IsWon', 'Description'],
  Contact: ['LastName', 'FirstName', 'Email', 'Phone', 'Title', 'AccountId', 'Description'],
};
const SYSTEM = ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'IsDeleted', 'CreatedById', 'attributes'];

/** Any JSON value, including the 1 MB ones and nested junk. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e-308, '', ' ', 'NaN', 'Infinity', '2024-13-45', 'not-an-email', '001000000000000AAA', "' OR 1=1 --"),
  fc.constantFrom(MEGABYTE, UNICODE_MEGABYTE),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.string(), { maxLength: 3 }),
);

/** A value that is wrong for every field on these objects: no field takes an object, an array or a megabyte. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.constantFrom(MEGABYTE, UNICODE_MEGABYTE),
);

const fieldName = (object: ObjectName) => fc.oneof(fc.constantFrom(...FIELDS[object], ...SYSTEM), fc.string({ unit: 'binary', maxLength: 20 }));

const anyRecord = (object: ObjectName) => fc.dictionary(fieldName(object), anyValue, { maxKeys: 6 });

/** A record with at least one field the org must refuse. */
const badRecord = (object: ObjectName) =>
  fc
    .tuple(
      anyRecord(object),
      fc.oneof(
        fc.tuple(fc.constantFrom(...FIELDS[object]), wrongValue),
        fc.tuple(fc.constantFrom('Nope__c', 'DROP TABLE', '', 'Name.Id'), anyValue),
      ),
    )
    .map(([rest, [key, value]]) => ({ ...rest, [key]: value }));

/** Bodies that are not a record at all. */
const notARecord: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', 'null', '[]', '"Name"', '42', 'true', '{', '{"Name":', '{"Name":"a"}{', '\u0000', '{"Name":"a",}', `"${MEGABYTE}"`),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }).map((a) => JSON.stringify(a)),
);

function snapshot(org: LocalOrg, ids: Record<ObjectName, string>): string {
  const counts = OBJECTS.map((o) => org.core.query(`SELECT COUNT() FROM ${o}`).totalSize);
  return JSON.stringify({ counts, records: OBJECTS.map((o) => org.core.record(o, ids[o])) });
}

describe('security: fuzzing record writes to the local org', function () {
  this.timeout(120_000);
  let org: LocalOrg;
  const ids = {} as Record<ObjectName, string>;

  before(async () => {
    org = await startLocalOrg({ port: 0 });
    ids.Account = org.core.insert('Account', { Name: 'Fuzz Target Ltd', NumberOfEmployees: 10 });
    ids.Opportunity = org.core.insert('Opportunity', { Name: 'Fuzz deal', StageName: 'Prospecting', CloseDate: '2030-01-01', AccountId: ids.Account });
    ids.Contact = org.core.insert('Contact', { LastName: 'Fuzz', Email: 'fuzz@example.com', AccountId: ids.Account });
  });
  after(async () => {
    await org?.stop();
  });

  const refusedWithoutChange = async (method: string, path: string, body: string, what: string) => {
    const before = snapshot(org, ids);
    const res = await orgCall(org, method, path, body);
    expect(res.status, `${what}: ${res.text.slice(0, 300)}`).to.be.within(400, 499);
    errorCodes(res.json);
    expect(snapshot(org, ids), `${what} changed the store`).to.equal(before);
  };

  it('create with a bad field: a Salesforce error, never a 500, nothing created', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OBJECTS).chain((o) => fc.tuple(fc.constant(o), badRecord(o))), async ([object, record]) => {
        await refusedWithoutChange('POST', `/services/data/v63.0/sobjects/${object}`, JSON.stringify(record), `create ${object} ${JSON.stringify(record).slice(0, 200)}`);
      }),
      { numRuns: 80 },
    );
  });

  it('update with a bad field: a Salesforce error, never a 500, the record unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OBJECTS).chain((o) => fc.tuple(fc.constant(o), badRecord(o))), async ([object, record]) => {
        await refusedWithoutChange('PATCH', `/services/data/v63.0/sobjects/${object}/${ids[object]}`, JSON.stringify(record), `update ${object} ${JSON.stringify(record).slice(0, 200)}`);
      }),
      { numRuns: 80 },
    );
  });

  it('a body that is not a record: JSON_PARSER_ERROR or a similar 4xx, never a 500, nothing changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OBJECTS), notARecord, fc.boolean(), async (object, body, update) => {
        const path = update ? `/services/data/v63.0/sobjects/${object}/${ids[object]}` : `/services/data/v63.0/sobjects/${object}`;
        if (body.trim() === '' && update) return; // an empty PATCH body is a no-op update in Salesforce too
        await refusedWithoutChange(update ? 'PATCH' : 'POST', path, body, `${update ? 'update' : 'create'} ${object} ${JSON.stringify(body.slice(0, 80))}`);
      }),
      { numRuns: 120 },
    );
  });

  it('any record at all: never a 500; a refusal leaves the store as it was; a success reads back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OBJECTS).chain((o) => fc.tuple(fc.constant(o), anyRecord(o))), fc.boolean(), async ([object, record], update) => {
        const before = snapshot(org, ids);
        const path = update ? `/services/data/v63.0/sobjects/${object}/${ids[object]}` : `/services/data/v63.0/sobjects/${object}`;
        const res = await orgCall(org, update ? 'PATCH' : 'POST', path, JSON.stringify(record));
        const what = `${update ? 'update' : 'create'} ${object} ${JSON.stringify(record).slice(0, 200)}: ${res.text.slice(0, 200)}`;
        expect(res.status, what).to.be.below(500);
        if (res.status >= 400) {
          errorCodes(res.json);
          expect(snapshot(org, ids), what).to.equal(before);
        } else {
          const id = update ? ids[object] : (res.json as { id: string }).id;
          expect((await orgCall(org, 'GET', `/services/data/v63.0/sobjects/${object}/${id}`)).status, what).to.equal(200);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('collections with allOrNone: one bad record refuses the whole batch, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OBJECTS).chain((o) => fc.tuple(fc.constant(o), badRecord(o))), async ([object, bad]) => {
        const good = object === 'Contact' ? { LastName: 'Good' } : object === 'Account' ? { Name: 'Good' } : { Name: 'Good', StageName: 'Prospecting', CloseDate: '2030-01-01' };
        const before = snapshot(org, ids);
        const body = JSON.stringify({ allOrNone: true, records: [{ attributes: { type: object }, ...good }, { attributes: { type: object }, ...bad }] });
        const res = await orgCall(org, 'POST', '/services/data/v63.0/composite/sobjects', body);
        const what = `${object} ${JSON.stringify(bad).slice(0, 200)}: ${res.text.slice(0, 300)}`;
        expect(res.status, what).to.be.below(500);
        if (res.status >= 400) errorCodes(res.json);
        else {
          const results = res.json as { success: boolean; errors: { statusCode: string; message: string }[] }[];
          expect(results.map((r) => r.success), what).to.deep.equal([false, false]);
          for (const r of results) expect(r.errors[0]?.statusCode, what).to.be.a('string');
        }
        expect(snapshot(org, ids), what).to.equal(before);
      }),
      { numRuns: 50 },
    );
  });
});
