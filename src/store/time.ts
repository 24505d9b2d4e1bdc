import { StoreError, StoreErrorCode } from './errors.js';

/** Milliseconds since the epoch; the store's clock is injectable so leases and backoff test without waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

// Salesforce spells SystemModstamp "…+0000" in REST and "…Z" in Bulk CSV. Stored as ISO UTC with
// milliseconds, every value has the same width, so text order is time order in SQL on both engines.
export function toIsoTimestamp(value: string | Date | number, what: string): string {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new StoreError(StoreErrorCode.InvalidInput, `${what} is not a valid timestamp`);
  }
  const iso = new Date(ms).toISOString();
  // Years outside 0000–9999 get a sign and six digits, which would break the text ordering.
  if (iso.length !== 24) throw new StoreError(StoreErrorCode.InvalidInput, `${what} is out of range`);
  return iso;
}
