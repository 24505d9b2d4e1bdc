// Lightning host of <prm-tier-badge>: loads the component bundle, reads the Account's tier and health, and
// hands them to the element. The badge fires no events, so there is nothing to write.
import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { loadScript } from 'lightning/platformResourceLoader';
import PRM_COMPONENTS from '@salesforce/resourceUrl/prm_components';
import { reduceErrors } from 'c/prmHostUtils';
import { BADGE_FIELDS, badgeProps } from './badgeProps';

export default class PrmTierBadge extends LightningElement {
    @api recordId;
    loaded = false;
    loading = true;
    error = '';
    props = badgeProps(null);

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

    @wire(getRecord, { recordId: '$recordId', fields: BADGE_FIELDS })
    wiredAccount({ data, error }) {
        if (data) {
            this.props = badgeProps(data);
            this.loading = false;
        } else if (error) {
            this.error = reduceErrors(error);
            this.loading = false;
        }
    }
}
