// The opportunity's splits with their partners' names, and the partners a rep can add.
import { gql } from 'lightning/uiGraphQLApi';

export const SPLITS_QUERY = gql`
query prmCosellSplits($opportunityId: ID) {
    uiapi {
        query {
            Co_Sell_Split__c(where: { Opportunity__c: { eq: $opportunityId } }, orderBy: { CreatedDate: { order: ASC } }, first: 200) {
                edges {
                    node {
                        Id
                        Partner_Account__c { value }
                        Partner_Account__r { Name { value } }
                        Role__c { value }
                        Split_Type__c { value }
                        Percent__c { value }
                        LastModifiedDate { value }
                    }
                }
            }
            Account(where: { Partner_Type__c: { ne: null } }, orderBy: { Name: { order: ASC } }, first: 200) {
                edges {
                    node {
                        Id
                        Name { value }
                    }
                }
            }
        }
    }
}`;
