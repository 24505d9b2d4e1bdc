// The org's notion of "now": injectable so tests can move time (SystemModstamp, date literals, getUpdated).

export class Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  /** `base` is the wall clock the org runs from; tests pass their own to control time. */
  constructor(
    start?: Date,
    private readonly base: () => number = Date.now,
  ) {
    if (start !== undefined) this.set(start);
  }

  now(): Date {
    return new Date(this.frozenAt ?? this.base() + this.offsetMs);
  }

  /** Sets the current time; the clock keeps running from there unless frozen. */
  set(at: Date, frozen = false): void {
    if (frozen) {
      this.frozenAt = at.getTime();
      this.offsetMs = 0;
    } else {
      this.frozenAt = undefined;
      this.offsetMs = at.getTime() - this.base();
    }
  }

  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Salesforce's wire form at second precision: 2024-05-01T10:00:00.000+0000. */
export function formatDateTime(d: Date): string {
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000+0000`
  );
}

export function formatDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses the datetime forms Salesforce accepts; undefined when it is not one. */
export function parseDateTime(value: string): Date | undefined {
  const m = DATETIME.exec(value.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', , zone] = m;
  let offsetMin = 0;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMin * 60_000;
  const date = new Date(ms);
  if (Number.isNaN(ms) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  return date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return formatDate(d) === value;
}
