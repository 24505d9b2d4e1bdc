// Co_Sell_Split__c records → <prm-cosell-splits> properties, and a saved set → the writes that make the
// org match it. Pure, so jest tests both directions without a DOM.
import { nodeValue, queryNodes, recordValue, toCents } from 'c/prmHostUtils';

export const OPPORTUNITY_FIELDS = ['Opportunity.Amount'];
export const OPPORTUNITY_OPTIONAL_FIELDS = ['Opportunity.CurrencyIsoCode'];

export function splitsOf(data) {
    return queryNodes(data, 'Co_Sell_Split__c').map((n) => {
        const split = {
            id: n.Id,
            partnerId: nodeValue(n, 'Partner_Account__c') || '',
            role: nodeValue(n, 'Role__c') || 'Influenced',
            type: nodeValue(n, 'Split_Type__c') || 'Revenue',
            percent: nodeValue(n, 'Percent__c')
        };
        const name = nodeValue(n.Partner_Account__r, 'Name');
        if (name) split.partnerName = name;
        return split;
    });
}

export function splitsProps(record, data) {
    return {
        amountCents: toCents(recordValue(record, 'Amount')),
        currency: recordValue(record, 'CurrencyIsoCode') || 'USD',
        splits: splitsOf(data),
        partners: queryNodes(data, 'Account').map((n) => ({ id: n.Id, name: nodeValue(n, 'Name') || n.Id }))
    };
}

function fieldsOf(split) {
    return {
        Partner_Account__c: split.partnerId,
        Role__c: split.role,
        Split_Type__c: split.type,
        Percent__c: split.percent
    };
}

/**
 * The writes that turn the saved splits into `next`: deletes first (a removed row frees its share), then
 * updates of changed rows, guarded by each row's LastModifiedDate, then creates.
 */
export function planSplitWrites(opportunityId, data, next) {
    const saved = new Map(queryNodes(data, 'Co_Sell_Split__c').map((n) => [n.Id, n]));
    const current = new Map(splitsOf(data).map((s) => [s.id, s]));
    const keep = new Set(next.filter((s) => s.id).map((s) => s.id));
    const deletes = [...saved.keys()].filter((id) => !keep.has(id));
    const updates = next
        .filter((s) => s.id && current.has(s.id))
        .filter((s) => {
            const before = fieldsOf(current.get(s.id));
            const after = fieldsOf(s);
            return Object.keys(after).some((k) => before[k] !== after[k]);
        })
        .map((s) => ({
            input: { fields: { Id: s.id, ...fieldsOf(s) } },
            options: { ifUnmodifiedSince: nodeValue(saved.get(s.id), 'LastModifiedDate') }
        }));
    const creates = next
        .filter((s) => !s.id)
        .map((s) => ({ apiName: 'Co_Sell_Split__c', fields: { Opportunity__c: opportunityId, ...fieldsOf(s) } }));
    return { deletes, updates, creates };
}
