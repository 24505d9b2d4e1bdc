// What a registration on this opportunity is judged against: its own and every open registration, the
// open opportunities (the same customer may be worked twice), and the partners a rep can register for.
// Kept apart from the wrapper so the query text is one readable unit.
import { gql } from 'lightning/uiGraphQLApi';

export const RELATED_QUERY = gql`
query prmRegistrationContext($opportunityId: ID) {
    uiapi {
        query {
            Deal_Registration__c(
                where: { or: [{ Opportunity__c: { eq: $opportunityId } }, { Status__c: { in: ["Submitted", "Approved"] } }] }
                orderBy: { CreatedDate: { order: DESC } }
                first: 200
            ) {
                edges {
                    node {
                        Id
                        Name { value }
                        Opportunity__c { value }
                        Partner_Account__c { value }
                        Customer_Account__c { value }
                        Customer_Name__c { value }
                        Customer_Domain__c { value }
                        Registration_Type__c { value }
                        Products__c { value }
                        Estimated_Amount__c { value }
                        Status__c { value }
                        Submitted_At__c { value }
                        Decided_At__c { value }
                        Decided_By__c { value }
                        Decision_Reason__c { value }
                        Protected_Until__c { value }
                        Conflict_With__c { value }
                        Conflict_Score__c { value }
                        CreatedDate { value }
                        LastModifiedDate { value }
                    }
                }
            }
            Opportunity(where: { IsClosed: { eq: false } }, orderBy: { CreatedDate: { order: DESC } }, first: 200) {
                edges {
                    node {
                        Id
                        Name { value }
                        AccountId { value }
                        Account { Name { value } Website { value } }
                        IsClosed { value }
                        IsWon { value }
                        CreatedDate { value }
                        CloseDate { value }
                        Primary_Partner__c { value }
                        Amount { value }
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
