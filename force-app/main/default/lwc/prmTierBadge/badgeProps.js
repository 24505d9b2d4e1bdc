// Account → <prm-tier-badge> properties. Pure, so jest tests the mapping without a DOM.
import { recordValue } from 'c/prmHostUtils';

const BANDS = ['Green', 'Yellow', 'Red'];

export const BADGE_FIELDS = [
    'Account.Partner_Tier__c',
    'Account.Partner_Health_Band__c',
    'Account.Partner_Health_Score__c'
];

export function badgeProps(record) {
    const band = recordValue(record, 'Partner_Health_Band__c');
    const score = recordValue(record, 'Partner_Health_Score__c');
    return {
        tier: recordValue(record, 'Partner_Tier__c'),
        band: BANDS.includes(band) ? band : null,
        score: typeof score === 'number' ? score : null
    };
}
