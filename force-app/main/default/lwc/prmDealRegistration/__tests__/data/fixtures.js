// Records as getRecord and the registration-context GraphQL query return them.
export const OPP_ID = '006000000000001AAA';
export const PARTNER_ID = '001000000000009AAA';
export const REG_ID = 'a01000000000001AAA';
export const OPPORTUNITY = {
    apiName: 'Opportunity',
    id: OPP_ID,
    fields: {
        Name: { value: 'Acme - CRM New' },
        Amount: { value: 125000.5 },
        AccountId: { value: '001000000000001AAA' },
        Account: {
            value: { apiName: 'Account', fields: { Name: { value: 'Acme Corp' }, Website: { value: 'https://acme.example' } } }
        },
        IsClosed: { value: false },
        IsWon: { value: false },
        CreatedDate: { value: '2025-05-01T10:00:00.000Z' },
        CloseDate: { value: '2025-09-30' },
        Primary_Partner__c: { value: null },
        LastModifiedDate: { value: '2025-05-02T10:00:00.000Z' }
    }
};
const v = (value) => ({ value });
export const RELATED = {
    uiapi: {
        query: {
            Deal_Registration__c: {
                edges: [
                    {
                        node: {
                            Id: REG_ID,
                            Name: v('DR-0001'),
                            Opportunity__c: v(OPP_ID),
                            Partner_Account__c: v(PARTNER_ID),
                            Customer_Account__c: v('001000000000001AAA'),
                            Customer_Name__c: v('Acme Corp'),
                            Customer_Domain__c: v('acme.example'),
                            Registration_Type__c: v('Sourced'),
                            Products__c: v('CRM; Analytics'),
                            Estimated_Amount__c: v(90000),
                            Status__c: v('Submitted'),
                            Submitted_At__c: v('2025-05-03T09:00:00.000Z'),
                            Decided_At__c: v(null),
                            Decided_By__c: v(null),
                            Decision_Reason__c: v(null),
                            Protected_Until__c: v(null),
                            Conflict_With__c: v(null),
                            Conflict_Score__c: v(null),
                            CreatedDate: v('2025-05-03T09:00:00.000Z'),
                            LastModifiedDate: v('2025-05-03T09:00:01.000Z')
                        }
                    }
                ]
            },
            Opportunity: {
                edges: [
                    { node: { Id: OPP_ID, Name: v('Acme - CRM New'), IsClosed: v(false), IsWon: v(false), CreatedDate: v('2025-05-01T10:00:00.000Z') } },
                    {
                        node: {
                            Id: '006000000000002AAA',
                            Name: v('Acme - Analytics'),
                            AccountId: v('001000000000001AAA'),
                            Account: { Name: v('Acme Corp'), Website: v('acme.example') },
                            IsClosed: v(false),
                            IsWon: v(false),
                            CreatedDate: v('2025-04-01T10:00:00.000Z'),
                            CloseDate: v('2025-10-01'),
                            Primary_Partner__c: v(null),
                            Amount: v(5000)
                        }
                    }
                ]
            },
            Account: { edges: [{ node: { Id: PARTNER_ID, Name: v('Northwind Partners') } }] }
        }
    }
};
export const DRAFT = {
    partnerId: PARTNER_ID,
    opportunityId: OPP_ID,
    customerAccountId: '001000000000001AAA',
    customerName: 'Acme Corp',
    customerDomain: 'https://acme.example',
    type: 'Sourced',
    products: ['CRM', 'Analytics'],
    estimatedAmountCents: 12500050,
    status: 'Submitted'
};

