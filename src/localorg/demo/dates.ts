// Dates as whole days since the Unix epoch, rendered the way the Salesforce REST API writes them. Rendered
// dates are interned: a million records share a few thousand date strings instead of holding their own.

const DAY_MS = 86_400_000;
const dates = new Map<number, string>();

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`expected a YYYY-MM-DD date, got "${date}"`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date: "${date}"`);
  }
  return ms / DAY_MS;
}

/** YYYY-MM-DD (a Salesforce date). */
export function isoDate(day: number): string {
  let text = dates.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dates.set(day, text);
  }
  return text;
}

/** A Salesforce datetime on that day, at the given minute (UTC), e.g. 2026-10-30T14:05:00.000Z. */
export function isoDateTime(day: number, minuteOfDay: number): string {
  const hh = String(Math.floor(minuteOfDay / 60) % 24).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${isoDate(day)}T${hh}:${mm}:00.000Z`;
}
