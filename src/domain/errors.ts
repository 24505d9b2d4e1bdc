// A bad input must be refused with an error that names the record and the field (DESIGN.md §8), so a
// partner manager or an admin can fix the one record instead of guessing which of thousands broke.
import type { z } from 'zod';

export type InputIssue = { readonly field: string; readonly message: string };

export class DomainInputError extends Error {
  readonly code = 'INVALID_INPUT';
  readonly recordType: string;
  readonly recordId?: string;
  /** The first bad field, as a path a person recognises: `estimatedAmountCents`, `products[2]`. */
  readonly field: string;
  /** Every problem found in the record, the first one being `field`. */
  readonly issues: readonly InputIssue[];

  constructor(recordType: string, recordId: string | undefined, issues: readonly InputIssue[]) {
    const first = issues[0] ?? { field: '(record)', message: 'is invalid' };
    super(`${recordType} ${recordId ?? '(no id)'}: ${first.field} ${first.message}`);
    this.name = 'DomainInputError';
    this.recordType = recordType;
    if (recordId !== undefined) this.recordId = recordId;
    this.field = first.field;
    this.issues = issues;
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc === '' ? String(key) : `${acc}.${String(key)}`;
  }, '');
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'a list' : typeof value;
}

// zod's default texts ("Invalid input: expected number, received string") read badly after a field
// name; this map words them as "must be …" and says what was received. Schema-level messages win.
function message(issue: z.core.$ZodRawIssue): string {
  const got = ` (got ${shown(issue.input)})`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int') return `must be a whole number${got}`;
      return `must be ${article(issue.expected === 'array' ? 'list' : String(issue.expected))}${got}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      return `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}${got}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} item(s)`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}${got}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}${got}`;
    default:
      return `is invalid${got}`;
  }
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function idAt(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = (value as Record<string, unknown>)['id'];
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}

/**
 * Parses `input` with `schema`, or throws a DomainInputError naming the record and the field. When the
 * bad field sits inside a nested record that has its own `id` (a registration inside a context), the
 * error names that inner record, since that is the one somebody has to fix.
 */
export function parseRecord<S extends z.ZodType>(schema: S, input: unknown, recordType: string): z.output<S> {
  // Without an error map first: zod parses three times faster without one, and only a failure needs
  // the worded messages (the sync parses millions of records that pass).
  const passed = schema.safeParse(input);
  if (passed.success) return passed.data;
  const result = schema.safeParse(input, { error: message });
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = issues[0]!;
  let recordId = idAt(input);
  let fieldStart = 0;
  let node: unknown = input;
  first.path.forEach((key, i) => {
    node =
      typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const inner = idAt(node);
    if (inner !== undefined && i < first.path.length - 1) {
      recordId = inner;
      fieldStart = i + 1;
    }
  });
  const relative = (path: readonly PropertyKey[]): string =>
    fieldPath(path.slice(fieldStart)) || fieldPath(path) || '(record)';
  throw new DomainInputError(
    recordType,
    recordId,
    issues.map((issue, i) => ({
      field: i === 0 ? relative(issue.path) : fieldPath(issue.path) || '(record)',
      message: issue.message,
    })),
  );
}

/**
 * Parses a list one record at a time, as parseRecord does a whole list, without building a parsed copy of
 * it: each parsed record lives only as long as its caller keeps it (a million opportunities parsed at once
 * held a second million objects). A record without an id is named by its position, as in a list.
 */
export function* parseEach<S extends z.ZodType>(
  schema: S,
  input: Iterable<unknown>,
  recordType: string,
): Generator<z.output<S>> {
  let index = 0;
  for (const item of input) {
    let parsed: z.output<S>;
    try {
      parsed = parseRecord(schema, item, recordType);
    } catch (error) {
      if (!(error instanceof DomainInputError) || error.recordId !== undefined) throw error;
      const at = `[${index}]`;
      throw new DomainInputError(
        recordType,
        undefined,
        error.issues.map((i) => ({ ...i, field: i.field === '(record)' ? at : `${at}.${i.field}` })),
      );
    }
    yield parsed;
    index += 1;
  }
}
