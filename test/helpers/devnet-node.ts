import { startDevnet, type Devnet } from '../../src/devnet/index.js';
import { ALL_JOBS } from '../../src/jobs/all-jobs.js';
import { type Scheduler, startScheduler } from '../../src/jobs/scheduler.js';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app.js';
import { type ContractParties, paymentSourceBody } from './wallets.js';

export async function startTestDevnet(): Promise<Devnet> {
  return startDevnet({ port: 0, blockIntervalMs: 200 });
}

export interface DevnetNode extends TestApp {
  scheduler: Scheduler;
  adminToken: string;
  /** The node's API: method, path under /api/v1, body or query. */
  api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, token?: string): Promise<{ status: number; body: any; raw: string }>;
  /** Runs the named jobs once each, in order. */
  runJobs(...names: string[]): Promise<void>;
  /** Runs every job once, in ALL_JOBS order. */
  runAllJobs(): Promise<void>;
}

/** A node (real app, real database) on a devnet, with jobs driven by hand. */
export async function startDevnetNode(devnet: Devnet, options: TestAppOptions & { env?: Record<string, string> } = {}): Promise<DevnetNode> {
  const t = await createTestApp({ BLOCK_CONFIRMATIONS_THRESHOLD: '1', ...options.env }, { ...options, devnetUrl: devnet.url });
  const scheduler = startScheduler(t.app.deps, ALL_JOBS, { timers: false });
  const adminToken = (await t.createKey('Admin')).token;
  const api: DevnetNode['api'] = async (method, url, payload, token = adminToken) => {
    const isQuery = method === 'GET';
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { token },
      ...(isQuery ? { query: payload as Record<string, string> } : payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json(), raw: response.body };
  };
  return {
    ...t,
    scheduler,
    adminToken,
    api,
    async runJobs(...names) {
      for (const name of names) {
        const record = await scheduler.runOnce(name);
        if (record.outcome === 'error') throw new Error(`job ${name} failed (see logs)`);
      }
    },
    async runAllJobs() {
      for (const job of ALL_JOBS) {
        const record = await scheduler.runOnce(job.name);
        if (record.outcome === 'error') throw new Error(`job ${job.name} failed (see logs)`);
      }
    },
    async close() {
      await scheduler.stop();
      await t.close();
    },
  };
}

/** Creates a devnet payment source through the API and funds its wallets from the faucet. */
export async function createFundedSource(node: DevnetNode, devnet: Devnet, lovelace = 5_000_000_000n, parties?: ContractParties) {
  const { body, wallets } = await paymentSourceBody({}, 0, parties);
  const created = await node.api('POST', '/payment-source-extended', body);
  if (created.status !== 200) throw new Error(`payment source: ${created.raw}`);
  const hashes = [await devnet.topup(wallets.seller.address, lovelace), await devnet.topup(wallets.buyer.address, lovelace)];
  await Promise.all(hashes.map((hash) => devnet.waitForTx(hash, 20_000)));
  return { source: created.body.data, wallets };
}
