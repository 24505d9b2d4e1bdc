// Field readers for REST query rows: the org sends numbers, strings, booleans or null, and parent
// relationships as nested objects. Anything else is treated as missing rather than trusted.
import type { SfRecord } from './org.js';

export function str(r: Record<string, unknown> | null | undefined, field: string): string | null {
  const v = r?.[field];
  return typeof v === 'string' && v !== '' ? v : null;
}

export function num(r: Record<string, unknown> | null | undefined, field: string): number | null {
  const v = r?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function bool(r: Record<string, unknown> | null | undefined, field: string): boolean {
  return r?.[field] === true;
}

export function parent(r: SfRecord | null | undefined, relationship: string): Record<string, unknown> | null {
  const v = r?.[relationship];
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
}

/** Epoch ms of a Salesforce datetime ("2025-05-01T10:00:00.000+0000"), or null. */
export function instant(r: Record<string, unknown> | null | undefined, field: string): number | null {
  const v = str(r, field);
  if (v === null) return null;
  const ms = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : ms;
}

/** A currency amount as integer cents: the components never see float money. */
export function cents(r: Record<string, unknown> | null | undefined, field: string): number | null {
  const v = num(r, field);
  return v === null ? null : Math.round(v * 100);
}

/** Products__c keeps the list as "CRM; Analytics". */
export function products(text: string | null): string[] {
  return (text ?? '')
    .split(/[;,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
