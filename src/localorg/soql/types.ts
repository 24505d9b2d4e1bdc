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
