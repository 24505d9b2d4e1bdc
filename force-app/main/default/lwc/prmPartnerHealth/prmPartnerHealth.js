// Lightning host of <prm-partner-health> on a partner Account: the Account's health and tier fields
// (getRecord), its daily snapshots and the tier catalogue (GraphQL), and navigation to the records behind
// a measure when the card asks for one (prm_evidence). The card only reads: nothing is written here.
import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { gql, graphql } from 'lightning/uiGraphQLApi';
import { loadScript } from 'lightning/platformResourceLoader';
import { NavigationMixin } from 'lightning/navigation';
import PRM_COMPONENTS from '@salesforce/resourceUrl/prm_components';
import { reduceErrors } from 'c/prmHostUtils';
import { HEALTH_FIELDS, HEALTH_OPTIONAL_FIELDS, healthProps, historyPageSize, historySince } from './healthProps';

export default class PrmPartnerHealth extends NavigationMixin(LightningElement) {
    @api recordId;
    /** Months of history on the trend line (design attribute). */
    @api months = 12;
    /** Whether to draw the trend line (design attribute). */
    @api showTrendLine = false;

    loaded = false;
    error = '';
    account;
    snapshots;
    tiers;

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

    get historyVariables() {
        const months = Number(this.months) || 12;
        return {
            accountId: this.recordId,
            since: historySince(new Date().toISOString().slice(0, 10), months),
            first: historyPageSize(months)
        };
    }

    @wire(getRecord, { recordId: '$recordId', fields: HEALTH_FIELDS, optionalFields: HEALTH_OPTIONAL_FIELDS })
    wiredAccount({ data, error }) {
        if (data) this.account = data;
        else if (error) this.error = reduceErrors(error);
    }

    @wire(graphql, {
        query: gql`
            query partnerHealthHistory($accountId: ID, $since: Date, $first: Int) {
                uiapi {
                    query {
                        Partner_Health_Snapshot__c(
                            where: { and: [{ Account__c: { eq: $accountId } }, { As_Of__c: { gte: { value: $since } } }] }
                            orderBy: { As_Of__c: { order: ASC } }
                            first: $first
                        ) {
                            edges {
                                node {
                                    Id
                                    As_Of__c {
                                        value
                                    }
                                    Score__c {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
            }
        `,
        variables: '$historyVariables'
    })
    wiredHistory({ data, errors }) {
        if (data) this.snapshots = data;
        else if (errors) this.error = reduceErrors(errors);
    }

    // The tier catalogue gives the tier's label and benefits; without it the card still shows the rest.
    @wire(graphql, {
        query: gql`
            query prmTiers {
                uiapi {
                    query {
                        PRM_Tier__mdt(first: 50) {
                            edges {
                                node {
                                    DeveloperName {
                                        value
                                    }
                                    MasterLabel {
                                        value
                                    }
                                    Discount_Percent__c {
                                        value
                                    }
                                    MDF_Percent__c {
                                        value
                                    }
                                    Benefits__c {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
            }
        `
    })
    wiredTiers({ data }) {
        if (data) this.tiers = data;
    }

    get loading() {
        return !this.error && (this.account === undefined || this.snapshots === undefined);
    }

    get props() {
        return healthProps(this.account, this.snapshots, this.tiers);
    }

    handleEvidence(event) {
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: event.detail.recordId, actionName: 'view' }
        });
    }
}
