import { createElement } from 'lwc';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { graphql } from 'lightning/uiGraphQLApi';
import PrmDealRegistration from 'c/prmDealRegistration';
import { OPPORTUNITY, OPP_ID, REG_ID, RELATED } from './data/fixtures';

// A sales rep: no PRM_Decide_Registrations.
jest.mock('@salesforce/customPermission/PRM_Decide_Registrations', () => ({ __esModule: true, default: false }), { virtual: true });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('c-prm-deal-registration without the decide permission', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('hides the decision and refuses one that arrives anyway', async () => {
        const element = createElement('c-prm-deal-registration', { is: PrmDealRegistration });
        element.recordId = OPP_ID;
        document.body.appendChild(element);
        await flush();
        getRecord.emit(OPPORTUNITY);
        graphql.emit(RELATED);
        await flush();
        const card = element.shadowRoot.querySelector('prm-deal-registration');
        expect(card.canDecide).toBe(false);

        const toast = jest.fn();
        element.addEventListener('lightning__showtoast', toast);
        const detail = { registrationId: REG_ID, decision: 'Approved', reason: 'ok', protectedUntil: '2025-08-30' };
        card.dispatchEvent(new CustomEvent('prm_decide', { detail }));
        await flush();
        expect(updateRecord).not.toHaveBeenCalled();
        expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'error', title: 'You cannot decide registrations' });
    });
});
