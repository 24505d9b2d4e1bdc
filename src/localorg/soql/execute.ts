import type { FieldType, OrderByClause, Query, QueryBase } from '@jetstreamapp/soql-parser-js';
import { executeAggregate, isAggregateQuery } from './aggregate.js';
import { errorNear, messages } from './errors.js';
import { id15, isIdShaped, to18 } from './ids.js';
import { orderedRows, planIndex, rangeRows, type IndexPlan } from './index-plan.js';
import { parseSoql } from './parse.js';
import { compilePredicate, topLevelIds, type Predicate, type PredicateEnv } from './predicate.js';
import { TopK, beats, compareKeyed, keyOf, type Keyed, type SortKey } from './order.js';
import {
  childRelationship,
  compileProjection,
  renderRow,
  type Projection,
  type RenderEnv,
} from './project.js';
import {
  getterFor,
  requireObject,
  resolvePath,
  splitPath,
  type FieldPath,
  type ObjectInfo,
} from './schema.js';
import type { SoqlChildRelationship, SoqlDataSource, SoqlOptions, SoqlResult, SoqlRow } from './types.js';
import { normalizer, type Normalized } from './values.js';
import { buildWhereTree } from './where-tree.js';

export interface ExecEnv extends PredicateEnv, RenderEnv {
  includeDeleted: boolean;
}

export function executeSoql(soql: string, source: SoqlDataSource, options: SoqlOptions): SoqlResult {
  const query = parseSoql(soql);
  const env = makeEnv(soql, source, options, query.sObjectAlias);
  const info = requireObject(env, query.sObject ?? '');
  if (isCountOnly(query.fields)) return { totalSize: countRows(env, info, query), records: [] };
  if (isAggregateQuery(query)) return executeAggregate(env, info, query);
  return executeRows(env, info, query);
}

function makeEnv(
  soql: string,
  source: SoqlDataSource,
  options: SoqlOptions,
  alias: string | undefined,
): ExecEnv {
  const env: ExecEnv = {
    soql,
    source,
    now: options.now,
    alias,
    apiVersion: options.apiVersion,
    includeDeleted: options.includeDeleted,
    semiJoin: (query, path) => semiJoin(env, query, path),
  };
  return env;
}

function isCountOnly(fields: readonly FieldType[] | undefined): boolean {
  const first = fields?.[0];
  return (
    fields?.length === 1 &&
    first?.type === 'FieldFunctionExpression' &&
    first.functionName.toUpperCase() === 'COUNT' &&
    first.parameters.length === 0
  );
}

export interface RowPlan {
  info: ObjectInfo;
  predicate: Predicate | undefined;
  ids: string[] | undefined;
  sortKeys: SortKey[];
  offset: number;
  limit: number | undefined;
  /** How the source's ordered index serves the query, when it can and no Id list does better. */
  index: IndexPlan | undefined;
}

export function compileRowPlan(env: ExecEnv, info: ObjectInfo, query: QueryBase): RowPlan {
  const tree = query.where === undefined ? undefined : buildWhereTree(query.where, env.soql);
  const predicate = tree === undefined ? undefined : compilePredicate(env, info, tree);
  const ids = tree === undefined ? undefined : topLevelIds(tree, env.alias);
  return {
    info,
    predicate,
    ids,
    sortKeys: compileSortKeys(env, info, query.orderBy),
    offset: query.offset ?? 0,
    limit: query.limit,
    index: ids === undefined ? planIndex(env, info, tree, query.orderBy) : undefined,
  };
}

function compileSortKeys(
  env: ExecEnv,
  info: ObjectInfo,
  orderBy: OrderByClause | OrderByClause[] | undefined,
): SortKey[] {
  const clauses = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  return clauses.map((clause) => {
    if (!('field' in clause)) {
      const name = clause.fn.functionName ?? '';
      throw errorNear(env, 'MALFORMED_QUERY', name, messages.unexpectedToken(name));
    }
    const path = resolvePath(env, info, splitPath(clause.field, env.alias));
    return sortKeyFor(env, path, clause.order === 'DESC', clause.nulls);
  });
}

export function sortKeyFor(
  env: ExecEnv,
  path: FieldPath,
  descending: boolean,
  nulls: 'FIRST' | 'LAST' | undefined,
): SortKey {
  const get = getterFor(env.source, path);
  const norm = normalizer(path.kind);
  // Salesforce's defaults: nulls first ascending, last descending.
  const nullsFirst = nulls === undefined ? !descending : nulls === 'FIRST';
  return { key: (row) => norm(get(row)), descending, nullsFirst };
}

/** Up to this many kept rows, a heap beats sorting everything that matched. */
const TOP_K_MAX = 100_000;

/** The rows the query may match, in scan order. */
export function visibleRows(env: ExecEnv, plan: RowPlan): Iterable<SoqlRow> {
  const name = plan.info.object.name;
  if (plan.ids === undefined) {
    const inRange = plan.index === undefined ? undefined : rangeRows(plan.index);
    return inRange ?? env.source.records(name);
  }
  const rows: SoqlRow[] = [];
  const seen = new Set<string>();
  for (const id of plan.ids) {
    if (!isIdShaped(id) || seen.has(id15(id))) continue;
    seen.add(id15(id));
    const canonical = to18(id15(id));
    const row =
      env.source.byId(name, id) ?? (canonical === id ? undefined : env.source.byId(name, canonical));
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

/** The page of rows the plan selects, in order. */
export function planRows(env: ExecEnv, plan: RowPlan): SoqlRow[] {
  const { index, predicate, offset, limit } = plan;
  const end = limit === undefined ? Number.POSITIVE_INFINITY : offset + limit;
  if (index?.order !== undefined && end > 0) {
    // The index yields rows already in the ORDER BY's order: filter and stop at the page's end.
    const accept = (row: SoqlRow) =>
      (env.includeDeleted || row['IsDeleted'] !== true) && (predicate === undefined || predicate(row));
    const rows = orderedRows(index, index.order, accept, end);
    if (rows !== undefined) return rows.slice(offset);
  }
  return selectRows(env, plan, visibleRows(env, plan));
}

/** Filters, orders and slices; returns the rows of the page in order. */
export function selectRows(env: ExecEnv, plan: RowPlan, candidates: Iterable<SoqlRow>): SoqlRow[] {
  const { predicate, sortKeys, offset, limit } = plan;
  const includeDeleted = env.includeDeleted;
  const end = limit === undefined ? Number.POSITIVE_INFINITY : offset + limit;
  if (end <= 0) return [];
  if (sortKeys.length === 0) {
    const out: SoqlRow[] = [];
    for (const row of candidates) {
      if (!includeDeleted && row['IsDeleted'] === true) continue;
      if (predicate !== undefined && !predicate(row)) continue;
      out.push(row);
      if (out.length >= end) break;
    }
    return out.slice(offset);
  }
  const cmp = compareKeyed<SoqlRow>(sortKeys);
  let seq = 0;
  if (end <= TOP_K_MAX) {
    const top = new TopK<Keyed<SoqlRow>>(end, cmp);
    for (const row of candidates) {
      if (!includeDeleted && row['IsDeleted'] === true) continue;
      if (predicate !== undefined && !predicate(row)) continue;
      const worst = top.worst();
      // Most rows of a large scan lose to the heap's worst on the first key: skip keying them.
      if (worst !== undefined && !beats(sortKeys, row, worst)) {
        seq++;
        continue;
      }
      top.push(keyOf(sortKeys, row, row, seq++));
    }
    return top
      .sorted()
      .slice(offset)
      .map((k) => k.item);
  }
  const all: Keyed<SoqlRow>[] = [];
  for (const row of candidates) {
    if (!includeDeleted && row['IsDeleted'] === true) continue;
    if (predicate !== undefined && !predicate(row)) continue;
    all.push(keyOf(sortKeys, row, row, seq++));
  }
  all.sort(cmp);
  return all.slice(offset, end).map((k) => k.item);
}

function countRows(env: ExecEnv, info: ObjectInfo, query: Query): number {
  if (query.groupBy !== undefined) {
    throw errorNear(
      env,
      'MALFORMED_QUERY',
      'GROUP',
      'COUNT() and GROUP BY cannot be used together in the local org',
    );
  }
  const plan = compileRowPlan(env, info, {
    ...query,
    orderBy: undefined,
    limit: undefined,
    offset: undefined,
  });
  let count = 0;
  for (const row of visibleRows(env, plan)) {
    if (!env.includeDeleted && row['IsDeleted'] === true) continue;
    if (plan.predicate === undefined || plan.predicate(row)) count++;
  }
  count = Math.max(0, count - (query.offset ?? 0));
  return query.limit === undefined ? count : Math.min(count, query.limit);
}

interface ChildPlan {
  rel: SoqlChildRelationship;
  plan: RowPlan;
  projection: Projection;
}

function executeRows(env: ExecEnv, info: ObjectInfo, query: Query): SoqlResult {
  const projection = compileProjection(env, info, query.fields ?? [], env.alias, true);
  checkFieldsLimit(env, query);
  const plan = compileRowPlan(env, info, query);
  const children = projection.subqueries.map((subquery): ChildPlan => {
    const rel = childRelationship(env, info, subquery);
    const childInfo = requireObject(env, rel.childSObject);
    const childEnv: ExecEnv = { ...env, alias: undefined };
    return {
      rel,
      plan: compileRowPlan(childEnv, childInfo, subquery),
      projection: compileProjection(childEnv, childInfo, subquery.fields ?? [], undefined, false),
    };
  });
  const rows = planRows(env, plan);
  const childResults = children.map((child) => childRecords(env, child, rows));
  const records = rows.map((row) => {
    const key = typeof row['Id'] === 'string' ? id15(row['Id']) : '';
    return renderRow(env, info, row, projection.nodes, (slot) => childResults[slot]?.get(key) ?? null);
  });
  return { totalSize: records.length, records };
}

function checkFieldsLimit(env: ExecEnv, query: QueryBase): void {
  const unbounded = (query.fields ?? []).some(
    (f) =>
      f.type === 'FieldFunctionExpression' &&
      f.functionName.toUpperCase() === 'FIELDS' &&
      String(f.parameters[0]).toUpperCase() !== 'STANDARD',
  );
  if (unbounded && (query.limit === undefined || query.limit > 200)) {
    throw errorNear(
      env,
      'MALFORMED_QUERY',
      'FIELDS',
      'The SOQL FIELDS function must have a LIMIT of at most 200',
    );
  }
}

/** One scan of the child table for the whole page, grouped by parent. */
function childRecords(env: ExecEnv, child: ChildPlan, parents: readonly SoqlRow[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (parents.length === 0) return out;
  const parentIds = new Set<string>();
  for (const p of parents) if (typeof p['Id'] === 'string') parentIds.add(id15(p['Id']));
  const buckets = new Map<string, SoqlRow[]>();
  const fk = child.rel.field;
  for (const row of env.source.records(child.plan.info.object.name)) {
    const parentId = row[fk];
    if (typeof parentId !== 'string' || !parentIds.has(id15(parentId))) continue;
    const key = id15(parentId);
    let bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, (bucket = []));
    bucket.push(row);
  }
  for (const [key, bucket] of buckets) {
    const rows = selectRows(env, child.plan, bucket);
    if (rows.length === 0) continue;
    const records = rows.map((row) => renderRow(env, child.plan.info, row, child.projection.nodes));
    out.set(key, { totalSize: records.length, done: true, records });
  }
  return out;
}

function semiJoin(env: ExecEnv, query: Query, path: FieldPath): Set<Normalized> {
  const info = requireObject(env, query.sObject ?? '');
  const fields = query.fields ?? [];
  const only = fields[0];
  if (
    fields.length !== 1 ||
    only === undefined ||
    (only.type !== 'Field' && only.type !== 'FieldRelationship')
  ) {
    throw errorNear(
      env,
      'MALFORMED_QUERY',
      path.text,
      'Invalid semi join: the subquery must select exactly one Id or reference field',
    );
  }
  const subEnv: ExecEnv = { ...env, alias: query.sObjectAlias };
  const selected = resolvePath(
    subEnv,
    info,
    splitPath(only.type === 'Field' ? only.field : (only.rawValue ?? only.field), query.sObjectAlias),
  );
  if (selected.kind !== 'id') {
    throw errorNear(
      env,
      'MALFORMED_QUERY',
      selected.text,
      `Invalid semi join: field ${selected.text} must be an Id or reference field`,
    );
  }
  const plan = compileRowPlan(subEnv, info, query);
  const get = getterFor(env.source, selected);
  const norm = normalizer('id');
  const set = new Set<Normalized>();
  for (const row of planRows(subEnv, plan)) {
    const v = norm(get(row));
    if (v !== null) set.add(v);
  }
  return set;
}
