import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Devnet } from '../../src/devnet/index.js';
import { startBareApp } from './bare-app.js';
import { type BenchNode, paymentBody, purchaseBodyOf } from './bench-node.js';
import { type BodySpec, type LoadResult, type LoadSpec, runLoad, writeBodies } from './load.js';

export interface HttpRow {
  route: string;
  node: LoadResult;
  bare: LoadResult;
  ratio: number;
}

export interface HttpOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  log(line: string): void;
}

/** Creates `count` payments through the API (not timed), `parallel` at a time; returns purchase bodies. */
async function purchaseBodies(node: BenchNode, devnet: Devnet, count: number, parallel = 8): Promise<unknown[]> {
  const bodies: unknown[] = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      const body = paymentBody(node.agentIdentifier, devnet.nowMs());
      const payment = await node.api('POST', '/payment', body, node.payToken);
      if (payment.status !== 200 || !payment.body.data) throw new Error(`payment: ${payment.raw}`);
      bodies.push(purchaseBodyOf(payment.body.data, body.inputHash));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return bodies;
}

/**
 * POST /payment, GET /payment?limit=100 and POST /purchase on the node, each against a bare route
 * doing one comparable query through the same Prisma client, in this process, with the same
 * autocannon settings (run in a child process). Warm-up runs precede each measured run.
 */
export async function benchHttp(node: BenchNode, devnet: Devnet, options: HttpOptions): Promise<HttpRow[]> {
  const source = await node.db.paymentSource.findFirstOrThrow({ where: { deletedAt: null } });
  const key = await node.db.apiKey.findFirstOrThrow({ where: { permission: 'ReadAndPay' } });
  const bare = await startBareApp(node.db, { paymentSourceId: source.id, requestedById: key.id });
  const nodeUrl = await node.app.listen({ host: '127.0.0.1', port: 0 });
  const dir = await mkdtemp(path.join(tmpdir(), 'apn-bench-bodies-'));
  const headers = { token: node.payToken };
  const base = { connections: options.connections, headers };

  const measure = async (route: string, nodeSpec: Omit<LoadSpec, 'connections' | 'headers' | 'durationSec'>, bareSpec: Omit<LoadSpec, 'connections' | 'headers' | 'durationSec'>, warm?: { node: BodySpec; bare: BodySpec }) => {
    const run = async (spec: typeof nodeSpec, durationSec: number, body?: BodySpec) => runLoad({ ...base, ...spec, durationSec, ...(body ? { body } : {}) });
    if (options.warmupSec > 0) {
      await run(nodeSpec, options.warmupSec, warm?.node);
      await run(bareSpec, options.warmupSec, warm?.bare);
    }
    const nodeResult = await run(nodeSpec, options.durationSec);
    const bareResult = await run(bareSpec, options.durationSec);
    const row = { route, node: nodeResult, bare: bareResult, ratio: nodeResult.rps / bareResult.rps };
    options.log(`${route}: node ${nodeResult.rps.toFixed(0)} req/s (${nodeResult.non2xx} non-2xx), bare ${bareResult.rps.toFixed(0)} req/s, ratio ${row.ratio.toFixed(2)}`);
    return row;
  };

  try {
    const rows: HttpRow[] = [];
    const paymentBodies: BodySpec = { kind: 'payment', agentIdentifier: node.agentIdentifier, chainNowMs: devnet.nowMs() };
    const payment = await measure(
      'POST /payment',
      { url: nodeUrl, method: 'POST', path: '/api/v1/payment', body: paymentBodies },
      { url: bare.url, method: 'POST', path: '/bare/payment', body: paymentBodies },
    );
    rows.push(payment);

    // Enough distinct identifiers for the measured and the warm-up purchase runs, made before the clock starts.
    const expected = Math.max(payment.node.rps, 50) * 1.6;
    const measuredCount = Math.ceil(expected * options.durationSec) + 200;
    const warmCount = Math.ceil(expected * options.warmupSec) + 100;
    options.log(`creating ${measuredCount + warmCount} payments for the purchase runs (not timed)…`);
    const all = await purchaseBodies(node, devnet, measuredCount + warmCount);
    const measuredFile = await writeBodies(dir, 'purchase', all.slice(0, measuredCount));
    const warmFile = await writeBodies(dir, 'purchase-warm', all.slice(measuredCount));

    rows.push(
      await measure(
        'GET /payment?limit=100',
        { url: nodeUrl, method: 'GET', path: '/api/v1/payment?network=Preprod&limit=100', body: { kind: 'none' } },
        { url: bare.url, method: 'GET', path: '/bare/payment?limit=100', body: { kind: 'none' } },
      ),
    );
    rows.push(
      await measure(
        'POST /purchase',
        { url: nodeUrl, method: 'POST', path: '/api/v1/purchase', body: { kind: 'list', file: measuredFile } },
        { url: bare.url, method: 'POST', path: '/bare/purchase', body: { kind: 'list', file: measuredFile } },
        { node: { kind: 'list', file: warmFile }, bare: { kind: 'list', file: warmFile } },
      ),
    );
    return rows;
  } finally {
    await bare.app.close();
    await rm(dir, { recursive: true, force: true });
  }
}
