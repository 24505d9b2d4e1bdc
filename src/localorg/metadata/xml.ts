// Metadata API XML read the way the platform reads it: every value a string, repeated elements always
// arrays (a single <fields> must not collapse to an object), and a malformed file reported with its
// line and column, as Salesforce's "Error parsing file" problem does.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

/** Elements that may repeat, by their name in the Metadata API schemas we interpret. */
const REPEATED = new Set([
  'types',
  'members',
  'fields',
  'validationRules',
  'listViews',
  'compactLayouts',
  'recordTypes',
  'webLinks',
  'fieldSets',
  'businessProcesses',
  'values',
  'fieldPermissions',
  'objectPermissions',
  'classAccesses',
  'customMetadataTypeAccesses',
  'customPermissions',
  'tabSettings',
  'applicationVisibilities',
  'recordTypeVisibilities',
  'userPermissions',
  'referenceTo',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // A picklist's <value> repeats; a custom metadata record's <values><value> does not.
  isArray: (name, jpath) =>
    REPEATED.has(name) ||
    (name === 'value' && typeof jpath === 'string' && jpath.endsWith('valueSetDefinition.value')),
});

export type XmlProblem = { problem: string; lineNumber?: number; columnNumber?: number };

/** The parsed document, or the parse problem Salesforce would report for the file. */
export function parseXml(text: string): { doc: XmlNode } | XmlProblem {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return {
      problem: `Error parsing file: ${valid.err.msg}`,
      lineNumber: valid.err.line,
      columnNumber: valid.err.col,
    };
  }
  return { doc: parser.parse(text) as XmlNode };
}

/** The root element's name (CustomObject, CustomMetadata, …) and its content. */
export function rootOf(doc: XmlNode): [string, XmlNode] | undefined {
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('?') || k.startsWith('@_')) continue;
    return [k, typeof v === 'object' && v !== null ? (v as XmlNode) : {}];
  }
  return undefined;
}

/** A leaf's text (attributes such as xsi:type put it under #text). */
export function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') {
    const t = (v as XmlNode)['#text'];
    return t === undefined ? undefined : String(t);
  }
  return String(v);
}

export function bool(v: unknown, fallback = false): boolean {
  const t = text(v);
  return t === undefined ? fallback : t.trim().toLowerCase() === 'true';
}

/** An integer element, undefined when absent; NaN when present but not a number. */
export function int(v: unknown): number | undefined {
  const t = text(v);
  if (t === undefined || t.trim() === '') return undefined;
  return /^-?\d+$/.test(t.trim()) ? Number(t) : NaN;
}

export function list(v: unknown): XmlNode[] {
  if (v === undefined || v === null) return [];
  const arr = Array.isArray(v) ? v : [v];
  return arr.map((x) => (typeof x === 'object' && x !== null ? (x as XmlNode) : { '#text': x }));
}

export function texts(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => text(x) ?? '');
}
