// Account, its daily snapshots and the tier catalogue → <prm-partner-health> properties. Pure, so jest
// tests the mapping without a DOM. The JSON fields are the service's (DESIGN.md §2): a value that does
// not parse shows as "no score yet" instead of breaking the page.
import { nodeValue, parseJson, queryNodes, recordValue } from 'c/prmHostUtils';

export const HEALTH_FIELDS = [
    'Account.Partner_Tier__c',
    'Account.Partner_Tier_Since__c',
    'Account.Partner_Tier_Grace_Until__c',
    'Account.Partner_Next_Tier__c',
    'Account.Partner_Next_Tier_Gap__c',
    'Account.Partner_Health_Score__c',
    'Account.Partner_Health_Band__c',
    'Account.Partner_Health_Trend__c',
    'Account.Partner_Health_Explained__c'
];
// Only where multi-currency is on.
export const HEALTH_OPTIONAL_FIELDS = ['Account.CurrencyIsoCode'];

/** The first day of the trend line: `months` months before `today` ('YYYY-MM-DD'). */
export function historySince(today, months) {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - months);
    return d.toISOString().slice(0, 10);
}

/** How many daily snapshots `months` can hold (GraphQL pages hold at most 2000). */
export function historyPageSize(months) {
    return Math.min(2000, months * 31 + 1);
}

function benefitsOf(tierNode) {
    const bp = (v) => (typeof v === 'number' ? Math.round(v * 100) : 0);
    return {
        discountBp: bp(nodeValue(tierNode, 'Discount_Percent__c')),
        mdfBp: bp(nodeValue(tierNode, 'MDF_Percent__c')),
        summary: nodeValue(tierNode, 'Benefits__c') || ''
    };
}

/** The tier catalogue (PRM_Tier__mdt nodes) by developer name. */
function tierNamed(tiers, name) {
    return tiers.find((t) => nodeValue(t, 'DeveloperName') === name) || null;
}

export function historyOf(snapshotData) {
    return queryNodes(snapshotData, 'Partner_Health_Snapshot__c')
        .map((n) => ({ asOf: nodeValue(n, 'As_Of__c'), score: nodeValue(n, 'Score__c') }))
        .filter((p) => typeof p.asOf === 'string' && typeof p.score === 'number')
        .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
}

export function healthProps(record, snapshotData, tierData) {
    const tiers = queryNodes(tierData, 'PRM_Tier__mdt');
    const gap = parseJson(recordValue(record, 'Partner_Next_Tier_Gap__c'));
    const explained = parseJson(recordValue(record, 'Partner_Health_Explained__c'));
    const tierName = recordValue(record, 'Partner_Tier__c');
    const tierNode = tierName ? tierNamed(tiers, tierName) : null;
    const nextName = recordValue(record, 'Partner_Next_Tier__c') || (gap && gap.nextTier) || null;
    const nextNode = nextName ? tierNamed(tiers, nextName) : null;
    const trend = recordValue(record, 'Partner_Health_Trend__c');
    return {
        health: explained && explained.v === 1 && Array.isArray(explained.measures) ? explained : null,
        trend: typeof trend === 'number' ? trend : null,
        history: historyOf(snapshotData),
        tier: tierName
            ? {
                  name: tierName,
                  label: nodeValue(tierNode, 'MasterLabel') || (gap && gap.tierLabel) || tierName,
                  since: recordValue(record, 'Partner_Tier_Since__c'),
                  graceUntil: recordValue(record, 'Partner_Tier_Grace_Until__c'),
                  benefits: benefitsOf(tierNode)
              }
            : null,
        nextTier: nextName
            ? { name: nextName, label: nodeValue(nextNode, 'MasterLabel') || (gap && gap.nextTierLabel) || nextName }
            : null,
        gaps: gap && Array.isArray(gap.gaps) ? gap.gaps : [],
        currency: recordValue(record, 'CurrencyIsoCode') || 'USD'
    };
}
