import { attemptDelivery, DELIVERY_POLICY } from '../modules/webhook/webhook-delivery.js';
import type { Job, JobContext } from './job.js';

const BATCH = 50;
const MAX_PER_RUN = 500;
const PARALLEL = 8;
/** A claimed delivery is invisible to other runs this long; a run that dies mid-send frees it by expiry. */
const CLAIM_MS = 2 * 60_000 + DELIVERY_POLICY.timeoutMs;

/** Takes due deliveries of enabled endpoints of active keys, atomically, so two runs never send the same one at once. */
async function claimDue(ctx: JobContext, now: Date): Promise<string[]> {
  const rows = await ctx.db.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" SET "nextAttemptAt" = ${new Date(now.getTime() + CLAIM_MS)}, "updatedAt" = now()
    WHERE "id" IN (
      SELECT d."id" FROM "WebhookDelivery" d
        JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
        JOIN "ApiKey" k ON k."id" = e."createdById"
      WHERE d."status" = 'Pending' AND d."nextAttemptAt" <= ${now} AND e."enabled" AND e."deletedAt" IS NULL
        AND k."status" = 'Active' AND k."deletedAt" IS NULL
      ORDER BY d."nextAttemptAt", d."id"
      LIMIT ${BATCH}
      FOR UPDATE OF d SKIP LOCKED)
    RETURNING "id"`;
  return rows.map((row) => row.id);
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Sends due webhook deliveries (the outbox that state changes write in their own transaction),
 * so a delivery survives a crash between the change and the send: it is simply due on restart.
 */
export const deliverWebhooksJob: Job = {
  name: 'deliver-webhooks',
  intervalMs: (config) => config.jobIntervalMs,
  async run(ctx) {
    let sent = 0;
    while (sent < MAX_PER_RUN) {
      const now = new Date(Number(ctx.clock.now()));
      const ids = await claimDue(ctx, now);
      if (ids.length === 0) break;
      await inParallel(ids, PARALLEL, async (id) => {
        try {
          await attemptDelivery(ctx, id, now);
        } catch (error) {
          ctx.log.warn({ deliveryId: id, err: error }, 'webhook delivery could not be recorded; it is retried when its claim expires');
        }
      });
      sent += ids.length;
    }
    if (sent > 0) ctx.log.debug({ sent }, 'webhook deliveries attempted');
  },
};
