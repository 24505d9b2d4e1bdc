// Every value that reaches a SOQL string goes through these helpers: a value is always a literal, never
// query text (SOQL injection). Salesforce's escapes inside quoted strings are \' \" \\ \n \r \t \b \f.
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const API_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(?:__(?:c|mdt|r|e|x|b))?$/;

export function quote(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f]/g, (ch) => {
    switch (ch) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      default:
        return `\\${ch}`;
    }
  });
  return `'${escaped}'`;
}

/** A LIKE pattern that matches `value` literally (its % and _ escaped) with the given wildcards around it. */
export function likeLiteral(value: string, { prefix = '', suffix = '' } = {}): string {
  const inner = quote(value)
    .slice(1, -1)
    .replace(/[%_]/g, (ch) => `\\${ch}`);
  return `'${prefix}${inner}${suffix}'`;
}

/** An Id literal; refuses anything that is not a 15/18-character Salesforce Id. */
export function idLiteral(id: string): string {
  if (!ID_PATTERN.test(id)) throw new TypeError(`not a Salesforce Id: ${JSON.stringify(id)}`);
  return `'${id}'`;
}

export function idList(ids: readonly string[]): string {
  if (ids.length === 0) throw new RangeError('an IN list needs at least one Id');
  return `(${ids.map(idLiteral).join(', ')})`;
}

/** A datetime literal (unquoted in SOQL) from epoch milliseconds, at Salesforce's second precision. */
export function dateTimeLiteral(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Object and field names cannot be quoted in SOQL, so they are checked against the API-name grammar. */
export function apiName(name: string): string {
  if (!API_NAME_PATTERN.test(name)) throw new TypeError(`not an API name: ${JSON.stringify(name)}`);
  return name;
}
