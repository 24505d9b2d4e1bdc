const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isIdShaped(value: string): boolean {
  return ID_SHAPE.test(value);
}

/** Ids compare on their case-sensitive 15-character form; the 18-character suffix is only a checksum. */
export function id15(value: string): string {
  return value.length > 15 ? value.slice(0, 15) : value;
}

export function to18(value: string): string {
  if (value.length !== 15) return value;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let mask = 0;
    for (let bit = 0; bit < 5; bit++) {
      const ch = value.charCodeAt(chunk * 5 + bit);
      if (ch >= 65 && ch <= 90) mask |= 1 << bit;
    }
    suffix += SUFFIX_ALPHABET[mask];
  }
  return value + suffix;
}
