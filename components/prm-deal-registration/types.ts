// What prm-deal-registration takes in and sends out. Records are the domain's shapes, so the component runs
// the same conflict and decision rules the service does.
import type { RegistrationSettings } from '../../src/domain/config.js';
import type { ConflictMatch } from '../../src/domain/registration/conflicts.js';
import type {
  OpportunitySummary,
  Registration,
  RegistrationType,
} from '../../src/domain/registration/schemas.js';

export type { ConflictMatch, OpportunitySummary, Registration, RegistrationSettings, RegistrationType };

/** A partner Account the rep can choose. */
export type PartnerOption = { id: string; name: string };

/** A registration as the host hands it over: the domain record, plus its Name where the host has it. */
export type RegistrationView = Registration & { name?: string | null };

/** What a rep submits: the host creates the Deal_Registration__c with Submitted_At__c = now. */
export type RegistrationDraft = {
  partnerId: string;
  opportunityId: string;
  customerAccountId: string | null;
  customerName: string | null;
  customerDomain: string | null;
  type: RegistrationType;
  products: string[];
  estimatedAmountCents: number;
  status: 'Submitted';
};

/** `prm_register`. */
export type PrmRegisterDetail = { registration: RegistrationDraft };

/**
 * `prm_decide`: a partner manager's decision. An approval carries the end of its protection window,
 * because the rules never touch a manager's decision afterwards.
 */
export type PrmDecideDetail = {
  registrationId: string;
  decision: 'Approved' | 'Rejected';
  reason: string;
  protectedUntil: string | null;
};

declare global {
  interface HTMLElementEventMap {
    prm_register: CustomEvent<PrmRegisterDetail>;
    prm_decide: CustomEvent<PrmDecideDetail>;
  }
}
