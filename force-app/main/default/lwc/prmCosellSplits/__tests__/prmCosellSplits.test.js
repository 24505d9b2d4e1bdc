import { createElement } from 'lwc';
import { createRecord, deleteRecord, getRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';
import PrmCosellSplits from 'c/prmCosellSplits';
import { planSplitWrites, splitsProps } from '../splitProps';

const OPP_ID = '006000000000001AAA';
const P1 = '001000000000001AAA';
const P2 = '001000000000002AAA';
const v = (value) => ({ value });
const OPPORTUNITY = { apiName: 'Opportunity', id: OPP_ID, fields: { Amount: v(1000.01) } };
const SPLITS = {
    uiapi: {
        query: {
            Co_Sell_Split__c: {
                edges: [
                    {
                        node: {
                            Id: 'a02000000000001AAA',
                            Partner_Account__c: v(P1),
                            Partner_Account__r: { Name: v('Northwind') },
                            Role__c: v('Sourced'),
                            Split_Type__c: v('Revenue'),
                            Percent__c: v(60),
                            LastModifiedDate: v('2025-05-01T00:00:00.000Z')
                        }
                    },
                    {
                        node: {
                            Id: 'a02000000000002AAA',
                            Partner_Account__c: v(P2),
                            Partner_Account__r: { Name: v('Contoso') },
                            Role__c: v('Influenced'),
                            Split_Type__c: v('Revenue'),
                            Percent__c: v(40),
                            LastModifiedDate: v('2025-05-02T00:00:00.000Z')
                        }
                    }
                ]
            },
            Account: { edges: [{ node: { Id: P1, Name: v('Northwind') } }, { node: { Id: P2, Name: v('Contoso') } }] }
        }
    }
};
// 60/40 becomes 50/50 on the first row's partner, the second row goes, a third partner row arrives.
const NEXT = [
    { id: 'a02000000000001AAA', partnerId: P1, partnerName: 'Northwind', role: 'Sourced', type: 'Revenue', percent: 50 },
    { partnerId: P2, role: 'Fulfillment', type: 'Revenue', percent: 50 }
];

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount() {
    const element = createElement('c-prm-cosell-splits', { is: PrmCosellSplits });
    element.recordId = OPP_ID;
    document.body.appendChild(element);
    await flush();
    getRecord.emit(OPPORTUNITY);
    graphql.emit(SPLITS);
    await flush();
    return element;
}
const table = (element) => element.shadowRoot.querySelector('prm-cosell-splits');
function save(element, splits) {
    table(element).dispatchEvent(new CustomEvent('prm_splits_save', { detail: { splits } }));
    return flush();
}

describe('c-prm-cosell-splits', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('maps the opportunity and its splits', () => {
        const props = splitsProps(OPPORTUNITY, SPLITS);
        expect(props.amountCents).toBe(100001);
        expect(props.currency).toBe('USD');
        expect(props.splits[0]).toEqual({
            id: 'a02000000000001AAA',
            partnerId: P1,
            partnerName: 'Northwind',
            role: 'Sourced',
            type: 'Revenue',
            percent: 60
        });
        expect(props.partners).toHaveLength(2);
    });

    it('plans deletes, guarded updates of changed rows only, and creates', () => {
        const plan = planSplitWrites(OPP_ID, SPLITS, NEXT);
        expect(plan.deletes).toEqual(['a02000000000002AAA']);
        expect(plan.updates).toEqual([
            {
                input: { fields: { Id: 'a02000000000001AAA', Partner_Account__c: P1, Role__c: 'Sourced', Split_Type__c: 'Revenue', Percent__c: 50 } },
                options: { ifUnmodifiedSince: '2025-05-01T00:00:00.000Z' }
            }
        ]);
        expect(plan.creates).toEqual([
            {
                apiName: 'Co_Sell_Split__c',
                fields: { Opportunity__c: OPP_ID, Partner_Account__c: P2, Role__c: 'Fulfillment', Split_Type__c: 'Revenue', Percent__c: 50 }
            }
        ]);
        const unchanged = planSplitWrites(OPP_ID, SPLITS, splitsProps(OPPORTUNITY, SPLITS).splits);
        expect(unchanged).toEqual({ deletes: [], updates: [], creates: [] });
    });

    it('passes the records to the real element and keeps the splits array across re-renders', async () => {
        const element = await mount();
        const el = table(element);
        expect(el.loading).toBe(false);
        expect(el.amountCents).toBe(100001);
        expect(el.splits.map((s) => s.percent)).toEqual([60, 40]);
        expect(el.partners).toHaveLength(2);
        const before = el.splits;
        deleteRecord.mockImplementationOnce(() => new Promise(() => {}));
        save(element, NEXT);
        await flush();
        expect(el.saving).toBe(true);
        expect(el.splits).toBe(before);
    });

    it('writes the saved set, toasts and refreshes', async () => {
        const element = await mount();
        const toast = jest.fn();
        element.addEventListener('lightning__showtoast', toast);
        await save(element, NEXT);
        expect(deleteRecord).toHaveBeenCalledWith('a02000000000002AAA');
        expect(updateRecord).toHaveBeenCalledTimes(1);
        expect(updateRecord.mock.calls[0][1]).toEqual({ ifUnmodifiedSince: '2025-05-01T00:00:00.000Z' });
        expect(createRecord).toHaveBeenCalledTimes(1);
        expect(createRecord.mock.calls[0][0].fields.Opportunity__c).toBe(OPP_ID);
        expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'success', title: 'Co-sell splits saved' });
        expect(refreshGraphQL).toHaveBeenCalledTimes(1);
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: OPP_ID }]);
        expect(table(element).saving).toBe(false);
    });

    it('stops at the first refused write and says why', async () => {
        const element = await mount();
        const toast = jest.fn();
        element.addEventListener('lightning__showtoast', toast);
        updateRecord.mockRejectedValueOnce({ status: 412, body: { message: 'changed' } });
        await save(element, NEXT);
        expect(createRecord).not.toHaveBeenCalled();
        expect(toast.mock.calls[0][0].detail.variant).toBe('error');
        expect(toast.mock.calls[0][0].detail.message).toMatch(/changed these splits/);
        expect(refreshGraphQL).toHaveBeenCalledTimes(1);
    });
});
