import { autoRequestsJob } from './escrow/auto-requests.job.js';
import { escrowCommandJob } from './escrow/escrow-command.job.js';
import { deliverWebhooksJob } from './deliver-webhooks.job.js';
import type { Job } from './job.js';
import { monitorTransactionsJob } from './monitor-transactions.job.js';
import { registerAgentsJob } from './register-agents.job.js';
import { watchChainJob } from './watch-chain.job.js';

/** Every job the node runs, in the order a manual "run everything once" should use. */
export const ALL_JOBS: readonly Job[] = [
  watchChainJob,
  monitorTransactionsJob,
  autoRequestsJob,
  registerAgentsJob,
  escrowCommandJob('FundsLocking'),
  escrowCommandJob('SubmitResult'),
  escrowCommandJob('Withdraw'),
  escrowCommandJob('SetRefundRequested'),
  escrowCommandJob('UnSetRefundRequested'),
  escrowCommandJob('AuthorizeRefund'),
  escrowCommandJob('WithdrawRefund'),
  deliverWebhooksJob,
];
