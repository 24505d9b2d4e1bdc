// Using a source's ordered index on (field, Id): the WHERE clause gives a range of the index that holds
// every row it can match (the full predicate still runs on each), and `ORDER BY field[, Id]` reads the
// page in order instead of sorting. Results equal the scan's, row for row and in the same order.
import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import { NON_NULL, compareCuts, earlierCut, laterCut } from './ordered-index.js';
import { compileOperands, type PredicateEnv } from './predicate.js';
import { resolvePath, splitPath, type FieldPath, type ObjectInfo } from './schema.js';
import type { SoqlIndexCut, SoqlOrderedIndex, SoqlRow } from './types.js';
import type { Leaf, WhereNode } from './where-tree.js';

export interface IndexOrder {
  descending: boolean;
  nullsFirst: boolean;
  /** How rows with equal keys follow each other: by Id, or in scan order as the sort leaves them. */
  ties: 'id-asc' | 'id-desc' | 'scan';
}

export interface IndexPlan {
  index: SoqlOrderedIndex;
  from: SoqlIndexCut | undefined;
  to: SoqlIndexCut | undefined;
  /** Set when the ORDER BY is the index's order (or its reverse). */
  order: IndexOrder | undefined;
}

/** A range of the index; `idFrom` is an `Id >= x` that narrows it once the key is pinned. */
interface Range {
  from?: SoqlIndexCut | undefined;
  to?: SoqlIndexCut | undefined;
  idFrom?: string | undefined;
}

export function planIndex(
  env: PredicateEnv,
  info: ObjectInfo,
  tree: WhereNode | undefined,
  orderBy: OrderByClause | OrderByClause[] | undefined,
): IndexPlan | undefined {
  const source = env.source;
  if (source.orderedIndex === undefined) return undefined;
  const clauses = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  const sortPaths = clauses.map((c) => ('field' in c ? ownField(env, info, c.field) : undefined));
  const topLeaves = tree === undefined ? [] : tree.kind === 'and' ? tree.children : [tree];
  const candidates = [
    sortPaths[0],
    ...topLeaves.map((n) => (n.kind === 'leaf' ? ownField(env, info, leafField(n.leaf)) : undefined)),
  ];
  for (const path of candidates) {
    if (path === undefined || path.field.type === 'id') continue;
    const index = source.orderedIndex(info.object.name, path.field.name);
    if (index === undefined) continue;
    const name = path.field.name;
    const range = tree === undefined ? {} : rangeOf(env, info, tree, name);
    const order = sortPaths[0]?.field.name === name ? orderOf(clauses, sortPaths) : undefined;
    if (order === undefined && range.from === undefined && range.to === undefined) return undefined;
    return { index, from: range.from, to: range.to, order };
  }
  return undefined;
}

function orderOf(clauses: OrderByClause[], paths: (FieldPath | undefined)[]): IndexOrder | undefined {
  const first = clauses[0] as OrderByClause;
  const descending = first.order === 'DESC';
  const nullsFirst = first.nulls === undefined ? !descending : first.nulls === 'FIRST';
  if (clauses.length === 1) return { descending, nullsFirst, ties: 'scan' };
  // Ids are unique, so keys after Id never decide anything.
  if (paths[1]?.field.type !== 'id') return undefined;
  return { descending, nullsFirst, ties: clauses[1]?.order === 'DESC' ? 'id-desc' : 'id-asc' };
}

function leafField(leaf: Leaf): string | undefined {
  return 'field' in leaf && typeof leaf.field === 'string' ? leaf.field : undefined;
}

/** The path when it names a field of the queried object itself (no relationship hop). */
function ownField(env: PredicateEnv, info: ObjectInfo, text: string | undefined): FieldPath | undefined {
  if (text === undefined) return undefined;
  const segments = splitPath(text, env.alias);
  if (segments.length !== 1) return undefined;
  return resolvePath(env, info, segments);
}

/** Index entries outside the range can never satisfy `node`. */
function rangeOf(env: PredicateEnv, info: ObjectInfo, node: WhereNode, field: string): Range {
  switch (node.kind) {
    case 'not':
      return {};
    case 'leaf':
      return leafRange(env, info, node.leaf, field);
    case 'and': {
      let from: SoqlIndexCut | undefined;
      let to: SoqlIndexCut | undefined;
      let idFrom: string | undefined;
      for (const child of node.children) {
        const r = rangeOf(env, info, child, field);
        from = laterCut(from, r.from);
        to = earlierCut(to, r.to);
        if (r.idFrom !== undefined && (idFrom === undefined || r.idFrom > idFrom)) idFrom = r.idFrom;
      }
      // `field = t AND Id > x`: the keyset pagination's second half starts at (t, x).
      if (idFrom !== undefined && from !== undefined && to !== undefined && from.key === to.key) {
        from = laterCut(from, { key: from.key, id: idFrom });
      }
      return { from, to };
    }
    case 'or': {
      const ranges = node.children.map((c) => rangeOf(env, info, c, field));
      let from: SoqlIndexCut | undefined = ranges[0]?.from;
      let to: SoqlIndexCut | undefined = ranges[0]?.to;
      for (const r of ranges) {
        from =
          from === undefined || r.from === undefined
            ? undefined
            : compareCuts(r.from, from) < 0
              ? r.from
              : from;
        to = to === undefined || r.to === undefined ? undefined : compareCuts(r.to, to) > 0 ? r.to : to;
      }
      return { from, to };
    }
  }
}

function leafRange(env: PredicateEnv, info: ObjectInfo, leaf: Leaf, field: string): Range {
  if ('valueQuery' in leaf && leaf.valueQuery !== undefined) return {};
  const path = ownField(env, info, leafField(leaf));
  if (path === undefined) return {};
  const op = leaf.operator;
  if (path.field.type === 'id') {
    if (op !== '=' && op !== '>' && op !== '>=') return {};
    // An 18-character Id sorts at or after its 15-character form, so the bound holds for stored Ids.
    const [operand] = compileOperands(env, path, leaf);
    return operand?.kind === 'value' && typeof operand.value === 'string' ? { idFrom: operand.value } : {};
  }
  if (path.field.name !== field) return {};
  if (op !== '=' && op !== '<' && op !== '<=' && op !== '>' && op !== '>=' && op !== 'IN') return {};
  const operands = compileOperands(env, path, leaf);
  if (op === 'IN') {
    let from: SoqlIndexCut | undefined;
    let to: SoqlIndexCut | undefined;
    for (const o of operands) {
      if (o.kind === 'null') return {};
      if (o.kind === 'value' && typeof o.value !== 'string') return {};
      const r =
        o.kind === 'value'
          ? pointRange(String(o.value))
          : { from: { key: o.start, id: '' }, to: { key: o.end, id: '' } };
      from = from === undefined || compareCuts(r.from, from) < 0 ? r.from : from;
      to = to === undefined || compareCuts(r.to, to) > 0 ? r.to : to;
    }
    return { from, to };
  }
  const operand = operands[0];
  if (operand === undefined) return {};
  if (operand.kind === 'null') return op === '=' ? { to: NON_NULL } : {};
  if (operand.kind === 'range') {
    const start = { key: operand.start, id: '' };
    const end = { key: operand.end, id: '' };
    if (op === '=') return { from: start, to: end };
    if (op === '<') return { to: start };
    if (op === '<=') return { to: end };
    if (op === '>') return { from: end };
    return { from: start };
  }
  const v = operand.value;
  if (typeof v !== 'string') return {};
  if (op === '=') return pointRange(v);
  if (op === '<') return { to: { key: v, id: '' } };
  if (op === '<=') return { to: { key: v, id: null } };
  if (op === '>') return { from: { key: v, id: null } };
  return { from: { key: v, id: '' } };
}

function pointRange(key: string): { from: SoqlIndexCut; to: SoqlIndexCut } {
  return { from: { key, id: '' }, to: { key, id: null } };
}

/**
 * Reaching rows through the index costs several times a scan's sequential read (each row is somewhere
 * else in memory): a range wider than an eighth of the table is read by scanning, and an ordered walk
 * that has refused a 32nd of the table gives up for a scan. Small tables always use the index.
 */
const budget = (index: SoqlOrderedIndex, share: number) => Math.max(1000, index.size * share);

/** Whether reading a range through the index is cheaper than scanning the table. */
export function rangeBeatsScan(
  index: SoqlOrderedIndex,
  from: SoqlIndexCut | undefined,
  to: SoqlIndexCut | undefined,
): boolean {
  return index.countBetween(from, to) <= budget(index, 1 / 8);
}

/** Rows in the plan's range in scan order, or undefined when the range is too wide to beat a scan. */
export function rangeRows(plan: IndexPlan): SoqlRow[] | undefined {
  if (!rangeBeatsScan(plan.index, plan.from, plan.to)) return undefined;
  const hits: { row: SoqlRow; seq: number }[] = [];
  plan.index.visit(plan.from, plan.to, false, (row, _key, seq) => hits.push({ row, seq }) > 0);
  return hits.sort((a, b) => a.seq - b.seq).map((h) => h.row);
}

/**
 * The first `end` rows that `accept` keeps, in the ORDER BY's order (nulls where it puts them); undefined
 * when it refused so many on the way that a scan would have been cheaper.
 */
export function orderedRows(
  plan: IndexPlan,
  order: IndexOrder,
  accept: (row: SoqlRow) => boolean,
  end: number,
): SoqlRow[] | undefined {
  const out: SoqlRow[] = [];
  let refusals = budget(plan.index, 1 / 32);
  const take = (row: SoqlRow): boolean => {
    if (accept(row)) out.push(row);
    else refusals--;
    return out.length < end && refusals >= 0;
  };
  const nulls = [plan.from, earlierCut(plan.to, NON_NULL)] as const;
  const values = [laterCut(plan.from, NON_NULL), plan.to] as const;
  for (const [from, to] of order.nullsFirst ? [nulls, values] : [values, nulls]) {
    if (!visitSegment(plan.index, from, to, order, take)) break;
  }
  return refusals < 0 ? undefined : out;
}

function visitSegment(
  index: SoqlOrderedIndex,
  from: SoqlIndexCut | undefined,
  to: SoqlIndexCut | undefined,
  order: IndexOrder,
  take: (row: SoqlRow) => boolean,
): boolean {
  let going = true;
  if (order.ties === (order.descending ? 'id-desc' : 'id-asc')) {
    index.visit(from, to, order.descending, (row) => (going = take(row)));
    return going;
  }
  // Equal keys come out by Id in the index's direction: reorder each run of them.
  let run: { row: SoqlRow; seq: number }[] = [];
  let runKey: string | null = null;
  const flush = (): boolean => {
    if (order.ties === 'scan') run.sort((a, b) => a.seq - b.seq);
    else run.reverse();
    for (const { row } of run) if (!take(row)) return (going = false);
    run = [];
    return true;
  };
  index.visit(from, to, order.descending, (row, key, seq) => {
    if (run.length > 0 && key !== runKey && !flush()) return false;
    runKey = key;
    run.push({ row, seq });
    return true;
  });
  return going && (run.length === 0 || flush());
}
