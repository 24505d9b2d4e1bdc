// Calendar arithmetic on date-only strings ('YYYY-MM-DD', as Salesforce date fields are) and instants as
// epoch milliseconds. Rules take "now" as an argument and never read the clock, so they stay deterministic.
import { z } from 'zod';

const DAY_MS = 86_400_000;

export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31')
  .refine((s) => toDayNumber(s) !== undefined, 'must be a real calendar date');
export type DateOnly = string;

/** Epoch milliseconds. */
export const Instant = z.number().int().safe();
export type Instant = number;

function toDayNumber(date: string): number | undefined {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / DAY_MS;
}

function dayNumber(date: DateOnly): number {
  const n = toDayNumber(date);
  if (n === undefined) throw new RangeError(`not a calendar date: ${date}`);
  return n;
}

function fromDayNumber(n: number): DateOnly {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: DateOnly, days: number): DateOnly {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DateOnly, to: DateOnly): number {
  return dayNumber(to) - dayNumber(from);
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: DateOnly, months: number): DateOnly {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)))
    .toISOString()
    .slice(0, 10);
}

/** The UTC calendar date of an instant (orgs in this product run their rules in UTC). */
export function dateOf(instant: Instant): DateOnly {
  return new Date(instant).toISOString().slice(0, 10);
}

export function startOfDay(date: DateOnly): Instant {
  return dayNumber(date) * DAY_MS;
}

export function addHours(instant: Instant, hours: number): Instant {
  return instant + hours * 3_600_000;
}
