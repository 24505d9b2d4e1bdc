// What prm-cosell-splits takes in and sends out.
import type { SplitInput, SplitRole, SplitType } from '../../src/domain/splits/schemas.js';

export type { SplitInput, SplitRole, SplitType };

/** A partner Account the rep can choose. */
export type PartnerOption = { id: string; name: string };

/** `prm_splits_change`: the splits as they stand after an edit, with the revenue total in basis points. */
export type PrmSplitsChangeDetail = {
  splits: SplitInput[];
  valid: boolean;
  revenueTotalBp: number;
  remainingRevenueBp: number;
};

/** `prm_splits_save`: a valid set to write (rows with an id are updates; ids missing from it are deletes). */
export type PrmSplitsSaveDetail = { splits: SplitInput[] };

declare global {
  interface HTMLElementEventMap {
    prm_splits_change: CustomEvent<PrmSplitsChangeDetail>;
    prm_splits_save: CustomEvent<PrmSplitsSaveDetail>;
  }
}
