// Input parsing for the attribution, tier and health rules on top of parseRecord: records keyed by
// `partnerId` rather than `id` (tier metrics, tier simulations) are still named in the error.
import type { z } from 'zod';
import { DomainInputError, parseRecord } from '../errors.js';

export function parseKeyed<S extends z.ZodType>(
  schema: S,
  input: unknown,
  recordType: string,
  /** The record to name when the input itself carries no id; defaults to the input's `partnerId`. */
  recordId?: string,
): z.output<S> {
  try {
    return parseRecord(schema, input, recordType);
  } catch (error) {
    if (!(error instanceof DomainInputError) || error.recordId !== undefined) throw error;
    const id =
      recordId ??
      (typeof input === 'object' && input !== null
        ? (input as Record<string, unknown>)['partnerId']
        : undefined);
    if (typeof id !== 'string' || id.trim() === '') throw error;
    throw new DomainInputError(recordType, id, error.issues);
  }
}

/** A problem found after the schema passed (a repeated id, two fields that disagree). */
export function invalid(
  recordType: string,
  recordId: string | undefined,
  field: string,
  message: string,
): DomainInputError {
  return new DomainInputError(recordType, recordId, [{ field, message }]);
}
