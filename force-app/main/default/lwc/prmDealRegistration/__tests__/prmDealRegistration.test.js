import { createElement } from 'lwc';
import { createRecord, getRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import PrmDealRegistration from 'c/prmDealRegistration';
import { decisionInput, productsOf, registrationInput, relatedProps } from '../registrationProps';

// The custom permission is a boolean in Lightning (read once when the module loads); the user here has it,
// prmDealRegistration.noPermission.test.js covers the user without it.
jest.mock('@salesforce/customPermission/PRM_Decide_Registrations', () => ({ __esModule: true, default: true }), { virtual: true });

import { DRAFT, OPPORTUNITY, OPP_ID, PARTNER_ID, REG_ID, RELATED } from './data/fixtures';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount() {
    const element = createElement('c-prm-deal-registration', { is: PrmDealRegistration });
    element.recordId = OPP_ID;
    document.body.appendChild(element);
    await flush();
    getRecord.emit(OPPORTUNITY);
    graphql.emit(RELATED);
    await flush();
    return element;
}
const card = (element) => element.shadowRoot.querySelector('prm-deal-registration');
function toasts(element) {
    const handler = jest.fn();
    element.addEventListener(new ShowToastEvent({}).type, handler);
    return handler;
}

describe('c-prm-deal-registration', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('maps the GraphQL records to the domain shapes', () => {
        const props = relatedProps(RELATED, OPP_ID);
        expect(props.partners).toEqual([{ id: PARTNER_ID, name: 'Northwind Partners' }]);
        expect(props.opportunities.map((o) => o.id)).toEqual(['006000000000002AAA']);
        expect(props.opportunities[0]).toMatchObject({ accountName: 'Acme Corp', amountCents: 500000, closeDate: '2025-10-01' });
        expect(props.registrations[0]).toMatchObject({
            id: REG_ID,
            partnerId: PARTNER_ID,
            products: ['CRM', 'Analytics'],
            estimatedAmountCents: 9000000,
            status: 'Submitted',
            submittedAt: Date.parse('2025-05-03T09:00:00.000Z'),
            decidedAt: null
        });
        expect(productsOf('A;B, C ;;')).toEqual(['A', 'B', 'C']);
    });

    it('turns a draft and a decision into record inputs', () => {
        const now = Date.parse('2025-06-01T12:00:00.000Z');
        expect(registrationInput(DRAFT, now)).toEqual({
            apiName: 'Deal_Registration__c',
            fields: {
                Partner_Account__c: PARTNER_ID,
                Opportunity__c: OPP_ID,
                Customer_Account__c: '001000000000001AAA',
                Customer_Name__c: 'Acme Corp',
                Customer_Domain__c: 'https://acme.example',
                Registration_Type__c: 'Sourced',
                Products__c: 'CRM; Analytics',
                Estimated_Amount__c: 125000.5,
                Status__c: 'Submitted',
                Submitted_At__c: '2025-06-01T12:00:00.000Z'
            }
        });
        const decision = { registrationId: REG_ID, decision: 'Approved', reason: 'First to register', protectedUntil: '2025-08-30' };
        expect(decisionInput(decision, now).fields).toEqual({
            Id: REG_ID,
            Status__c: 'Approved',
            Decision_Reason__c: 'First to register',
            Decided_By__c: 'Manager',
            Decided_At__c: '2025-06-01T12:00:00.000Z',
            Protected_Until__c: '2025-08-30'
        });
    });

    it('passes the opportunity and its context to the real element', async () => {
        const element = await mount();
        const el = card(element);
        expect(el.loading).toBe(false);
        expect(el.opportunity).toMatchObject({ id: OPP_ID, accountName: 'Acme Corp', amountCents: 12500050 });
        expect(el.partners).toHaveLength(1);
        expect(el.registrations).toHaveLength(1);
        expect(el.opportunities).toHaveLength(1);
        expect(el.canDecide).toBe(true);
        expect(graphql.getLastConfig().variables).toEqual({ opportunityId: OPP_ID });
    });

    it('creates the registration a rep submits, toasts and refreshes', async () => {
        const element = await mount();
        const toast = toasts(element);
        createRecord.mockResolvedValueOnce({ id: 'a01000000000002AAA' });
        card(element).dispatchEvent(new CustomEvent('prm_register', { detail: { registration: DRAFT } }));
        await flush();
        expect(createRecord).toHaveBeenCalledTimes(1);
        const input = createRecord.mock.calls[0][0];
        expect(input.apiName).toBe('Deal_Registration__c');
        expect(input.fields).toMatchObject({ Partner_Account__c: PARTNER_ID, Opportunity__c: OPP_ID, Status__c: 'Submitted' });
        expect(toast).toHaveBeenCalledTimes(1);
        expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'success', title: 'Deal registration submitted' });
        expect(refreshGraphQL).toHaveBeenCalledTimes(1);
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: OPP_ID }]);
        expect(card(element).busy).toBe(false);
    });

    it('shows the validation error when the org refuses the registration', async () => {
        const element = await mount();
        const toast = toasts(element);
        createRecord.mockRejectedValueOnce({
            status: 400,
            body: { output: { errors: [], fieldErrors: { Customer_Name__c: [{ message: 'Pick the Customer Account or enter the Customer Name.' }] } } }
        });
        card(element).dispatchEvent(new CustomEvent('prm_register', { detail: { registration: DRAFT } }));
        await flush();
        expect(toast.mock.calls[0][0].detail).toMatchObject({
            variant: 'error',
            message: 'Pick the Customer Account or enter the Customer Name.'
        });
        expect(card(element).busy).toBe(false);
    });

    it('records a decision guarded by the registration LastModifiedDate', async () => {
        const element = await mount();
        const toast = toasts(element);
        const detail = { registrationId: REG_ID, decision: 'Rejected', reason: 'Duplicate of DR-0002', protectedUntil: null };
        card(element).dispatchEvent(new CustomEvent('prm_decide', { detail }));
        await flush();
        expect(updateRecord).toHaveBeenCalledTimes(1);
        const [input, options] = updateRecord.mock.calls[0];
        expect(input.fields).toMatchObject({ Id: REG_ID, Status__c: 'Rejected', Decided_By__c: 'Manager' });
        expect(options).toEqual({ ifUnmodifiedSince: '2025-05-03T09:00:01.000Z' });
        expect(toast.mock.calls[0][0].detail).toMatchObject({ variant: 'success', title: 'Registration rejected' });
    });

    it('explains a conflict when the registration changed meanwhile', async () => {
        const element = await mount();
        const toast = toasts(element);
        updateRecord.mockRejectedValueOnce({ status: 412, body: { message: 'The record changed.' } });
        const detail = { registrationId: REG_ID, decision: 'Approved', reason: 'ok', protectedUntil: '2025-08-30' };
        card(element).dispatchEvent(new CustomEvent('prm_decide', { detail }));
        await flush();
        expect(toast.mock.calls[0][0].detail.variant).toBe('error');
        expect(toast.mock.calls[0][0].detail.message).toMatch(/changed this registration/);
        expect(refreshGraphQL).toHaveBeenCalled();
    });
});
