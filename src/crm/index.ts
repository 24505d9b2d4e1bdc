// The Salesforce gateway: connections, the budget, and the one class that talks to the org.
export { API_VERSION, CALL_CLIENT, connectFromOrg, connectWithToken } from './connect.js';
export type { OrgLike, TokenAuth } from './connect.js';
export { ApiBudget } from './budget.js';
export type { BudgetSnapshot } from './budget.js';
export { Gateway } from './gateway.js';
export type { GatewayOptions, QueryPage, WriteBatch, WriteOutcome } from './gateway.js';
export { CrmError, ErrorClass, classifyError } from './errors.js';
export { DEFAULT_RETRY } from './retry.js';
export type { RetryPolicy } from './retry.js';
