import { createElement } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { graphql } from 'lightning/uiGraphQLApi';
import { loadScript } from 'lightning/platformResourceLoader';
import PrmPartnerHealth from 'c/prmPartnerHealth';
import { healthProps, historySince, historyPageSize } from '../healthProps';

// The navigation stub records nothing; this one records the page reference the card asked for.
const mockNavigate = jest.fn();
jest.mock('lightning/navigation', () => {
    const Navigate = Symbol('Navigate');
    const NavigationMixin = (Base) =>
        class extends Base {
            [Navigate](pageReference) {
                mockNavigate(pageReference);
            }
        };
    NavigationMixin.Navigate = Navigate;
    return { NavigationMixin };
});

const EXPLAINED = {
    v: 1,
    score: 74,
    band: 'Yellow',
    reweighted: false,
    measures: [
        {
            measure: 'Win_Rate',
            label: 'Win rate',
            status: 'scored',
            value: 5000,
            unit: 'bp',
            points: 60,
            weight: 20,
            effectiveWeight: 20,
            contribution: 12,
            evidence: { label: 'Closed deals', recordIds: ['006000000000001AAA'], total: 1 }
        }
    ],
    reasons: [{ code: 'health.band', message: 'Yellow: 74 is below 80.' }]
};
const GAP = {
    v: 1,
    tier: 'Silver',
    tierLabel: 'Silver',
    nextTier: 'Gold',
    nextTierLabel: 'Gold',
    gaps: [{ criterion: 'wonDeals', required: 6, actual: 4, missing: 2, met: false, label: 'won deals' }],
    graceUntil: null,
    keepGaps: []
};
const ACCOUNT = {
    apiName: 'Account',
    id: '001000000000001AAA',
    fields: {
        Partner_Tier__c: { value: 'Silver' },
        Partner_Tier_Since__c: { value: '2025-03-01' },
        Partner_Tier_Grace_Until__c: { value: null },
        Partner_Next_Tier__c: { value: 'Gold' },
        Partner_Next_Tier_Gap__c: { value: JSON.stringify(GAP) },
        Partner_Health_Score__c: { value: 74 },
        Partner_Health_Band__c: { value: 'Yellow' },
        Partner_Health_Trend__c: { value: -3 },
        Partner_Health_Explained__c: { value: JSON.stringify(EXPLAINED) }
    }
};
const SNAPSHOTS = {
    uiapi: {
        query: {
            Partner_Health_Snapshot__c: {
                edges: [
                    { node: { Id: 'a03000000000002AAA', As_Of__c: { value: '2025-06-02' }, Score__c: { value: 74 } } },
                    { node: { Id: 'a03000000000001AAA', As_Of__c: { value: '2025-06-01' }, Score__c: { value: 77 } } }
                ]
            }
        }
    }
};
const TIERS = {
    uiapi: {
        query: {
            PRM_Tier__mdt: {
                edges: [
                    {
                        node: {
                            DeveloperName: { value: 'Silver' },
                            MasterLabel: { value: 'Silver' },
                            Discount_Percent__c: { value: 10 },
                            MDF_Percent__c: { value: 2.5 },
                            Benefits__c: { value: 'Co-marketing' }
                        }
                    },
                    { node: { DeveloperName: { value: 'Gold' }, MasterLabel: { value: 'Gold partner' } } }
                ]
            }
        }
    }
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(props = {}) {
    const element = createElement('c-prm-partner-health', { is: PrmPartnerHealth });
    Object.assign(element, { recordId: ACCOUNT.id, ...props });
    document.body.appendChild(element);
    await flush();
    return element;
}
const card = (element) => element.shadowRoot.querySelector('prm-partner-health');

describe('c-prm-partner-health', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('maps the account, snapshots and tier catalogue', () => {
        const props = healthProps(ACCOUNT, SNAPSHOTS, TIERS);
        expect(props.health.score).toBe(74);
        expect(props.trend).toBe(-3);
        expect(props.history).toEqual([
            { asOf: '2025-06-01', score: 77 },
            { asOf: '2025-06-02', score: 74 }
        ]);
        expect(props.tier).toEqual({
            name: 'Silver',
            label: 'Silver',
            since: '2025-03-01',
            graceUntil: null,
            benefits: { discountBp: 1000, mdfBp: 250, summary: 'Co-marketing' }
        });
        expect(props.nextTier).toEqual({ name: 'Gold', label: 'Gold partner' });
        expect(props.gaps).toEqual(GAP.gaps);
        expect(props.currency).toBe('USD');
    });

    it('shows no score when the explanation is not the service JSON', () => {
        const broken = { fields: { ...ACCOUNT.fields, Partner_Health_Explained__c: { value: '{not json' } } };
        expect(healthProps(broken, undefined, undefined).health).toBeNull();
        expect(healthProps(broken, undefined, undefined).history).toEqual([]);
    });

    it('computes the history window from the trend months', () => {
        expect(historySince('2025-06-15', 12)).toBe('2024-06-15');
        expect(historyPageSize(12)).toBe(373);
        expect(historyPageSize(120)).toBe(2000);
    });

    it('passes the records and the design attributes to the real element', async () => {
        const element = await mount({ months: 6, showTrendLine: true });
        expect(loadScript).toHaveBeenCalledTimes(1);
        expect(card(element).loading).toBe(true);

        getRecord.emit(ACCOUNT);
        graphql.emit(SNAPSHOTS, (config) => config.variables !== undefined);
        graphql.emit(TIERS, (config) => config.variables === undefined);
        await flush();

        const el = card(element);
        expect(el.loading).toBe(false);
        expect(el.months).toBe(6);
        expect(el.showTrendLine).toBe(true);
        expect(el.health.band).toBe('Yellow');
        expect(el.history).toHaveLength(2);
        expect(el.tier.benefits.discountBp).toBe(1000);
        expect(el.nextTier.label).toBe('Gold partner');
        expect(el.gaps[0].missing).toBe(2);
        expect(el.getAttribute('next-tier')).toBeNull();
    });

    it('asks GraphQL for the snapshots of this account since the window start', async () => {
        await mount({ months: 3 });
        const configs = [];
        graphql.emit(SNAPSHOTS, (config) => {
            configs.push(config);
            return true;
        });
        const history = configs.find((c) => c.variables);
        expect(history.variables.accountId).toBe(ACCOUNT.id);
        expect(history.variables.first).toBe(94);
        expect(history.variables.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('opens the record behind a measure', async () => {
        const element = await mount();
        getRecord.emit(ACCOUNT);
        await flush();
        card(element).dispatchEvent(
            new CustomEvent('prm_evidence', {
                detail: { measure: 'Win_Rate', label: 'Closed deals', recordId: '006000000000001AAA', recordIds: [], total: 1 }
            })
        );
        expect(mockNavigate).toHaveBeenCalledTimes(1);
        const pageReference = mockNavigate.mock.calls[0][0];
        expect(pageReference.type).toBe('standard__recordPage');
        expect(pageReference.attributes.recordId).toBe('006000000000001AAA');
    });

    it('shows a GraphQL error on the element', async () => {
        const element = await mount();
        getRecord.emit(ACCOUNT);
        graphql.emitErrors([{ message: 'No such column As_Of__c' }], (config) => config.variables !== undefined);
        await flush();
        expect(card(element).error).toContain('No such column');
        expect(card(element).loading).toBe(false);
    });
});
