export * from './schemas.js';
export * from './identity.js';
export * from './conflicts.js';
export * from './expiry.js';
export * from './verdict.js';
export { decideRegistration } from './decide.js';
