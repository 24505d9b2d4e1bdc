export type {
  SoqlChildRelationship,
  SoqlDataSource,
  SoqlField,
  SoqlFieldType,
  SoqlIndexCut,
  SoqlOrderedIndex,
  SoqlObject,
  SoqlOptions,
  SoqlResult,
  SoqlRow,
} from './types.js';
export { SoqlError, SoqlErrorCode } from './errors.js';
export { executeSoql } from './execute.js';
export { id15, to18 } from './ids.js';
export { OrderedIndex } from './ordered-index.js';
