// Opportunity outputs derived from its partner involvement: Partner_Sourced__c and Co_Sell_Status__c.
import { reason, type Reason } from '../reason.js';
import { sameRecordId } from '../registration/identity.js';
import type { Registration } from '../registration/schemas.js';
import type { SplitInput } from './schemas.js';

export const CO_SELL_STATUSES = ['None', 'Registered', 'Co-Selling', 'Won', 'Lost'] as const;
export type CoSellStatus = (typeof CO_SELL_STATUSES)[number];

function forOpportunity(
  registrations: readonly Registration[],
  opportunityId?: string,
): readonly Registration[] {
  return opportunityId === undefined
    ? registrations
    : registrations.filter((r) => sameRecordId(r.opportunityId, opportunityId));
}

/**
 * Partner_Sourced__c: an Approved registration of type Sourced exists. Pass the opportunity's
 * registrations, or all of them with `opportunityId` to filter.
 */
export function derivePartnerSourced(
  registrations: readonly Registration[],
  opportunityId?: string,
): boolean {
  return forOpportunity(registrations, opportunityId).some(
    (r) => r.status === 'Approved' && r.type === 'Sourced',
  );
}

/**
 * Co_Sell_Status__c. A partner is involved when an Approved registration or a split with a partner
 * exists. Closed: Won or Lost when a partner was involved, else None. Open: Co-Selling when a partner
 * is involved, Registered when registrations only wait for a decision, else None.
 */
export function coSellStatus(
  opportunity: { isClosed: boolean; isWon: boolean },
  registrations: readonly Registration[],
  splits: readonly SplitInput[],
): { status: CoSellStatus; reasons: Reason[] } {
  const approved = registrations.filter((r) => r.status === 'Approved').map((r) => r.id);
  const submitted = registrations.filter((r) => r.status === 'Submitted').map((r) => r.id);
  const partners = [...new Set(splits.map((s) => s.partnerId.trim()).filter((p) => p !== ''))].sort();
  const involvement: Reason[] = [];
  if (approved.length > 0)
    involvement.push(
      reason('approved_registration', 'An approved deal registration', { registrationIds: approved }),
    );
  if (partners.length > 0)
    involvement.push(reason('partner_splits', 'Co-sell splits with partners', { partnerIds: partners }));
  const involved = involvement.length > 0;

  if (opportunity.isClosed) {
    if (!involved)
      return { status: 'None', reasons: [reason('no_partner', 'Closed without a partner involved')] };
    return opportunity.isWon
      ? { status: 'Won', reasons: [reason('closed_won', 'Won with a partner involved'), ...involvement] }
      : { status: 'Lost', reasons: [reason('closed_lost', 'Lost with a partner involved'), ...involvement] };
  }
  if (involved)
    return {
      status: 'Co-Selling',
      reasons: [reason('co_selling', 'Open with a partner involved'), ...involvement],
    };
  if (submitted.length > 0)
    return {
      status: 'Registered',
      reasons: [
        reason('submitted_registration', 'A deal registration waits for a decision', {
          registrationIds: submitted,
        }),
      ],
    };
  return { status: 'None', reasons: [reason('no_partner', 'No partner registration or split')] };
}
