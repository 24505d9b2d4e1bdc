import type { FieldType, Subquery } from '@jetstreamapp/soql-parser-js';
import type { SoqlError } from './errors.js';
import { errorNear, messages } from './errors.js';
import {
  followStep,
  resolvePath,
  resolveStep,
  splitPath,
  type ObjectInfo,
  type PathStep,
  type QueryContext,
} from './schema.js';
import type { SoqlChildRelationship, SoqlRow } from './types.js';

export type ProjNode =
  | { kind: 'field'; key: string; lower: string }
  | { kind: 'parent'; key: string; step: PathStep; children: ProjNode[] }
  | { kind: 'child'; key: string; slot: number };

export interface Projection {
  nodes: ProjNode[];
  subqueries: Subquery[];
}

// Functions that leave the value's name and (in the local org, which has one currency and one
// language) its value unchanged.
const TRANSPARENT_FUNCTIONS = new Set(['tolabel', 'format', 'convertcurrency']);

export function compileProjection(
  ctx: QueryContext,
  base: ObjectInfo,
  fields: readonly FieldType[],
  alias: string | undefined,
  allowSubqueries: boolean,
): Projection {
  const nodes: ProjNode[] = [];
  const subqueries: Subquery[] = [];
  const seen = new Set<string>();
  const addPath = (segments: string[]) => {
    const path = resolvePath(ctx, base, segments);
    const text = segments.join('.').toLowerCase();
    if (seen.has(text)) {
      throw errorNear(
        ctx,
        'MALFORMED_QUERY',
        segments[segments.length - 1],
        `duplicate field selected: ${segments.join('.')}`,
      );
    }
    seen.add(text);
    let level = nodes;
    let current: ObjectInfo[] = [base];
    for (const segment of segments.slice(0, -1)) {
      const step = resolveStep(ctx, current, segment);
      let parent = level.find(
        (n): n is Extract<ProjNode, { kind: 'parent' }> =>
          n.kind === 'parent' && n.key === step.relationshipName,
      );
      if (parent === undefined) {
        parent = { kind: 'parent', key: step.relationshipName, step, children: [] };
        level.push(parent);
      }
      level = parent.children;
      current = step.targets;
    }
    level.push({ kind: 'field', key: path.field.name, lower: path.field.name.toLowerCase() });
  };

  for (const field of fields) {
    switch (field.type) {
      case 'Field':
        if (field.alias !== undefined) throw aliasError(ctx, field.alias);
        addPath(splitPath(rawPath(field), alias));
        break;
      case 'FieldRelationship':
        if ('alias' in field && typeof field.alias === 'string') throw aliasError(ctx, field.alias);
        addPath(splitPath(rawPath(field), alias));
        break;
      case 'FieldSubquery':
        if (!allowSubqueries) {
          throw errorNear(ctx, 'MALFORMED_QUERY', 'SELECT', messages.unexpectedToken('SELECT'));
        }
        nodes.push({
          kind: 'child',
          key: childRelationship(ctx, base, field.subquery).relationshipName,
          slot: subqueries.length,
        });
        subqueries.push(field.subquery);
        break;
      case 'FieldFunctionExpression': {
        const name = field.functionName.toLowerCase();
        if (name === 'fields') {
          for (const segment of expandFields(ctx, base, field.parameters)) addPath([segment]);
        } else if (TRANSPARENT_FUNCTIONS.has(name) && typeof field.parameters[0] === 'string') {
          addPath(splitPath(field.parameters[0], alias));
        } else {
          throw errorNear(
            ctx,
            'MALFORMED_QUERY',
            field.functionName,
            messages.unexpectedToken(field.functionName),
          );
        }
        break;
      }
      case 'FieldTypeof':
        throw errorNear(ctx, 'MALFORMED_QUERY', 'TYPEOF', 'TYPEOF is not supported by the local org');
    }
  }
  return { nodes, subqueries };
}

export function childRelationship(
  ctx: QueryContext,
  base: ObjectInfo,
  subquery: Subquery,
): SoqlChildRelationship {
  const name = subquery.relationshipName;
  const rel = base.children.get(name.toLowerCase());
  if (rel === undefined) throw errorNear(ctx, 'INVALID_TYPE', name, messages.noSuchChildRelationship(name));
  return rel;
}

function rawPath(field: FieldType): string {
  if (field.type === 'Field')
    return 'rawValue' in field && typeof field.rawValue === 'string' ? field.rawValue : field.field;
  if (field.type === 'FieldRelationship')
    return field.rawValue ?? [...field.relationships, field.field].join('.');
  return '';
}

function aliasError(ctx: QueryContext, alias: string): SoqlError {
  return errorNear(ctx, 'MALFORMED_QUERY', alias, 'Only aggregate expressions use field aliasing');
}

function expandFields(ctx: QueryContext, base: ObjectInfo, parameters: readonly unknown[]): string[] {
  const which = String(parameters[0] ?? '').toUpperCase();
  const names = base.object.fields.map((f) => f.name);
  if (!names.some((n) => n.toLowerCase() === 'id')) names.unshift('Id');
  const custom = (n: string) => n.toLowerCase().endsWith('__c');
  if (which === 'ALL') return names;
  if (which === 'STANDARD') return names.filter((n) => !custom(n));
  if (which === 'CUSTOM') return names.filter(custom);
  throw errorNear(ctx, 'MALFORMED_QUERY', which, messages.unexpectedToken(which));
}

export interface RenderEnv extends QueryContext {
  apiVersion: string;
}

export function attributesOf(env: RenderEnv, type: string, row: SoqlRow): { type: string; url?: string } {
  const id = row['Id'];
  if (typeof id !== 'string') return { type };
  return { type, url: `/services/data/v${env.apiVersion}/sobjects/${type}/${id}` };
}

export function renderRow(
  env: RenderEnv,
  info: ObjectInfo,
  row: SoqlRow,
  nodes: readonly ProjNode[],
  children?: (slot: number) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributesOf(env, info.object.name, row) };
  for (const node of nodes) {
    switch (node.kind) {
      case 'field': {
        // A polymorphic parent may be a type where the name is cased differently, or absent.
        const name = info.fields.get(node.lower)?.name;
        const value = name === undefined ? undefined : row[name];
        out[node.key] = value === undefined ? null : value;
        break;
      }
      case 'parent': {
        const parent = followStep(env.source, node.step, row);
        out[node.key] = parent === undefined ? null : renderRow(env, parent.info, parent.row, node.children);
        break;
      }
      case 'child':
        out[node.key] = children === undefined ? null : children(node.slot);
        break;
    }
  }
  return out;
}
