import type {
  FieldType,
  FunctionExp,
  HavingClause,
  OrderByClause,
  Query,
} from '@jetstreamapp/soql-parser-js';
import { SoqlError, errorNear, messages } from './errors.js';
import type { ExecEnv } from './execute.js';
import { compileRowPlan, planRows } from './execute.js';
import { coerceLiteral } from './literals.js';
import { compareKeyed, keyOf, type SortKey } from './order.js';
import { compareOperand, memberOf } from './predicate.js';
import { getterFor, resolvePath, splitPath, type FieldPath, type ObjectInfo } from './schema.js';
import type { SoqlField, SoqlResult, SoqlRow } from './types.js';
import { kindOf, normalizer, type Normalized, type ValueKind } from './values.js';
import { buildWhereTree, type WhereNode } from './where-tree.js';

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

export function isAggregateQuery(query: Query): boolean {
  if (query.groupBy !== undefined) return true;
  return (query.fields ?? []).some(
    (f) => f.type === 'FieldFunctionExpression' && AGGREGATES.has(f.functionName.toUpperCase()),
  );
}

interface Aggregate {
  fn: string;
  path: FieldPath | undefined;
  get: (row: SoqlRow) => unknown;
  norm: (v: unknown) => Normalized | null;
}

interface Column {
  key: string;
  slot: number;
}

/** A group's computed values live in slots; output columns, HAVING and ORDER BY all read slots. */
interface Plan {
  groups: { path: FieldPath; get: (row: SoqlRow) => unknown; norm: (v: unknown) => Normalized | null }[];
  aggregates: Aggregate[];
  columns: Column[];
}

export function executeAggregate(env: ExecEnv, info: ObjectInfo, query: Query): SoqlResult {
  const plan: Plan = { groups: [], aggregates: [], columns: [] };
  const groupBy =
    query.groupBy === undefined ? [] : Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy];
  for (const clause of groupBy) {
    if (!('field' in clause)) {
      const name = clause.fn.functionName ?? '';
      throw errorNear(env, 'MALFORMED_QUERY', name, `${name} is not supported in GROUP BY by the local org`);
    }
    const path = resolvePath(env, info, splitPath(clause.field, env.alias));
    plan.groups.push({ path, get: getterFor(env.source, path), norm: normalizer(path.kind) });
  }
  const slotOfGroup = (text: string): number => {
    const index = plan.groups.findIndex((g) => g.path.text.toLowerCase() === text.toLowerCase());
    return index;
  };
  let unnamed = 0;
  const used = new Set<string>();
  for (const field of query.fields ?? []) {
    const column = compileColumn(env, info, plan, field, slotOfGroup, () => `expr${unnamed++}`);
    if (used.has(column.key.toLowerCase())) {
      throw errorNear(env, 'MALFORMED_QUERY', column.key, `duplicate alias: ${column.key}`);
    }
    used.add(column.key.toLowerCase());
    plan.columns.push(column);
  }

  const rowPlan = compileRowPlan(env, info, {
    ...query,
    orderBy: undefined,
    limit: undefined,
    offset: undefined,
  });
  const rows = planRows(env, rowPlan);
  const groups = groupRows(plan, rows, groupBy.length === 0);
  const having =
    query.having === undefined ? undefined : compileHaving(env, info, plan, query.having, slotOfGroup);
  const orderKeys = compileOrder(env, info, plan, query.orderBy, slotOfGroup);
  // Slots for HAVING/ORDER BY aggregates may have been added after grouping: compute them all now.
  let results = groups.map((g) => computeSlots(plan, g));
  if (having !== undefined) results = results.filter((r) => having(r));
  if (orderKeys.length > 0) {
    const cmp = compareKeyed<SoqlRow>(orderKeys);
    results = results
      .map((r, i) => keyOf(orderKeys, r, r, i))
      .sort(cmp)
      .map((k) => k.item as Record<string, unknown>);
  }
  const offset = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : offset + query.limit;
  const records = results.slice(offset, end).map((r) => {
    const out: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const column of plan.columns) out[column.key] = r[`#${column.slot}`] ?? null;
    return out;
  });
  return { totalSize: records.length, records };
}

function compileColumn(
  env: ExecEnv,
  info: ObjectInfo,
  plan: Plan,
  field: FieldType,
  slotOfGroup: (text: string) => number,
  nextName: () => string,
): Column {
  if (field.type === 'Field' || field.type === 'FieldRelationship') {
    const text =
      field.type === 'Field'
        ? field.field
        : (field.rawValue ?? [...field.relationships, field.field].join('.'));
    const segments = splitPath(text, env.alias);
    const path = resolvePath(env, info, segments);
    const index = slotOfGroup(path.text);
    if (index < 0)
      throw errorNear(
        env,
        'MALFORMED_QUERY',
        text,
        `Field must be grouped or aggregated: ${path.field.name}`,
      );
    const alias = 'alias' in field && typeof field.alias === 'string' ? field.alias : undefined;
    return { key: alias ?? path.field.name, slot: groupSlot(index) };
  }
  if (field.type === 'FieldFunctionExpression' && AGGREGATES.has(field.functionName.toUpperCase())) {
    const slot = aggregateSlot(env, info, plan, field);
    return { key: field.alias ?? nextName(), slot };
  }
  if (field.type === 'FieldSubquery') {
    throw errorNear(
      env,
      'MALFORMED_QUERY',
      'SELECT',
      'Nested queries are not supported in aggregate queries',
    );
  }
  const name = field.type === 'FieldFunctionExpression' ? field.functionName : 'TYPEOF';
  throw errorNear(env, 'MALFORMED_QUERY', name, messages.unexpectedToken(name));
}

// Group values take slots 0..n-1 in a separate namespace from aggregates.
function groupSlot(index: number): number {
  return -1 - index;
}

function aggregateSlot(env: ExecEnv, info: ObjectInfo, plan: Plan, fn: FunctionExp): number {
  const name = (fn.functionName ?? '').toUpperCase();
  const param = fn.parameters?.[0];
  if (fn.parameters !== undefined && fn.parameters.length > 1) {
    throw errorNear(env, 'MALFORMED_QUERY', fn.functionName, messages.unexpectedToken(','));
  }
  if (typeof param === 'object')
    throw errorNear(env, 'MALFORMED_QUERY', fn.functionName, messages.unexpectedToken('('));
  let path: FieldPath | undefined;
  if (param === undefined) {
    if (name !== 'COUNT')
      throw errorNear(env, 'MALFORMED_QUERY', fn.functionName, messages.unexpectedToken(')'));
  } else {
    path = resolvePath(env, info, splitPath(param, env.alias));
    const kind = path.kind;
    const numeric = kind === 'number';
    const orderable = kind !== 'boolean' && kind !== 'multi';
    if (
      ((name === 'SUM' || name === 'AVG') && !numeric) ||
      ((name === 'MIN' || name === 'MAX') && !orderable)
    ) {
      throw errorNear(
        env,
        'MALFORMED_QUERY',
        param,
        `field ${path.field.name} does not support aggregate operator ${name}`,
      );
    }
  }
  const existing = plan.aggregates.findIndex(
    (a) => a.fn === name && a.path?.text.toLowerCase() === path?.text.toLowerCase(),
  );
  if (existing >= 0) return existing;
  plan.aggregates.push({
    fn: name,
    path,
    get: path === undefined ? () => 1 : getterFor(env.source, path),
    norm: path === undefined ? () => 1 : normalizer(path.kind),
  });
  return plan.aggregates.length - 1;
}

interface Group {
  rows: SoqlRow[];
}

function groupRows(plan: Plan, rows: readonly SoqlRow[], single: boolean): Group[] {
  // Without GROUP BY there is exactly one group, even over no rows (COUNT(Id) = 0, SUM = null).
  if (single) return [{ rows: [...rows] }];
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = groupKey(plan, row);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { rows: [] }));
    group.rows.push(row);
  }
  return [...groups.values()];
}

// Typed prefixes keep 1, '1' and true apart in one string key.
function groupKey(plan: Plan, row: SoqlRow): string {
  let key = '';
  for (const g of plan.groups) {
    const v = g.norm(g.get(row));
    key +=
      v === null
        ? '\u0000n'
        : `\u0000${typeof v === 'string' ? 's' : typeof v === 'number' ? 'd' : 'b'}${String(v)}`;
  }
  return key;
}

function computeSlots(plan: Plan, group: Group): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const first = group.rows[0];
  plan.groups.forEach((g, i) => {
    const v = first === undefined ? null : g.get(first);
    out[`#${groupSlot(i)}`] = v === undefined ? null : v;
  });
  plan.aggregates.forEach((a, i) => {
    out[`#${i}`] = computeAggregate(a, group.rows);
  });
  return out;
}

function computeAggregate(a: Aggregate, rows: readonly SoqlRow[]): unknown {
  switch (a.fn) {
    case 'COUNT': {
      let n = 0;
      for (const row of rows) if (a.norm(a.get(row)) !== null) n++;
      return n;
    }
    case 'COUNT_DISTINCT': {
      const seen = new Set<Normalized>();
      for (const row of rows) {
        const v = a.norm(a.get(row));
        if (v !== null) seen.add(v);
      }
      return seen.size;
    }
    case 'SUM':
    case 'AVG': {
      let sum = 0;
      let n = 0;
      for (const row of rows) {
        const v = a.norm(a.get(row));
        if (typeof v === 'number' && !Number.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      if (n === 0) return null;
      return a.fn === 'SUM' ? sum : sum / n;
    }
    default: {
      let best: { n: Normalized; raw: unknown } | undefined;
      const wantMax = a.fn === 'MAX';
      for (const row of rows) {
        const raw = a.get(row);
        const v = a.norm(raw);
        if (v === null) continue;
        if (best === undefined || (wantMax ? v > best.n : v < best.n)) best = { n: v, raw };
      }
      return best === undefined ? null : best.raw;
    }
  }
}

/** The type a slot's values have, so HAVING literals coerce like WHERE literals do. */
function slotField(plan: Plan, slot: number): { field: SoqlField; kind: ValueKind } {
  if (slot < 0) {
    const g = plan.groups[-1 - slot];
    if (g !== undefined) return { field: g.path.field, kind: g.path.kind };
  }
  const a = plan.aggregates[slot];
  if (a?.path !== undefined && (a.fn === 'MIN' || a.fn === 'MAX' || a.fn === 'SUM' || a.fn === 'AVG')) {
    return { field: a.path.field, kind: a.path.kind };
  }
  const field: SoqlField = { name: a?.fn ?? 'COUNT', type: a?.fn === 'AVG' ? 'double' : 'int' };
  return { field, kind: kindOf[field.type] };
}

function slotPath(plan: Plan, slot: number): FieldPath {
  const { field, kind } = slotField(plan, slot);
  return { text: field.name, steps: [], field, kind, nameByType: new Map() };
}

function compileHaving(
  env: ExecEnv,
  info: ObjectInfo,
  plan: Plan,
  having: HavingClause,
  slotOfGroup: (text: string) => number,
): (r: Record<string, unknown>) => boolean {
  const tree = buildWhereTree(having, env.soql, 'HAVING');
  const compile = (node: WhereNode): ((r: Record<string, unknown>) => boolean) => {
    switch (node.kind) {
      case 'not': {
        const inner = compile(node.child);
        return (r) => !inner(r);
      }
      case 'and':
      case 'or': {
        const parts = node.children.map(compile);
        return node.kind === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
      }
      case 'leaf': {
        const leaf = node.leaf;
        let slot: number;
        if ('fn' in leaf) {
          slot = aggregateSlot(env, info, plan, leaf.fn);
        } else {
          const text = leaf.field;
          const path = resolvePath(env, info, splitPath(text, env.alias));
          const index = slotOfGroup(path.text);
          if (index < 0)
            throw errorNear(
              env,
              'MALFORMED_QUERY',
              text,
              `Field must be grouped or aggregated: ${path.field.name}`,
            );
          slot = groupSlot(index);
        }
        if ('valueQuery' in leaf)
          throw errorNear(env, 'MALFORMED_QUERY', 'SELECT', messages.unexpectedToken('SELECT'));
        const path = slotPath(plan, slot);
        const norm = normalizer(path.kind);
        const value = (r: SoqlRow) => norm(r[`#${slot}`]);
        const raws = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
        const types = Array.isArray(leaf.literalType) ? leaf.literalType : [leaf.literalType ?? 'STRING'];
        const operands = raws.map((raw, i) =>
          coerceLiteral(env, path, { literalType: String(types[i] ?? types[0]), raw: String(raw) }, env.now),
        );
        if (leaf.operator === 'IN' || leaf.operator === 'NOT IN') {
          const member = memberOf(operands, value);
          return leaf.operator === 'IN' ? member : (r) => !member(r);
        }
        const operand = operands[0];
        if (operand === undefined) throw new SoqlError('MALFORMED_QUERY', messages.unexpectedToken('HAVING'));
        return compareOperand(leaf.operator, operand, value);
      }
    }
  };
  return compile(tree);
}

function compileOrder(
  env: ExecEnv,
  info: ObjectInfo,
  plan: Plan,
  orderBy: OrderByClause | OrderByClause[] | undefined,
  slotOfGroup: (text: string) => number,
): SortKey[] {
  const clauses = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  return clauses.map((clause) => {
    let slot: number;
    if ('fn' in clause) {
      slot = aggregateSlot(env, info, plan, clause.fn);
    } else {
      const path = resolvePath(env, info, splitPath(clause.field, env.alias));
      const index = slotOfGroup(path.text);
      if (index < 0)
        throw errorNear(
          env,
          'MALFORMED_QUERY',
          clause.field,
          `Ordered field must be grouped or aggregated: ${path.field.name}`,
        );
      slot = groupSlot(index);
    }
    const norm = normalizer(slotPath(plan, slot).kind);
    const descending = clause.order === 'DESC';
    const nullsFirst = clause.nulls === undefined ? !descending : clause.nulls === 'FIRST';
    return { key: (r: SoqlRow) => norm(r[`#${slot}`]), descending, nullsFirst };
  });
}
