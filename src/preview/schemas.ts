// The bodies the preview's /api accepts, validated before anything reaches the org: ids must be Salesforce
// ids (they end up in SOQL and URLs), everything else is bounded so a bad page cannot write junk.
import { z } from 'zod';
import { REGISTRATION_TYPES } from '../domain/registration/schemas.js';
import { SPLIT_ROLES, SPLIT_TYPES } from '../domain/splits/schemas.js';

export const RecordId = z.string().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, 'must be a Salesforce Id');
const optionalId = RecordId.nullable();
const text = (max: number) => z.string().max(max).nullable();

/** `prm_register`'s detail as the browser forwards it. */
export const RegisterBody = z.strictObject({
  registration: z.strictObject({
    partnerId: RecordId,
    opportunityId: RecordId,
    customerAccountId: optionalId,
    customerName: text(255),
    customerDomain: text(255),
    type: z.enum(REGISTRATION_TYPES),
    products: z.array(z.string().trim().min(1).max(80)).max(20),
    estimatedAmountCents: z.number().int().min(0).max(1e15),
    status: z.literal('Submitted'),
  }),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

/** `prm_decide`'s detail plus the LastModifiedDate the page read, the guard against a lost update. */
export const DecideBody = z.strictObject({
  registrationId: RecordId,
  decision: z.enum(['Approved', 'Rejected']),
  reason: z.string().trim().min(1).max(255),
  protectedUntil: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  ifUnmodifiedSince: z.string().datetime({ offset: true }).nullable(),
});
export type DecideBody = z.infer<typeof DecideBody>;

/** `prm_splits_save`'s detail, and the opportunity it belongs to. */
export const SaveSplitsBody = z.strictObject({
  opportunityId: RecordId,
  splits: z
    .array(
      z.object({
        id: RecordId.optional(),
        partnerId: RecordId,
        partnerName: z.string().max(255).optional(),
        role: z.enum(SPLIT_ROLES),
        type: z.enum(SPLIT_TYPES),
        percent: z.number().gt(0).max(100),
      }),
    )
    .max(50),
});
export type SaveSplitsBody = z.infer<typeof SaveSplitsBody>;
