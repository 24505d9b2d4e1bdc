// Lightning host of <prm-deal-registration> on an Opportunity: reads the opportunity (getRecord) and what a
// registration is judged against (GraphQL: registrations, open opportunities, partners), creates the
// registration a rep submits, and records a partner manager's decision, guarded by the custom permission
// and by the registration's LastModifiedDate so a decision never overwrites a change made meanwhile.
import { LightningElement, api, wire } from 'lwc';
import { createRecord, getRecord, notifyRecordUpdateAvailable, updateRecord } from 'lightning/uiRecordApi';
import { graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';
import { loadScript } from 'lightning/platformResourceLoader';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import PRM_COMPONENTS from '@salesforce/resourceUrl/prm_components';
import CAN_DECIDE from '@salesforce/customPermission/PRM_Decide_Registrations';
import { isConflict, recordValue, reduceErrors } from 'c/prmHostUtils';
import { RELATED_QUERY } from './relatedQuery';
import {
    OPPORTUNITY_FIELDS,
    OPPORTUNITY_OPTIONAL_FIELDS,
    decisionInput,
    opportunityOf,
    registrationInput,
    registrationLastModified,
    relatedProps
} from './registrationProps';

export default class PrmDealRegistration extends LightningElement {
    @api recordId;
    loaded = false;
    busy = false;
    error = '';
    opportunityRecord;
    related;
    relatedResult;
    canDecide = !!CAN_DECIDE;
    // Computed when the records arrive, not in getters: new objects on every render would make the element
    // reset the form it derives from them.
    opportunity = null;
    relatedRecords = relatedProps(undefined, undefined);

    connectedCallback() {
        loadScript(this, PRM_COMPONENTS)
            .then(() => {
                this.loaded = true;
            })
            .catch((e) => {
                this.loaded = true;
                this.error = `The PRM components did not load: ${reduceErrors(e)}`;
            });
    }

    @wire(getRecord, { recordId: '$recordId', fields: OPPORTUNITY_FIELDS, optionalFields: OPPORTUNITY_OPTIONAL_FIELDS })
    wiredOpportunity({ data, error }) {
        if (data) {
            this.opportunityRecord = data;
            this.opportunity = opportunityOf(data);
            this.relatedRecords = relatedProps(this.related, this.recordId);
        } else if (error) this.error = reduceErrors(error);
    }

    get relatedVariables() {
        return { opportunityId: this.recordId };
    }

    @wire(graphql, { query: RELATED_QUERY, variables: '$relatedVariables' })
    wiredRelated(result) {
        this.relatedResult = result;
        if (result.data) {
            this.related = result.data;
            this.relatedRecords = relatedProps(this.related, this.recordId);
        } else if (result.errors) this.error = reduceErrors(result.errors);
    }

    get loading() {
        return !this.error && (this.opportunityRecord === undefined || this.related === undefined);
    }
    get currency() {
        return recordValue(this.opportunityRecord, 'CurrencyIsoCode') || 'USD';
    }

    async handleRegister(event) {
        await this.write(
            () => createRecord(registrationInput(event.detail.registration, Date.now())),
            'Deal registration submitted'
        );
    }

    async handleDecide(event) {
        const decision = event.detail;
        if (!this.canDecide) {
            this.toast('error', 'You cannot decide registrations', 'Ask an admin for the PRM Decide Registrations permission.');
            return;
        }
        const lastModified = registrationLastModified(this.related, decision.registrationId);
        const options = lastModified ? { ifUnmodifiedSince: lastModified } : undefined;
        await this.write(
            () => updateRecord(decisionInput(decision, Date.now()), options),
            `Registration ${decision.decision.toLowerCase()}`
        );
    }

    async write(operation, success) {
        this.busy = true;
        try {
            await operation();
            this.toast('success', success, '');
        } catch (e) {
            const message = isConflict(e)
                ? 'Someone changed this registration since you opened it. The page now shows their change; decide again.'
                : reduceErrors(e);
            this.toast('error', 'The change was not saved', message);
        } finally {
            this.busy = false;
            await this.refresh();
        }
    }

    async refresh() {
        await Promise.all([
            this.relatedResult ? refreshGraphQL(this.relatedResult) : Promise.resolve(),
            notifyRecordUpdateAvailable([{ recordId: this.recordId }])
        ]);
    }

    toast(variant, title, message) {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
    }
}
