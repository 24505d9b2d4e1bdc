import { createHash } from 'node:crypto';
import { z } from 'zod';
import { StoreError, StoreErrorCode } from './errors.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** Field API name → value, as Salesforce sends and accepts it. */
export type FieldValues = Record<string, JsonValue>;

export const jsonValueSchema: z.ZodType<JsonValue> = z.json();
export const fieldValuesSchema: z.ZodType<FieldValues> = z.record(z.string(), jsonValueSchema);

function parseStoredText(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new StoreError(StoreErrorCode.CorruptRow, `${where}: stored JSON does not parse`, { cause });
  }
}

function checkStored<T>(raw: unknown, schema: z.ZodType<T>, where: string): T {
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

/** Stored JSON is read back through a schema: a hand-edited or truncated row must fail loudly, not flow on. */
export function parseJsonColumn<T>(text: string, schema: z.ZodType<T>, where: string): T {
  return checkStored(parseStoredText(text, where), schema, where);
}

const isPlainObject = (v: object): boolean => Object.getPrototypeOf(v) === Object.prototype;

/**
 * True only for what `jsonValueSchema` accepts (a subset of it: anything unsure is left to the schema).
 * Field values cross the store millions of times in a big load; zod's recursive union took about a
 * tenth of the sync's time there, so the common case is checked by hand and zod names what is wrong.
 */
function isJson(v: unknown, depth: number): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || depth > 32) return false;
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  // An own "__proto__" key (JSON.parse makes one) is left to the schema, which drops it.
  if (!isPlainObject(v) || Object.hasOwn(v, '__proto__')) return false;
  return Object.values(v).every((x) => isJson(x, depth + 1));
}

function isFieldValues(v: unknown): v is FieldValues {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && isJson(v, 0);
}

/** parseJsonColumn(text, fieldValuesSchema, where), the same answers, fast. */
export function parseFieldValuesColumn(text: string, where: string): FieldValues {
  const raw = parseStoredText(text, where);
  return isFieldValues(raw) ? raw : checkStored(raw, fieldValuesSchema, where);
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

// Salesforce echoes a datetime we wrote as "…T10:00:00Z" back as "…T10:00:00.000+0000": the same instant
// must hash the same or every write would look like a person's edit on the next pull.
function normalise(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    // "YYYY-MM-DDT…": the cheap look first, the pattern only for strings that may be date-times.
    if (value.length >= 16 && value.charCodeAt(10) === 84 && DATETIME.test(value)) {
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

/** parseInput(value, fieldValuesSchema, where), the same answers, fast. */
export function parseFieldValuesInput(value: unknown, where: string): FieldValues {
  return isFieldValues(value) ? value : parseInput(value, fieldValuesSchema, where);
}
