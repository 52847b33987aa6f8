import type { Job } from './job.js';
import { syncSource } from './watcher/sync-source.js';

/** Follows every payment source's contract address and applies what happens there to our requests. */
export const watchChainJob: Job = {
  name: 'watch-chain',
  intervalMs: (config) => config.watcherIntervalMs,
  async run(ctx) {
    const sources = await ctx.db.paymentSource.findMany({ where: { deletedAt: null } });
    for (const source of sources) {
      try {
        const report = await syncSource(ctx, source);
        if (report.processed > 0 || report.reverted > 0) ctx.log.info({ paymentSourceId: source.id, ...report }, 'chain sync');
      } catch (error) {
        ctx.log.warn({ paymentSourceId: source.id, err: error }, 'chain sync failed; retrying next cycle');
      }
    }
  },
};
