// Numbers, money, percentages and dates through Intl, in the user's locale and the record's currency. A
// bad locale or currency code from an org setting must not blank the page, so each falls back instead of
// throwing.

const FALLBACK_LOCALE = 'en-US';
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** The browser's language, or en-US where there is none (tests, server rendering). */
export function defaultLocale(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || FALLBACK_LOCALE;
}

function tryNumberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat | undefined {
  try {
    return new Intl.NumberFormat(locale, options);
  } catch {
    return undefined;
  }
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (format === undefined) {
    format = tryNumberFormat(locale, options) ?? tryNumberFormat(FALLBACK_LOCALE, options);
    if (format === undefined) {
      // The currency code itself is bad: show a plain number rather than nothing.
      const { currency: _currency, currencyDisplay: _display, ...rest } = options;
      format = new Intl.NumberFormat(FALLBACK_LOCALE, { ...rest, style: 'decimal', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      format = new Intl.DateTimeFormat(FALLBACK_LOCALE, options);
    }
    cache.set(key, format);
  }
  return format;
}

/** Integer cents as money: formatMoney(8770000, 'USD', 'en-US') → "$87,700.00". `whole` drops the cents. */
export function formatMoney(cents: number, currency: string, locale: string, whole = false): string {
  const digits = whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {};
  return numberFormat(locale, { style: 'currency', currency, ...digits }).format(cents / 100);
}

/** Basis points as a percentage with two decimals: 9999 → "99.99%" (de-DE "99,99 %"). */
export function formatPercentBp(bp: number, locale: string, fractionDigits = 2): string {
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(bp / 10_000);
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A count with its unit in words: formatUnit(3, 'day', 'en-US') → "3 days". */
export function formatUnit(value: number, unit: 'day' | 'hour', locale: string): string {
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(
    value,
  );
}

/** A date-only value ('2027-02-14') as a calendar date; read in UTC so no time zone shifts the day. */
export function formatDate(date: string, locale: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) return date;
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(ms);
}

/** An instant (epoch ms) as a date and time in the user's own time zone. */
export function formatDateTime(instant: number, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(instant);
}

/**
 * Reads a decimal the user typed, accepting either separator ("33,33" in de-DE, "33.33" in en-US) and
 * grouping in the locale's style (unless `grouping` is false, as for percentages); NaN when it is not a
 * number.
 */
export function parseDecimal(text: string, locale: string, grouping = true): number {
  const parts = numberFormat(locale, { useGrouping: true }).formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  let s = text.replace(/[\s\u00a0\u202f%]/g, '');
  if (s === '') return NaN;
  const lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  const sep = lastSep >= 0 ? s[lastSep]! : '';
  if (s.includes('.') && s.includes(',')) s = s.split(group).join('').replace(decimal, '.');
  else if (sep !== '' && s.split(sep).length > 2) s = s.split(sep).join('');
  // One separator is a decimal one unless it is this locale's grouping before exactly three digits, so
  // a rep who pastes "33.33" into a de-DE org gets 33.33, not 3333.
  else if (grouping && sep !== '' && sep === group && s.length - lastSep - 1 === 3) s = s.replace(sep, '');
  else s = s.replace(',', '.');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
}
