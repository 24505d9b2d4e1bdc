// Salesforce record Ids: a 3-character key prefix, 12 case-sensitive characters, and a 3-character
// suffix that encodes the case of the first 15 so case-insensitive tools can still tell Ids apart.

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
// In ASCII order so that Ids sort in creation order, as Salesforce's mostly do.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let mask = 0;
    for (let bit = 0; bit < 5; bit++) {
      const ch = id15.charCodeAt(chunk * 5 + bit);
      if (ch >= 65 && ch <= 90) mask |= 1 << bit;
    }
    suffix += SUFFIX_ALPHABET[mask];
  }
  return suffix;
}

/** The canonical 18-character form of a 15- or 18-character Id, or undefined when it is not Id-shaped. */
export function normalizeId(value: string): string | undefined {
  if (!ID_SHAPE.test(value)) return undefined;
  const base = value.slice(0, 15);
  const suffix = checksum(base);
  // An 18-character Id whose suffix disagrees was mangled (e.g. case-folded): Salesforce rejects it.
  if (value.length === 18 && value.slice(15).toUpperCase() !== suffix) return undefined;
  return base + suffix;
}

export function isIdShaped(value: unknown): value is string {
  return typeof value === 'string' && normalizeId(value) !== undefined;
}

export function prefixOf(id: string): string {
  return id.slice(0, 3);
}

function base62(n: number, width: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** Makes Ids unique across the org; the counter is persisted so a restarted org never reuses one. */
export class IdFactory {
  constructor(
    public counter = 0,
    private readonly pod = '5g',
  ) {}

  next(prefix: string): string {
    this.counter++;
    const base = prefix + this.pod + '0' + base62(this.counter, 9);
    return base + checksum(base);
  }
}

/** Query locators and async job ids are not records but look like them. */
export function randomId(prefix: string): string {
  let body = '';
  for (let i = 0; i < 12; i++) body += BASE62[Math.floor(Math.random() * 62)];
  const base = prefix + body;
  return base + checksum(base);
}
