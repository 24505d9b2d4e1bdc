export { attributePartners, attributePartnersReport, type AttributionReport } from './attribute.js';
export { invalid, parseKeyed } from './parse.js';
export {
  type AttributionInput,
  AttributionWindow,
  OpportunityFacts,
  PartnerAttribution,
  RegistrationFacts,
  RegistrationStatus,
  SplitFacts,
  SplitType,
} from './schemas.js';
