export * from './schemas.js';
export * from './validate.js';
export * from './allocate.js';
export * from './status.js';
