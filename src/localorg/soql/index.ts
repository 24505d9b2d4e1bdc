export type {
  SoqlChildRelationship,
  SoqlDataSource,
  SoqlField,
  SoqlFieldType,
  SoqlObject,
  SoqlOptions,
  SoqlResult,
  SoqlRow,
} from './types.js';
export { SoqlError, SoqlErrorCode } from './errors.js';
export { executeSoql } from './execute.js';
export { id15, to18 } from './ids.js';
