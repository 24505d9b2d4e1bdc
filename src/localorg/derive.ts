// Values Salesforce computes on save for the standard objects we emulate, so data written through the
// API reads back as it would from a real org.
import { OPPORTUNITY_STAGES } from './schema/standard-objects.js';
import type { ObjectDef } from './schema/types.js';

type Mutable = Record<string, unknown>;

export function derive(object: ObjectDef, row: Mutable, written: ReadonlySet<string>, inserting: boolean): void {
  switch (object.name) {
    case 'Opportunity':
      deriveOpportunity(row, written, inserting);
      break;
    case 'Contact':
    case 'User':
      row['Name'] = [row['FirstName'], row['LastName']].filter((p) => typeof p === 'string' && p !== '').join(' ');
      break;
  }
}

function deriveOpportunity(row: Mutable, written: ReadonlySet<string>, inserting: boolean): void {
  if (!inserting && !written.has('StageName')) return;
  const stage = OPPORTUNITY_STAGES.find((s) => s.name === row['StageName']);
  if (stage === undefined) return;
  row['IsClosed'] = stage.closed;
  row['IsWon'] = stage.won;
  if (!written.has('Probability')) row['Probability'] = stage.probability;
  if (!written.has('ForecastCategoryName')) row['ForecastCategoryName'] = stage.forecast;
}

/** Formats an auto number such as `DR-{00000}` (or `{YYYY}-{0}`) for the nth record. */
export function formatAutoNumber(format: string | null, n: number, now: Date): string {
  if (format === null) return String(n);
  return format.replace(/\{(0+|YYYY|YY|MM|DD)\}/g, (_m, token: string) => {
    if (token === 'YYYY') return String(now.getUTCFullYear());
    if (token === 'YY') return String(now.getUTCFullYear()).slice(2);
    if (token === 'MM') return String(now.getUTCMonth() + 1).padStart(2, '0');
    if (token === 'DD') return String(now.getUTCDate()).padStart(2, '0');
    return String(n).padStart(token.length, '0');
  });
}
