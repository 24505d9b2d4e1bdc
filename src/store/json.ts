import { createHash } from 'node:crypto';
import { z } from 'zod';
import { StoreError, StoreErrorCode } from './errors.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** Field API name → value, as Salesforce sends and accepts it. */
export type FieldValues = Record<string, JsonValue>;

export const jsonValueSchema: z.ZodType<JsonValue> = z.json();
export const fieldValuesSchema: z.ZodType<FieldValues> = z.record(z.string(), jsonValueSchema);

/** Stored JSON is read back through a schema: a hand-edited or truncated row must fail loudly, not flow on. */
export function parseJsonColumn<T>(text: string, schema: z.ZodType<T>, where: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new StoreError(StoreErrorCode.CorruptRow, `${where}: stored JSON does not parse`, { cause });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    // The issue paths name the offending keys; the values (personal data) are left out on purpose.
    const paths = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new StoreError(
      StoreErrorCode.CorruptRow,
      `${where}: stored JSON has an unexpected shape at ${paths}`,
    );
  }
  return parsed.data;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

// Salesforce echoes a datetime we wrote as "…T10:00:00Z" back as "…T10:00:00.000+0000": the same instant
// must hash the same or every write would look like a person's edit on the next pull.
function normalise(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    if (DATETIME.test(value)) {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) return new Date(ms).toISOString();
    }
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return Object.is(value, -0) ? 0 : value;
  }
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = normalise((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return String(value);
}

/** One text per meaning: key order, datetime spelling and -0 do not change it. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A short stable digest of a field value; what echo suppression compares. */
export function hashValue(value: unknown): string {
  return createHash('sha1').update(canonicalJson(value)).digest('hex');
}

/** Validates what a caller hands the store; the error names the keys at fault, never their values. */
export function parseInput<T>(value: unknown, schema: z.ZodType<T>, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new StoreError(StoreErrorCode.InvalidInput, `${where}: not JSON-serialisable values at ${paths}`);
  }
  return parsed.data;
}
