import { createElement } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { loadScript } from 'lightning/platformResourceLoader';
import PrmTierBadge from 'c/prmTierBadge';
import { badgeProps } from '../badgeProps';

const ACCOUNT = {
    apiName: 'Account',
    id: '001000000000001AAA',
    fields: {
        Partner_Tier__c: { value: 'Gold', displayValue: 'Gold' },
        Partner_Health_Band__c: { value: 'Green', displayValue: 'Green' },
        Partner_Health_Score__c: { value: 82, displayValue: '82' }
    }
};

// Lets loadScript's promise and the re-render after it settle.
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount() {
    const element = createElement('c-prm-tier-badge', { is: PrmTierBadge });
    element.recordId = ACCOUNT.id;
    document.body.appendChild(element);
    await flush();
    return element;
}

describe('c-prm-tier-badge', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('maps the account fields and ignores a band outside the picklist', () => {
        expect(badgeProps(ACCOUNT)).toEqual({ tier: 'Gold', band: 'Green', score: 82 });
        const odd = { fields: { Partner_Health_Band__c: { value: 'Blue' }, Partner_Health_Score__c: { value: null } } };
        expect(badgeProps(odd)).toEqual({ tier: null, band: null, score: null });
    });

    it('loads the bundle and passes the record to the real element', async () => {
        const element = await mount();
        expect(loadScript).toHaveBeenCalledTimes(1);
        const badge = element.shadowRoot.querySelector('prm-tier-badge');
        expect(badge).not.toBeNull();
        expect(customElements.get('prm-tier-badge')).toBeDefined();
        expect(badge.loading).toBe(true);

        getRecord.emit(ACCOUNT);
        await flush();
        expect(badge.tier).toBe('Gold');
        expect(badge.band).toBe('Green');
        expect(badge.score).toBe(82);
        expect(badge.loading).toBe(false);
        expect(badge.getAttribute('tier')).toBeNull();
    });

    it('shows a read error on the element', async () => {
        const element = await mount();
        getRecord.error({ message: 'Insufficient access' });
        await flush();
        const badge = element.shadowRoot.querySelector('prm-tier-badge');
        expect(badge.error).toContain('Insufficient access');
    });
});
