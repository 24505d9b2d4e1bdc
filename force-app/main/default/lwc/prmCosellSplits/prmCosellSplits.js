// Lightning host of <prm-cosell-splits> on an Opportunity: reads the amount (getRecord) and the splits and
// partners (GraphQL), and on prm_splits_save makes the org's splits match the saved set. Amount__c is the
// service's: it reallocates to the cent on its next cycle.
import { LightningElement, api, wire } from 'lwc';
import {
    createRecord,
    deleteRecord,
    getRecord,
    notifyRecordUpdateAvailable,
    updateRecord
} from 'lightning/uiRecordApi';
import { graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';
import { loadScript } from 'lightning/platformResourceLoader';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import PRM_COMPONENTS from '@salesforce/resourceUrl/prm_components';
import { isConflict, reduceErrors } from 'c/prmHostUtils';
import { SPLITS_QUERY } from './splitsQuery';
import { OPPORTUNITY_FIELDS, OPPORTUNITY_OPTIONAL_FIELDS, planSplitWrites, splitsProps } from './splitProps';

export default class PrmCosellSplits extends LightningElement {
    @api recordId;
    loaded = false;
    saving = false;
    error = '';
    opportunityRecord;
    splitData;
    splitResult;
    // Computed when the records arrive, not in a getter: a new splits array on every render would make the
    // element discard the rep's unsaved edits.
    props = splitsProps(undefined, undefined);

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
            this.props = splitsProps(this.opportunityRecord, this.splitData);
        } else if (error) this.error = reduceErrors(error);
    }

    get splitVariables() {
        return { opportunityId: this.recordId };
    }

    @wire(graphql, { query: SPLITS_QUERY, variables: '$splitVariables' })
    wiredSplits(result) {
        this.splitResult = result;
        if (result.data) {
            this.splitData = result.data;
            this.props = splitsProps(this.opportunityRecord, this.splitData);
        } else if (result.errors) this.error = reduceErrors(result.errors);
    }

    get loading() {
        return !this.error && (this.opportunityRecord === undefined || this.splitData === undefined);
    }

    async handleSave(event) {
        const plan = planSplitWrites(this.recordId, this.splitData, event.detail.splits);
        this.saving = true;
        try {
            // One at a time: a failure stops the rest, and the refresh below shows what the org now holds.
            for (const id of plan.deletes) await deleteRecord(id);
            for (const u of plan.updates) await updateRecord(u.input, u.options);
            for (const c of plan.creates) await createRecord(c);
            this.toast('success', 'Co-sell splits saved', '');
        } catch (e) {
            const message = isConflict(e)
                ? 'Someone changed these splits since you opened them. The table now shows their change.'
                : reduceErrors(e);
            this.toast('error', 'The splits were not all saved', message);
        } finally {
            this.saving = false;
            await Promise.all([
                this.splitResult ? refreshGraphQL(this.splitResult) : Promise.resolve(),
                notifyRecordUpdateAvailable([{ recordId: this.recordId }])
            ]);
        }
    }

    toast(variant, title, message) {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
    }
}
