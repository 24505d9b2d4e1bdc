// Opportunity and related records → <prm-deal-registration> properties, and its events → record inputs.
// Pure, so jest tests both directions without a DOM. Shapes are the domain's (src/domain/registration):
// instants are epoch ms, money is integer cents.
import { instant, nodeValue, parentValue, queryNodes, recordValue, toCents } from 'c/prmHostUtils';

export const OPPORTUNITY_FIELDS = [
    'Opportunity.Name',
    'Opportunity.Amount',
    'Opportunity.AccountId',
    'Opportunity.Account.Name',
    'Opportunity.Account.Website',
    'Opportunity.IsClosed',
    'Opportunity.IsWon',
    'Opportunity.CreatedDate',
    'Opportunity.CloseDate',
    'Opportunity.Primary_Partner__c',
    'Opportunity.LastModifiedDate'
];
export const OPPORTUNITY_OPTIONAL_FIELDS = ['Opportunity.CurrencyIsoCode'];

/** Products__c keeps the list as "CRM; Analytics". */
export function productsOf(text) {
    return typeof text === 'string'
        ? text
              .split(/[;,]/)
              .map((p) => p.trim())
              .filter((p) => p !== '')
        : [];
}

export function opportunityOf(record) {
    if (!record) return null;
    return {
        id: record.id,
        name: recordValue(record, 'Name') || '',
        accountId: recordValue(record, 'AccountId'),
        accountName: parentValue(record, 'Account', 'Name'),
        accountDomain: parentValue(record, 'Account', 'Website'),
        isClosed: recordValue(record, 'IsClosed') === true,
        isWon: recordValue(record, 'IsWon') === true,
        createdAt: instant(recordValue(record, 'CreatedDate')) || 0,
        closeDate: recordValue(record, 'CloseDate'),
        primaryPartnerId: recordValue(record, 'Primary_Partner__c'),
        amountCents: toCents(recordValue(record, 'Amount'))
    };
}

function opportunityNode(n) {
    const account = n.Account || null;
    return {
        id: n.Id,
        name: nodeValue(n, 'Name') || '',
        accountId: nodeValue(n, 'AccountId'),
        accountName: nodeValue(account, 'Name'),
        accountDomain: nodeValue(account, 'Website'),
        isClosed: nodeValue(n, 'IsClosed') === true,
        isWon: nodeValue(n, 'IsWon') === true,
        createdAt: instant(nodeValue(n, 'CreatedDate')) || 0,
        closeDate: nodeValue(n, 'CloseDate'),
        primaryPartnerId: nodeValue(n, 'Primary_Partner__c'),
        amountCents: toCents(nodeValue(n, 'Amount'))
    };
}

function registrationNode(n) {
    return {
        id: n.Id,
        name: nodeValue(n, 'Name'),
        partnerId: nodeValue(n, 'Partner_Account__c'),
        opportunityId: nodeValue(n, 'Opportunity__c'),
        customerAccountId: nodeValue(n, 'Customer_Account__c'),
        customerName: nodeValue(n, 'Customer_Name__c'),
        customerDomain: nodeValue(n, 'Customer_Domain__c'),
        type: nodeValue(n, 'Registration_Type__c') || 'Sourced',
        products: productsOf(nodeValue(n, 'Products__c')),
        estimatedAmountCents: toCents(nodeValue(n, 'Estimated_Amount__c')) || 0,
        status: nodeValue(n, 'Status__c') || 'Draft',
        submittedAt: instant(nodeValue(n, 'Submitted_At__c')),
        decidedAt: instant(nodeValue(n, 'Decided_At__c')),
        decidedBy: nodeValue(n, 'Decided_By__c'),
        decisionReason: nodeValue(n, 'Decision_Reason__c'),
        protectedUntil: nodeValue(n, 'Protected_Until__c'),
        conflictWith: nodeValue(n, 'Conflict_With__c'),
        conflictScore: nodeValue(n, 'Conflict_Score__c'),
        createdAt: instant(nodeValue(n, 'CreatedDate')) || 0
    };
}

/** The GraphQL result (registrations, open opportunities, partners) as the element's properties. */
export function relatedProps(data, opportunityId) {
    const registrations = queryNodes(data, 'Deal_Registration__c')
        .map(registrationNode)
        .filter((r) => r.partnerId);
    return {
        registrations,
        // The element judges this opportunity from `opportunity`; a second copy would conflict with itself.
        opportunities: queryNodes(data, 'Opportunity')
            .map(opportunityNode)
            .filter((o) => o.id !== opportunityId),
        partners: queryNodes(data, 'Account').map((n) => ({ id: n.Id, name: nodeValue(n, 'Name') || n.Id }))
    };
}

/** LastModifiedDate of a registration in the GraphQL result: the guard of a manager's decision. */
export function registrationLastModified(data, registrationId) {
    const node = queryNodes(data, 'Deal_Registration__c').find((n) => n.Id === registrationId);
    return node ? nodeValue(node, 'LastModifiedDate') : null;
}

/** prm_register's draft → the Deal_Registration__c to create, submitted at `now`. */
export function registrationInput(draft, now) {
    return {
        apiName: 'Deal_Registration__c',
        fields: {
            Partner_Account__c: draft.partnerId,
            Opportunity__c: draft.opportunityId,
            Customer_Account__c: draft.customerAccountId,
            Customer_Name__c: draft.customerName,
            Customer_Domain__c: draft.customerDomain,
            Registration_Type__c: draft.type,
            Products__c: draft.products.join('; '),
            Estimated_Amount__c: draft.estimatedAmountCents / 100,
            Status__c: draft.status,
            Submitted_At__c: new Date(now).toISOString()
        }
    };
}

/** prm_decide → the update of a manager's decision at `now`. */
export function decisionInput(decision, now) {
    return {
        fields: {
            Id: decision.registrationId,
            Status__c: decision.decision,
            Decision_Reason__c: decision.reason,
            Decided_By__c: 'Manager',
            Decided_At__c: new Date(now).toISOString(),
            Protected_Until__c: decision.protectedUntil
        }
    };
}
