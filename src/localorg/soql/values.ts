import type { SoqlFieldType } from './types.js';

/** How values of a field type compare; decides literal coercion, equality and ordering. */
export type ValueKind = 'text' | 'multi' | 'id' | 'number' | 'boolean' | 'date' | 'datetime';

export const kindOf: Readonly<Record<SoqlFieldType, ValueKind>> = {
  id: 'id',
  reference: 'id',
  string: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  picklist: 'text',
  multipicklist: 'multi',
  boolean: 'boolean',
  int: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
};

/** The type names Salesforce uses in filter-criterion errors. */
export const soapTypeName: Readonly<Record<SoqlFieldType, string>> = {
  id: 'id',
  reference: 'id',
  string: 'string',
  textarea: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  picklist: 'string',
  multipicklist: 'string',
  boolean: 'boolean',
  int: 'int',
  double: 'double',
  currency: 'double',
  percent: 'double',
  date: 'date',
  datetime: 'dateTime',
};

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch, or NaN. */
export function parseDatetime(text: string): number {
  const m = DATETIME.exec(text);
  if (m === null) return Number.NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  let utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    utc -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return utc;
}

export function formatDatetime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/**
 * Stored datetimes are almost always already '…000+0000'; those compare as strings, which keeps the
 * sync's SystemModstamp scans free of date parsing.
 */
export function canonicalDatetime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (value.length === 28 && value.charCodeAt(23) === 43 && value.endsWith('+0000')) return value;
  const ms = parseDatetime(value);
  return Number.isNaN(ms) ? null : formatDatetime(ms);
}

export function formatDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function dayOfDate(text: string): number {
  return Math.floor(Date.parse(`${text}T00:00:00Z`) / 86_400_000);
}

export type Normalized = string | number | boolean;
export type Normalizer = (value: unknown) => Normalized | null;

const normalizers: Readonly<Record<ValueKind, Normalizer>> = {
  text: (v) => (v == null ? null : typeof v === 'string' ? v.toLowerCase() : String(v).toLowerCase()),
  // Multi-select values compare as sets, so their comparable form is sorted.
  multi: (v) => (v == null || v === '' ? null : multiKey(String(v))),
  id: (v) => (typeof v === 'string' && v !== '' ? (v.length > 15 ? v.slice(0, 15) : v) : null),
  number: (v) => (v == null || v === '' ? null : typeof v === 'number' ? v : Number(v)),
  boolean: (v) => (v == null ? null : v === true || v === 'true'),
  date: (v) => (typeof v === 'string' && v !== '' ? v.slice(0, 10) : null),
  datetime: canonicalDatetime,
};

export function normalizer(kind: ValueKind): Normalizer {
  return normalizers[kind];
}

export function multiParts(value: string): string[] {
  return value
    .split(';')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
}

export function multiKey(value: string): string {
  return [...new Set(multiParts(value))].sort().join(';');
}

export function compareNormalized(a: string | number | boolean, b: string | number | boolean): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
