export { startDevnet, type Devnet, type DevnetOptions } from './devnet.js';
export type { DevnetSlotConfig } from './chain-clock.js';
export type { RestoreReport } from './chain-restore.js';
export type { DevnetLogLevel } from './http/devnet-server.js';
export type { BlockSummary, RollbackResult } from './devnet-control.js';
export type { DroppedTx, RollbackMode } from './ledger.js';
export type { FaultConfig, StatsSnapshot } from './request-stats.js';
