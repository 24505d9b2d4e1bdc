// Metadata deploy over the REST Metadata API, driven by the real tooling: SDR builds the zip from
// force-app and polls /metadata/deployRequest through an @salesforce/core Connection; the deployed
// schema then governs describe, DML and SOQL.
import { expect } from 'chai';
import JSZip from 'jszip';
import type { Connection } from '@salesforce/core';
import { startLocalOrg, type LocalOrg } from '../../src/localorg/index.js';
import { localOnly, rejection } from './helpers.js';
import {
  deploySource,
  ensureComponentBundle,
  fieldXml,
  FORCE_APP,
  objectXml,
  sfConnection,
  sourceProject,
} from './support-deploy.js';

type Failure = {
  componentType: string;
  fullName: string;
  fileName: string;
  problem: string;
  problemType: string;
  lineNumber: number | null;
};

const failuresOf = (r: { response: { details: { componentFailures?: unknown } } }): Failure[] => {
  const f = r.response.details.componentFailures;
  return (Array.isArray(f) ? f : f === undefined ? [] : [f]) as Failure[];
};

localOnly('local org: metadata deploy (REST, through SDR)', function () {
  this.timeout(60_000);
  let org: LocalOrg;
  let conn: Connection;
  let first: Awaited<ReturnType<typeof deploySource>>;

  before(async () => {
    ensureComponentBundle();
    org = await startLocalOrg();
    conn = await sfConnection(org);
    first = await deploySource(conn, FORCE_APP);
  });
  after(async () => {
    await org.stop();
  });

  it('deploys force-app, polling Pending/InProgress until Succeeded, every component created', () => {
    const { result, statuses } = first;
    expect(failuresOf(result), JSON.stringify(failuresOf(result))).to.deep.equal([]);
    expect(result.response.status).to.equal('Succeeded');
    expect(result.response.success).to.equal(true);
    expect(statuses).to.include('InProgress');
    expect(result.response.numberComponentsTotal).to.be.greaterThan(100);
    expect(result.response.numberComponentsDeployed).to.equal(result.response.numberComponentsTotal);
    const files = result.getFileResponses();
    expect(files.length).to.be.greaterThan(100);
    expect(new Set(files.map((f) => f.state))).to.deep.equal(new Set(['Created']));
    const types = new Set(files.map((f) => f.type));
    for (const t of [
      'CustomObject',
      'CustomField',
      'CustomMetadata',
      'PermissionSet',
      'StaticResource',
      'Layout',
      'CustomTab',
      'ValidationRule',
      'ListView',
    ]) {
      expect(types, t).to.include(t);
    }
    expect(org.core.metrics.snapshot(0).callsByClass.metadata ?? 0).to.be.at.least(3);
  });

  it('describes Deal_Registration__c with the deployed fields and types', async () => {
    const d = await conn.describe('Deal_Registration__c');
    expect(d.custom).to.equal(true);
    expect(d.label).to.equal('Deal Registration');
    const f = Object.fromEntries(d.fields.map((x) => [x.name, x]));
    expect(f['Name']).to.include({ type: 'string', autoNumber: true, createable: false });
    expect(f['Partner_Account__c']).to.include({
      type: 'reference',
      nillable: false,
      relationshipName: 'Partner_Account__r',
    });
    expect(f['Partner_Account__c']!.referenceTo).to.deep.equal(['Account']);
    expect(f['Conflict_With__c']!.referenceTo).to.deep.equal(['Deal_Registration__c']);
    expect(f['External_Id__c']).to.include({
      type: 'string',
      externalId: true,
      unique: true,
      idLookup: true,
    });
    expect(f['Estimated_Amount__c']).to.include({ type: 'currency' });
    expect(f['Submitted_At__c']).to.include({ type: 'datetime' });
    expect(f['Decision_Reasons__c']).to.include({ type: 'textarea', length: 32768 });
    expect(f['Status__c']!.type).to.equal('picklist');
    expect((f['Status__c']!.picklistValues ?? []).map((p) => p.value)).to.include.members([
      'Draft',
      'Submitted',
      'Approved',
      'Rejected',
      'Expired',
      'Withdrawn',
    ]);
    expect(f['Status__c']!.restrictedPicklist).to.equal(true);
  });

  it('adds custom fields to standard objects and makes master-detail children owner-less and cascading', async () => {
    const account = await conn.describe('Account');
    const accountFields = account.fields.map((x) => x.name);
    expect(accountFields).to.include.members([
      'Name',
      'Partner_Tier__c',
      'Partner_Health_Score__c',
      'Partner_Type__c',
    ]);
    const split = await conn.describe('Co_Sell_Split__c');
    const opp = split.fields.find((x) => x.name === 'Opportunity__c')!;
    expect(opp).to.include({ type: 'reference', nillable: false, cascadeDelete: true });
    expect(split.fields.map((x) => x.name)).not.to.include('OwnerId');
    const opportunity = await conn.describe('Opportunity');
    expect(opportunity.childRelationships.map((c) => c.relationshipName)).to.include('Co_Sell_Splits__r');
  });

  it('enforces required, unique and external-id fields on records', async () => {
    const missing = await rejection(() =>
      conn.sobject('Deal_Registration__c').create({ Customer_Name__c: 'Acme', External_Id__c: 'DR-T-1' }),
    );
    expect(missing.errorCode).to.equal('REQUIRED_FIELD_MISSING');
    expect(missing.message).to.contain('Partner_Account__c');
    const partner = await conn
      .sobject('Account')
      .create({ Name: 'Partner One', Partner_Type__c: 'Reseller' });
    const created = await conn
      .sobject('Deal_Registration__c')
      .create({ Partner_Account__c: partner.id, Customer_Name__c: 'Acme', External_Id__c: 'DR-T-1' });
    expect(created.success).to.equal(true);
    const row = await conn.sobject('Deal_Registration__c').retrieve(created.id!);
    expect(row['Name']).to.match(/^DR-\d{5}$/);
    expect(row['Status__c']).to.equal('Draft');
    const dup = await rejection(() =>
      conn
        .sobject('Deal_Registration__c')
        .create({ Partner_Account__c: partner.id, Customer_Name__c: 'Other', External_Id__c: 'dr-t-1' }),
    );
    expect(dup.errorCode).to.equal('DUPLICATE_VALUE');
    expect(dup.message).to.contain(created.id);
    const up = await conn
      .sobject('Deal_Registration__c')
      .upsert({ External_Id__c: 'DR-T-1', Customer_Name__c: 'Acme Corp' }, 'External_Id__c');
    expect(up).to.include({ success: true, id: created.id });
    const bad = await rejection(() =>
      conn
        .sobject('Deal_Registration__c')
        .create({ Partner_Account__c: partner.id, Customer_Name__c: 'X', Status__c: 'Maybe' }),
    );
    expect(bad.errorCode).to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it('makes custom metadata records queryable by SOQL and read-only to DML', async () => {
    const tiers = await conn.query<{ DeveloperName: string; Rank__c: number }>(
      'SELECT DeveloperName, Rank__c FROM PRM_Tier__mdt ORDER BY Rank__c',
    );
    expect(tiers.records.map((r) => [r.DeveloperName, r.Rank__c])).to.deep.equal([
      ['Registered', 1],
      ['Silver', 2],
      ['Gold', 3],
      ['Platinum', 4],
    ]);
    const setting = await conn.query<Record<string, unknown>>(
      "SELECT MasterLabel, Protection_Days__c, Auto_Approve__c FROM PRM_Program_Setting__mdt WHERE DeveloperName = 'Default'",
    );
    expect(setting.totalSize).to.equal(1);
    expect(setting.records[0]!['Protection_Days__c']).to.be.a('number');
    expect(setting.records[0]!['Auto_Approve__c']).to.be.a('boolean');
    const measures = await conn.query('SELECT COUNT() FROM PRM_Health_Measure__mdt');
    expect(measures.totalSize).to.equal(9);
    const write = await rejection(() => conn.sobject('PRM_Tier__mdt').create({ DeveloperName: 'Nope' }));
    expect(write.errorCode).to.equal('INVALID_TYPE_FOR_OPERATION');
  });

  it('records deployed permission sets as PermissionSet rows', async () => {
    const sets = await conn.query<{ Name: string }>(
      "SELECT Name FROM PermissionSet WHERE Name LIKE 'PRM%' ORDER BY Name",
    );
    expect(sets.records.map((r) => r.Name)).to.deep.equal([
      'PRM_Admin',
      'PRM_Partner_Manager',
      'PRM_Sales_Rep',
      'PRM_Sync_Integration',
    ]);
  });

  it('redeploys the same package as a no-op: unchanged components, same schema and records', async () => {
    const before = (await conn.describe('Deal_Registration__c')).fields.map((f) => `${f.name}:${f.type}`);
    const tierIds = (
      await conn.query<{ Id: string }>('SELECT Id FROM PRM_Tier__mdt ORDER BY Id')
    ).records.map((r) => r.Id);
    const again = await deploySource(conn, FORCE_APP);
    expect(again.result.response.status).to.equal('Succeeded');
    expect(new Set(again.result.getFileResponses().map((f) => f.state))).to.deep.equal(
      new Set(['Unchanged']),
    );
    conn.describe$.clear();
    expect(
      (await conn.describe('Deal_Registration__c')).fields.map((f) => `${f.name}:${f.type}`),
    ).to.deep.equal(before);
    expect(
      (await conn.query<{ Id: string }>('SELECT Id FROM PRM_Tier__mdt ORDER BY Id')).records.map((r) => r.Id),
    ).to.deep.equal(tierIds);
  });

  describe('broken components', () => {
    const broken = (): string =>
      sourceProject({
        'objects/Gadget__c/Gadget__c.object-meta.xml': objectXml('Gadget'),
        'objects/Gadget__c/fields/Size__c.field-meta.xml': fieldXml(
          '<fullName>Size__c</fullName><label>Size</label><type>Banana</type>',
        ),
        'objects/Gadget__c/fields/Owner_Thing__c.field-meta.xml': fieldXml(
          '<fullName>Owner_Thing__c</fullName><label>Thing</label><type>Lookup</type><referenceTo>Nope__c</referenceTo><relationshipName>Gadgets</relationshipName>',
        ),
        'objects/Gadget__c/fields/Code__c.field-meta.xml': fieldXml(
          '<fullName>Code__c</fullName><label>Code</label><type>Text</type><length>20</length>',
        ),
      });

    it('fails the deploy with Salesforce-shaped componentFailures and applies nothing', async () => {
      const { result } = await deploySource(conn, broken());
      expect(result.response.status).to.equal('Failed');
      expect(result.response.success).to.equal(false);
      const failures = failuresOf(result);
      const size = failures.find((f) => f.fullName === 'Gadget__c.Size__c')!;
      expect(size).to.include({
        componentType: 'CustomField',
        fileName: 'objects/Gadget__c.object',
        problemType: 'Error',
      });
      expect(size.problem).to.equal("'Banana' is not a valid value for the enum 'FieldType'");
      const lookup = failures.find((f) => f.fullName === 'Gadget__c.Owner_Thing__c')!;
      expect(lookup.problem).to.contain(
        "referenceTo value of 'Nope__c' does not resolve to a valid sObject type",
      );
      const failedFiles = result.getFileResponses().filter((f) => f.state === 'Failed');
      expect(failedFiles.map((f) => f.fullName).sort()).to.deep.equal([
        'Gadget__c.Owner_Thing__c',
        'Gadget__c.Size__c',
      ]);
      const err = await rejection(() => conn.describe('Gadget__c'));
      expect(err.errorCode).to.equal('NOT_FOUND');
    });

    it('applies the good components when rollbackOnError is off (SucceededPartial)', async () => {
      const { result } = await deploySource(conn, broken(), { rollbackOnError: false });
      expect(result.response.status).to.equal('SucceededPartial');
      conn.describe$.clear();
      const fields = (await conn.describe('Gadget__c')).fields.map((f) => f.name);
      expect(fields).to.include('Code__c');
      expect(fields).not.to.include('Size__c');
      expect(fields).not.to.include('Owner_Thing__c');
    });

    it('fails a field without a type and a custom metadata value of the wrong type', async () => {
      const path = sourceProject({
        'objects/Widget2__c/Widget2__c.object-meta.xml': objectXml('Widget'),
        'objects/Widget2__c/fields/Broken__c.field-meta.xml':
          '<?xml version="1.0"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n<fullName>Broken__c</fullName>\n<label>Oops</label></CustomField>\n',
        'customMetadata/PRM_Tier.Diamond.md-meta.xml':
          '<?xml version="1.0"?>\n<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata">\n<label>Diamond</label>\n<values><field>Rank__c</field><value>five</value></values>\n</CustomMetadata>\n',
      });
      const { result } = await deploySource(conn, path);
      expect(result.response.status).to.equal('Failed');
      const failures = failuresOf(result);
      expect(failures.find((f) => f.fullName === 'Widget2__c.Broken__c')?.problem).to.contain(
        'Must specify a type',
      );
      expect(failures.find((f) => f.fullName === 'PRM_Tier.Diamond')?.problem).to.contain('Rank__c');
      expect((await conn.query('SELECT COUNT() FROM PRM_Tier__mdt')).totalSize).to.equal(4);
    });

    it('fails a permission set that grants a field that does not exist', async () => {
      const path = sourceProject({
        'permissionsets/Bad_Set.permissionset-meta.xml':
          '<?xml version="1.0"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n<fieldPermissions><editable>true</editable><field>Account.No_Such__c</field><readable>true</readable></fieldPermissions>\n<label>Bad Set</label>\n</PermissionSet>\n',
      });
      const { result } = await deploySource(conn, path);
      expect(failuresOf(result)[0]).to.include({ componentType: 'PermissionSet', fullName: 'Bad_Set' });
      expect(failuresOf(result)[0]!.problem).to.equal(
        'In field: field - no CustomField named Account.No_Such__c found',
      );
    });
  });

  it('validates without applying when checkOnly is set', async () => {
    const path = sourceProject({
      'objects/Checked__c/Checked__c.object-meta.xml': objectXml('Checked'),
      'objects/Checked__c/fields/Flag__c.field-meta.xml': fieldXml(
        '<fullName>Flag__c</fullName><label>Flag</label><type>Checkbox</type><defaultValue>true</defaultValue>',
      ),
    });
    const { result } = await deploySource(conn, path, { checkOnly: true });
    expect(result.response.status).to.equal('Succeeded');
    expect(result.response.checkOnly).to.equal(true);
    const err = await rejection(() => conn.describe('Checked__c'));
    expect(err.errorCode).to.equal('NOT_FOUND');
    await deploySource(conn, path);
    conn.describe$.clear();
    const flag = (await conn.describe('Checked__c')).fields.find((f) => f.name === 'Flag__c')!;
    expect(flag).to.include({ type: 'boolean', defaultValue: true });
  });

  it('reports malformed XML in a hand-made zip (under a zip/ folder) with its line and column', async () => {
    const zip = new JSZip();
    zip.file(
      'zip/package.xml',
      '<?xml version="1.0"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Mangled__c</members><name>CustomObject</name></types><version>63.0</version></Package>',
    );
    zip.file(
      'zip/objects/Mangled__c.object',
      '<?xml version="1.0"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n<label>Mangled</label>\n<fields><fullName>A__c</fullName></field>\n</CustomObject>\n',
    );
    const buffer = await zip.generateAsync({ type: 'nodebuffer' });
    const { id } = await conn.metadata.deployRest(buffer, { rollbackOnError: true });
    let status = await conn.metadata.checkDeployStatus(id, true, true);
    for (let i = 0; i < 5 && !status.done; i++)
      status = await conn.metadata.checkDeployStatus(id, true, true);
    expect(status.done).to.equal(true);
    expect(status.status).to.equal('Failed');
    const failure = [status.details?.componentFailures ?? []].flat()[0]!;
    expect(failure).to.include({
      componentType: 'CustomObject',
      fullName: 'Mangled__c',
      fileName: 'zip/objects/Mangled__c.object',
    });
    expect(failure.problem).to.match(/^Error parsing file: /);
    expect(Number(failure.lineNumber)).to.equal(4);
    expect(Number(failure.columnNumber)).to.be.greaterThan(0);
  });

  it('answers a malformed deploy request and an unknown id as Salesforce does', async () => {
    const res = await fetch(`${org.instanceUrl}/services/data/v63.0/metadata/deployRequest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${org.accessToken}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).to.equal(400);
    const missing = await fetch(
      `${org.instanceUrl}/services/data/v63.0/metadata/deployRequest/0Af000000000000AAA`,
      {
        headers: { Authorization: `Bearer ${org.accessToken}` },
      },
    );
    expect(missing.status).to.equal(404);
  });
});
