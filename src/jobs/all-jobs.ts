import type { Job } from './job.js';
import { monitorTransactionsJob } from './monitor-transactions.job.js';
import { registerAgentsJob } from './register-agents.job.js';

/** Every job the node runs, in the order a manual "run everything once" should use. */
export const ALL_JOBS: readonly Job[] = [registerAgentsJob, monitorTransactionsJob];
