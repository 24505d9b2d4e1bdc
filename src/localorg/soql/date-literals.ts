import { SoqlError } from './errors.js';

/** A half-open range of UTC days since the epoch. */
export interface DayRange {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

interface Calendar {
  today: number;
  year: number;
  month: number;
}

function calendar(now: Date): Calendar {
  return {
    today: Math.floor(now.getTime() / DAY_MS),
    year: now.getUTCFullYear(),
    month: now.getUTCMonth(),
  };
}

function monthStart(year: number, month: number): number {
  return Math.floor(Date.UTC(year, month, 1) / DAY_MS);
}

// Weeks start on Sunday (en_US locale); quarters and fiscal periods follow the calendar year,
// which is what an org without custom fiscal years does.
function weekStart(today: number): number {
  const weekday = (today + 4) % 7; // 1970-01-01 was a Thursday
  return today - weekday;
}

function months(c: Calendar, fromOffset: number, count: number): DayRange {
  return {
    start: monthStart(c.year, c.month + fromOffset),
    end: monthStart(c.year, c.month + fromOffset + count),
  };
}

function quarters(c: Calendar, fromOffset: number, count: number): DayRange {
  const q = c.month - (c.month % 3);
  return {
    start: monthStart(c.year, q + fromOffset * 3),
    end: monthStart(c.year, q + (fromOffset + count) * 3),
  };
}

function years(c: Calendar, fromOffset: number, count: number): DayRange {
  return { start: monthStart(c.year + fromOffset, 0), end: monthStart(c.year + fromOffset + count, 0) };
}

function weeks(c: Calendar, fromOffset: number, count: number): DayRange {
  const w = weekStart(c.today);
  return { start: w + fromOffset * 7, end: w + (fromOffset + count) * 7 };
}

const fixed: Readonly<Record<string, (c: Calendar) => DayRange>> = {
  YESTERDAY: (c) => ({ start: c.today - 1, end: c.today }),
  TODAY: (c) => ({ start: c.today, end: c.today + 1 }),
  TOMORROW: (c) => ({ start: c.today + 1, end: c.today + 2 }),
  LAST_WEEK: (c) => weeks(c, -1, 1),
  THIS_WEEK: (c) => weeks(c, 0, 1),
  NEXT_WEEK: (c) => weeks(c, 1, 1),
  LAST_MONTH: (c) => months(c, -1, 1),
  THIS_MONTH: (c) => months(c, 0, 1),
  NEXT_MONTH: (c) => months(c, 1, 1),
  LAST_90_DAYS: (c) => ({ start: c.today - 90, end: c.today + 1 }),
  NEXT_90_DAYS: (c) => ({ start: c.today + 1, end: c.today + 91 }),
  THIS_QUARTER: (c) => quarters(c, 0, 1),
  LAST_QUARTER: (c) => quarters(c, -1, 1),
  NEXT_QUARTER: (c) => quarters(c, 1, 1),
  THIS_YEAR: (c) => years(c, 0, 1),
  LAST_YEAR: (c) => years(c, -1, 1),
  NEXT_YEAR: (c) => years(c, 1, 1),
  THIS_FISCAL_QUARTER: (c) => quarters(c, 0, 1),
  LAST_FISCAL_QUARTER: (c) => quarters(c, -1, 1),
  NEXT_FISCAL_QUARTER: (c) => quarters(c, 1, 1),
  THIS_FISCAL_YEAR: (c) => years(c, 0, 1),
  LAST_FISCAL_YEAR: (c) => years(c, -1, 1),
  NEXT_FISCAL_YEAR: (c) => years(c, 1, 1),
};

const withN: Readonly<Record<string, (c: Calendar, n: number) => DayRange>> = {
  // LAST_N_DAYS counts back from and includes today; NEXT_N_DAYS starts tomorrow.
  LAST_N_DAYS: (c, n) => ({ start: c.today - n, end: c.today + 1 }),
  NEXT_N_DAYS: (c, n) => ({ start: c.today + 1, end: c.today + 1 + n }),
  N_DAYS_AGO: (c, n) => ({ start: c.today - n, end: c.today - n + 1 }),
  LAST_N_WEEKS: (c, n) => weeks(c, -n, n),
  NEXT_N_WEEKS: (c, n) => weeks(c, 1, n),
  N_WEEKS_AGO: (c, n) => weeks(c, -n, 1),
  LAST_N_MONTHS: (c, n) => months(c, -n, n),
  NEXT_N_MONTHS: (c, n) => months(c, 1, n),
  N_MONTHS_AGO: (c, n) => months(c, -n, 1),
  LAST_N_QUARTERS: (c, n) => quarters(c, -n, n),
  NEXT_N_QUARTERS: (c, n) => quarters(c, 1, n),
  N_QUARTERS_AGO: (c, n) => quarters(c, -n, 1),
  LAST_N_YEARS: (c, n) => years(c, -n, n),
  NEXT_N_YEARS: (c, n) => years(c, 1, n),
  N_YEARS_AGO: (c, n) => years(c, -n, 1),
  LAST_N_FISCAL_QUARTERS: (c, n) => quarters(c, -n, n),
  NEXT_N_FISCAL_QUARTERS: (c, n) => quarters(c, 1, n),
  N_FISCAL_QUARTERS_AGO: (c, n) => quarters(c, -n, 1),
  LAST_N_FISCAL_YEARS: (c, n) => years(c, -n, n),
  NEXT_N_FISCAL_YEARS: (c, n) => years(c, 1, n),
  N_FISCAL_YEARS_AGO: (c, n) => years(c, -n, 1),
};

/** `literal` is e.g. 'TODAY' or 'LAST_N_DAYS:30'. */
export function dateLiteralRange(literal: string, now: Date): DayRange {
  const [name = '', arg] = literal.toUpperCase().split(':');
  const c = calendar(now);
  if (arg === undefined) {
    const f = fixed[name];
    if (f !== undefined) return f(c);
  } else {
    const f = withN[name];
    const n = Number(arg);
    if (f !== undefined && Number.isInteger(n) && n >= 0) return f(c, n);
  }
  throw new SoqlError('MALFORMED_QUERY', `unexpected token: ${literal}`);
}
