import type { Query } from '@jetstreamapp/soql-parser-js';
import { SoqlError, errorNear, messages } from './errors.js';
import { coerceLiteral, decodeString, likeToRegExp, type Operand } from './literals.js';
import {
  getterFor,
  resolvePath,
  splitPath,
  type FieldPath,
  type ObjectInfo,
  type QueryContext,
} from './schema.js';
import type { SoqlRow } from './types.js';
import { multiKey, multiParts, normalizer, type Normalized } from './values.js';
import type { Leaf, WhereNode } from './where-tree.js';

export type Predicate = (row: SoqlRow) => boolean;

export interface PredicateEnv extends QueryContext {
  now: Date;
  alias: string | undefined;
  /** Runs a semi-join subquery and returns the comparable form of its single column. */
  semiJoin(query: Query, path: FieldPath): Set<Normalized>;
}

export function compilePredicate(env: PredicateEnv, base: ObjectInfo, node: WhereNode): Predicate {
  switch (node.kind) {
    case 'leaf':
      return compileLeaf(env, base, node.leaf);
    case 'not': {
      const inner = compilePredicate(env, base, node.child);
      return (row) => !inner(row);
    }
    case 'and': {
      const parts = node.children.map((c) => compilePredicate(env, base, c));
      if (parts.length === 2) {
        const [a, b] = parts as [Predicate, Predicate];
        return (row) => a(row) && b(row);
      }
      return (row) => parts.every((p) => p(row));
    }
    case 'or': {
      const parts = node.children.map((c) => compilePredicate(env, base, c));
      return (row) => parts.some((p) => p(row));
    }
  }
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function compileLeaf(env: PredicateEnv, base: ObjectInfo, leaf: Leaf): Predicate {
  if (!('field' in leaf) || typeof leaf.field !== 'string') {
    const raw = 'fn' in leaf ? (leaf.fn.rawValue ?? leaf.fn.functionName ?? '') : '';
    throw errorNear(env, 'MALFORMED_QUERY', raw.split('(')[0], messages.unexpectedToken(raw));
  }
  const path = resolvePath(env, base, splitPath(leaf.field, env.alias));
  const get = getterFor(env.source, path);
  const norm = normalizer(path.kind);
  const value = (row: SoqlRow) => norm(get(row));
  const operator = leaf.operator;

  if ('valueQuery' in leaf && leaf.valueQuery !== undefined) {
    if (path.kind !== 'id' || (operator !== 'IN' && operator !== 'NOT IN')) {
      throw errorNear(
        env,
        'MALFORMED_QUERY',
        leaf.field,
        'Invalid semi join: the left operand must be an Id or reference field',
      );
    }
    const set = env.semiJoin(leaf.valueQuery, path);
    const inSet: Predicate = (row) => {
      const v = value(row);
      return v !== null && set.has(v);
    };
    return operator === 'IN' ? inSet : (row) => !inSet(row);
  }

  if (operator === 'LIKE') {
    const { raws, literalType } = literalsOf(leaf);
    if (path.kind !== 'text' && path.kind !== 'multi' && path.kind !== 'id') {
      throw errorNear(env, 'INVALID_FIELD', leaf.field, `invalid operator on ${path.field.type} field: LIKE`);
    }
    if (literalType(0) !== 'STRING')
      throw errorNear(env, 'INVALID_FIELD', raws[0], messages.filterType(path.field.name, 'string', true));
    const re = likeToRegExp(raws[0] ?? "''");
    return (row) => {
      const v = get(row);
      return v != null && v !== '' && re.test(String(v));
    };
  }

  const operands = compileOperands(env, path, leaf);
  switch (operator) {
    case 'INCLUDES':
    case 'EXCLUDES': {
      if (path.kind !== 'multi') {
        throw errorNear(
          env,
          'INVALID_FIELD',
          leaf.field,
          `includes or excludes operator only valid on multipicklist field`,
        );
      }
      const wanted = operands.filter((o) => o.kind === 'value').map((o) => multiParts(String(o.raw)));
      const includes: Predicate = (row) => {
        const v = get(row);
        if (v == null || v === '') return false;
        const have = new Set(multiParts(String(v)));
        return wanted.some((parts) => parts.every((p) => have.has(p)));
      };
      if (operator === 'INCLUDES') return includes;
      // EXCLUDES never returns rows whose multi-select value is blank.
      return (row) => {
        const v = get(row);
        return v != null && v !== '' && !includes(row);
      };
    }
    case 'IN':
    case 'NOT IN': {
      const inList = memberOf(operands, value);
      return operator === 'IN' ? inList : (row) => !inList(row);
    }
    default: {
      const operand = operands[0];
      if (operand === undefined || operands.length !== 1)
        throw new SoqlError('MALFORMED_QUERY', messages.unexpectedToken('('));
      return compareOperand(operator, operand, value);
    }
  }
}

function literalsOf(leaf: Leaf): { raws: string[]; literalType: (i: number) => string; dateNs: number[] } {
  const raws = asArray('value' in leaf ? leaf.value : undefined) as string[];
  const types = asArray(leaf.literalType) as string[];
  const dateNs = asArray('dateLiteralVariable' in leaf ? leaf.dateLiteralVariable : undefined) as number[];
  return { raws, literalType: (i) => types[i] ?? types[0] ?? 'STRING', dateNs };
}

/** A leaf's literals in the comparable form of its field. */
export function compileOperands(env: PredicateEnv, path: FieldPath, leaf: Leaf): Operand[] {
  const { raws, literalType, dateNs } = literalsOf(leaf);
  const operands = raws.map((raw, i) => {
    const dateN = dateNs[i] ?? dateNs[0];
    return coerceLiteral(
      env,
      path,
      { literalType: literalType(i), raw, ...(dateN === undefined ? {} : { dateN }) },
      env.now,
    );
  });
  if (path.kind === 'multi') {
    for (const operand of operands)
      if (operand.kind === 'value') operand.value = multiKey(String(operand.raw));
  }
  return operands;
}

export function memberOf(operands: Operand[], value: (row: SoqlRow) => Normalized | null): Predicate {
  const plain = new Set<Normalized>();
  let acceptsNull = false;
  const ranges: { start: string; end: string }[] = [];
  for (const o of operands) {
    if (o.kind === 'null') acceptsNull = true;
    else if (o.kind === 'value') plain.add(o.value);
    else ranges.push(o);
  }
  return (row) => {
    const v = value(row);
    if (v === null) return acceptsNull;
    if (plain.has(v)) return true;
    for (const r of ranges) if (typeof v === 'string' && v >= r.start && v < r.end) return true;
    return false;
  };
}

export function compareOperand(
  operator: string,
  operand: Operand,
  value: (row: SoqlRow) => Normalized | null,
): Predicate {
  if (operand.kind === 'null') {
    if (operator === '=') return (row) => value(row) === null;
    if (operator === '!=' || operator === '<>') return (row) => value(row) !== null;
    return () => false;
  }
  if (operand.kind === 'range') {
    const { start, end } = operand;
    const within = (v: Normalized | null) => typeof v === 'string' && v >= start && v < end;
    switch (operator) {
      case '=':
        return (row) => within(value(row));
      case '!=':
      case '<>':
        return (row) => !within(value(row));
      case '<':
        return (row) => lt(value(row), start);
      case '<=':
        return (row) => lt(value(row), end);
      case '>':
        return (row) => ge(value(row), end);
      case '>=':
        return (row) => ge(value(row), start);
    }
  } else {
    const lit = operand.value;
    switch (operator) {
      case '=':
        return (row) => value(row) === lit;
      case '!=':
      case '<>':
        return (row) => value(row) !== lit;
      case '<':
        return (row) => lt(value(row), lit);
      case '<=':
        return (row) => {
          const v = value(row);
          return v !== null && v <= lit;
        };
      case '>':
        return (row) => {
          const v = value(row);
          return v !== null && v > lit;
        };
      case '>=':
        return (row) => ge(value(row), lit);
    }
  }
  throw new SoqlError('MALFORMED_QUERY', messages.unexpectedToken(operator));
}

function lt(v: Normalized | null, bound: Normalized): boolean {
  return v !== null && v < bound;
}

function ge(v: Normalized | null, bound: Normalized): boolean {
  return v !== null && v >= bound;
}

/**
 * Ids named by a top-level `Id = x` / `Id IN (…)` (alone or inside a top-level AND): those rows can be
 * fetched by id instead of scanning the table.
 */
export function topLevelIds(node: WhereNode, alias: string | undefined): string[] | undefined {
  const leaves = node.kind === 'leaf' ? [node] : node.kind === 'and' ? node.children : [];
  for (const child of leaves) {
    if (child.kind !== 'leaf') continue;
    const leaf = child.leaf;
    if (!('field' in leaf) || typeof leaf.field !== 'string' || 'valueQuery' in leaf) continue;
    const segments = splitPath(leaf.field, alias);
    if (segments.length !== 1 || segments[0]?.toLowerCase() !== 'id') continue;
    if (leaf.operator !== '=' && leaf.operator !== 'IN') continue;
    const raws = asArray(leaf.value) as string[];
    const types = asArray(leaf.literalType) as string[];
    if (types.some((t) => t !== 'STRING')) continue;
    return raws.map((raw) => decodeString(raw));
  }
  return undefined;
}
