import { StoreError, StoreErrorCode } from './errors.js';

const OBJECT_TYPE = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const FIELD = /^[A-Za-z][A-Za-z0-9_.]{0,254}$/;

export function checkObjectType(objectType: string): void {
  if (!OBJECT_TYPE.test(objectType)) {
    throw new StoreError(
      StoreErrorCode.InvalidInput,
      `object type ${JSON.stringify(objectType)} is not an API name`,
    );
  }
}

export function checkId(id: unknown, what: string): asserts id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 255) {
    throw new StoreError(StoreErrorCode.InvalidInput, `${what} must be a non-empty string`);
  }
}

export function checkField(field: string, objectType: string): void {
  if (!FIELD.test(field)) {
    throw new StoreError(
      StoreErrorCode.InvalidInput,
      `${objectType}: ${JSON.stringify(field)} is not a field API name`,
    );
  }
}
