// The sync service's public face, for the CLI (`sf prm sync`, `status`, `tiers simulate`) and `npm start`.
export { runCycle, runSync, gatewayFor } from './engine.js';
export type { CycleContext, CycleReport, RunSyncOptions, RunSyncResult, SyncProgress } from './engine.js';
export { syncConfig } from './config.js';
export type { SyncConfig, SyncConfigInput } from './config.js';
export { tiersDryRun } from './dry-run.js';
export type { TiersDryRun, TiersDryRunOptions } from './dry-run.js';
export { syncStatus } from './status.js';
export type { SyncStatus } from './status.js';
export { SYNCED_OBJECTS, isServiceOwned } from './objects.js';
export type { Rejected } from './records.js';
export type { ProgramProblem } from './program-state.js';
