import type { ChainRegistry } from '../chain/chain-registry.js';
import type { Db } from '../db/prisma.js';
import type { JobRunRecord } from '../jobs/scheduler.js';
import { ChainReadings } from './chain-readings.js';
import { Registry } from './prometheus.js';

const PREFIX = 'payment_node';
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export interface ScrapeDeps {
  db: Db;
  chains: ChainRegistry;
  clock: { now(): bigint };
}

/** Everything /metrics shows: counters fed as things happen, gauges filled at scrape time. */
export function createNodeMetrics() {
  const registry = new Registry();
  const httpRequests = registry.counter(`${PREFIX}_http_requests_total`, 'HTTP requests by method, route pattern and status code', ['method', 'route', 'status']);
  const httpDuration = registry.histogram(`${PREFIX}_http_request_duration_seconds`, 'HTTP request latency by method and route pattern', ['method', 'route'], HTTP_BUCKETS);
  const jobRuns = registry.counter(`${PREFIX}_job_runs_total`, 'Job runs by job and outcome (ok, error, skipped: another process held the lease)', ['job', 'outcome']);
  const jobDuration = registry.histogram(`${PREFIX}_job_duration_seconds`, 'Job run duration by job and outcome', ['job', 'outcome'], JOB_BUCKETS);
  const webhookAttempts = registry.counter(`${PREFIX}_webhook_attempts_total`, 'Webhook delivery attempts by outcome', ['outcome']);
  const chainUp = registry.gauge(`${PREFIX}_chain_up`, '1 when the chain provider of the payment source answered the last read', ['payment_source', 'network']);
  const tipHeight = registry.gauge(`${PREFIX}_chain_tip_height`, 'Height of the chain tip', ['payment_source', 'network']);
  const syncedHeight = registry.gauge(`${PREFIX}_chain_synced_block_height`, 'Last block height the chain watcher fully processed', ['payment_source', 'network']);
  const syncLag = registry.gauge(`${PREFIX}_chain_sync_lag_blocks`, 'Tip height minus the synced block height', ['payment_source', 'network']);
  const syncAge = registry.gauge(`${PREFIX}_chain_sync_age_seconds`, 'Chain time of the tip minus the chain time of the last completed sync', ['payment_source', 'network']);
  const walletBalance = registry.gauge(`${PREFIX}_wallet_balance_lovelace`, 'Lovelace held by a hot wallet (read from the chain, cached for 60 s)', ['payment_source', 'network', 'wallet_type', 'wallet_vkey']);
  const pendingTransactions = registry.gauge(`${PREFIX}_pending_transactions`, 'Submitted transactions not yet confirmed or failed', ['payment_source']);
  const pendingDeliveries = registry.gauge(`${PREFIX}_webhook_deliveries_pending`, 'Webhook deliveries waiting to be sent or retried');
  const processMemory = registry.gauge('process_resident_memory_bytes', 'Resident memory size in bytes');
  const processStart = registry.gauge('process_start_time_seconds', 'Start time of the process since the unix epoch in seconds');
  const startSeconds = Math.round(Date.now() / 1000 - process.uptime());
  const chainReadings = new ChainReadings();

  async function collectSources(deps: ScrapeDeps): Promise<void> {
    const sources = await deps.db.paymentSource.findMany({ where: { deletedAt: null }, include: { wallets: { where: { deletedAt: null } } } });
    const nowMs = Number(deps.clock.now());
    await Promise.all(
      sources.map(async (source) => {
        const labels = { payment_source: source.id, network: source.network };
        let chain;
        try {
          chain = deps.chains.forSource(source);
        } catch {
          chainUp.set(labels, 0);
          return;
        }
        const tip = await chainReadings.tip(source.id, chain, nowMs);
        chainUp.set(labels, tip ? 1 : 0);
        if (source.syncedBlockHeight !== null) syncedHeight.set(labels, source.syncedBlockHeight);
        if (tip) {
          tipHeight.set(labels, tip.height);
          syncLag.set(labels, tip.height - (source.syncedBlockHeight ?? 0));
          if (source.syncedAt !== null) syncAge.set(labels, Math.max(0, Number(tip.time - source.syncedAt) / 1000));
        }
        for (const wallet of source.wallets) {
          const lovelace = await chainReadings.lovelace(wallet.walletAddress, chain, nowMs);
          if (lovelace !== undefined) walletBalance.set({ ...labels, wallet_type: wallet.type, wallet_vkey: wallet.walletVkey }, Number(lovelace));
        }
      }),
    );
  }

  async function collect(deps: ScrapeDeps): Promise<void> {
    for (const gauge of [chainUp, tipHeight, syncedHeight, syncLag, syncAge, walletBalance, pendingTransactions]) gauge.reset();
    const [pending, deliveries] = await Promise.all([
      deps.db.chainTransaction.groupBy({ by: ['paymentSourceId'], where: { status: 'Pending' }, _count: { _all: true } }),
      deps.db.webhookDelivery.count({ where: { status: 'Pending' } }),
      collectSources(deps),
    ]);
    for (const row of pending) pendingTransactions.set({ payment_source: row.paymentSourceId ?? 'none' }, row._count._all);
    pendingDeliveries.set({}, deliveries);
    processMemory.set({}, process.memoryUsage.rss());
    processStart.set({}, startSeconds);
  }

  let inFlight: Promise<string> | undefined;

  return {
    observeHttp(method: string, route: string, status: number, seconds: number): void {
      httpRequests.inc({ method, route, status: String(status) });
      httpDuration.observe({ method, route }, seconds);
    },
    recordJobRun(record: JobRunRecord): void {
      jobRuns.inc({ job: record.job, outcome: record.outcome });
      jobDuration.observe({ job: record.job, outcome: record.outcome }, record.durationMs / 1000);
    },
    recordWebhookAttempt(ok: boolean): void {
      webhookAttempts.inc({ outcome: ok ? 'success' : 'failure' });
    },
    /** Fills the gauges and renders; concurrent scrapes share one collection (gauges are reset per collection). */
    scrape(deps: ScrapeDeps): Promise<string> {
      inFlight ??= collect(deps)
        .then(() => registry.render())
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
  };
}

export type NodeMetrics = ReturnType<typeof createNodeMetrics>;
