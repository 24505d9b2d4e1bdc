// The shapes Salesforce answers with, checked at the boundary: a surprise in the org's answer becomes a
// clear error here instead of an undefined deep in the engine.
import { z } from 'zod';

export const SfRecord = z.looseObject({ Id: z.string().optional() });
export type SfRecord = z.infer<typeof SfRecord>;

export const QueryResult = z.object({
  totalSize: z.number().int().nonnegative(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(SfRecord),
});
export type QueryResult = z.infer<typeof QueryResult>;

const RecordError = z.looseObject({
  statusCode: z.string().optional(),
  errorCode: z.string().optional(),
  message: z.string().default(''),
  fields: z.array(z.string()).optional(),
});

export const SaveResult = z.looseObject({
  id: z.string().nullish(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z.array(RecordError).default([]),
});
export type SaveResult = z.infer<typeof SaveResult>;

/** A top-level REST error body: [{errorCode, message}]. */
export const ErrorList = z.array(RecordError);

export const CompositeResponse = z.object({
  compositeResponse: z.array(
    z.object({
      body: z.unknown(),
      httpHeaders: z.record(z.string(), z.string()).optional(),
      httpStatusCode: z.number().int(),
      referenceId: z.string(),
    }),
  ),
});

export const BulkJobInfo = z.looseObject({
  id: z.string(),
  state: z.enum(['Open', 'UploadComplete', 'InProgress', 'JobComplete', 'Failed', 'Aborted']),
  errorMessage: z.string().nullish(),
  numberRecordsProcessed: z.number().optional(),
  numberRecordsFailed: z.number().optional(),
});
export type BulkJobInfo = z.infer<typeof BulkJobInfo>;

/** Parses an answer; a wrong shape is a permanent error naming what was expected. */
export function parseWire<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`unexpected ${what} from the org: ${where}`);
}
