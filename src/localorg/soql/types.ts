export type SoqlFieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

export interface SoqlField {
  name: string;
  type: SoqlFieldType;
  referenceTo?: string[];
  relationshipName?: string;
}

export interface SoqlChildRelationship {
  relationshipName: string;
  childSObject: string;
  field: string;
}

export interface SoqlObject {
  name: string;
  fields: SoqlField[];
  childRelationships: SoqlChildRelationship[];
}

export type SoqlRow = Readonly<Record<string, unknown>>;

export interface SoqlDataSource {
  /** Case-insensitive; returns canonical names. */
  object(name: string): SoqlObject | undefined;
  /** All rows, including those with IsDeleted = true. */
  records(objectName: string): Iterable<SoqlRow>;
  byId(objectName: string, id: string): SoqlRow | undefined;
  /**
   * An index on (field, Id) when the source keeps one: the engine then reads ranges and ORDER BY field,
   * Id pages from it instead of scanning. Its keys must be the field's comparable form (values.ts).
   */
  orderedIndex?(objectName: string, fieldName: string): SoqlOrderedIndex | undefined;
}

/**
 * A position between index entries: entries (key, id) before it sort below (cut.key, cut.id). An `id`
 * of '' is before every Id of that key, null after every one. Null keys sort before all others.
 */
export interface SoqlIndexCut {
  key: string | null;
  id: string | null;
}

export interface SoqlOrderedIndex {
  /** Entries, deleted rows included. */
  readonly size: number;
  /** How many entries lie at or after `from` and before `to` (undefined: no bound). */
  countBetween(from: SoqlIndexCut | undefined, to: SoqlIndexCut | undefined): number;
  /**
   * Calls `visit` with the rows whose entries lie at or after `from` and before `to` (undefined: no
   * bound), in (key, Id) order or its reverse, until it returns false. `seq` grows with the row's
   * position in `records()`.
   */
  visit(
    from: SoqlIndexCut | undefined,
    to: SoqlIndexCut | undefined,
    descending: boolean,
    visit: (row: SoqlRow, key: string | null, seq: number) => boolean,
  ): void;
}

export interface SoqlOptions {
  now: Date;
  /** queryAll: rows with IsDeleted = true are visible. */
  includeDeleted: boolean;
  apiVersion: string;
}

export interface SoqlResult {
  totalSize: number;
  records: Record<string, unknown>[];
}
