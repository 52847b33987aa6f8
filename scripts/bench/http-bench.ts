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
  /** the bare route through the node's Prisma client (the stack's ORM) */
  bare: LoadResult;
  ratio: number;
  /** the bare route as plain SQL on the same pool (runSql) */
  bareSql: LoadResult;
  ratioSql: number;
}

export interface HttpOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  log(line: string): void;
}

/** Node and bare runs alternate this many times per route. */
const ROUNDS = 3;

/** Several runs as one: requests over the total time; the median run's latencies. */
function combine(runs: LoadResult[]): LoadResult {
  const sum = (pick: (run: LoadResult) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const median = (pick: (run: LoadResult) => number) => [...runs.map(pick)].sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? 0;
  return { rps: sum((run) => run.rps) / runs.length, p50: median((run) => run.p50), p99: median((run) => run.p99), total: sum((run) => run.total), ok: sum((run) => run.ok), non2xx: sum((run) => run.non2xx), errors: sum((run) => run.errors) };
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
 * POST /payment, GET /payment?limit=100 and POST /purchase on the node, each against two bare routes
 * doing one comparable query — through the node's Prisma client, and as plain SQL on its pool — in
 * this process, with the same autocannon settings (run in a child process). Warm-ups come first.
 */
export async function benchHttp(node: BenchNode, devnet: Devnet, options: HttpOptions): Promise<HttpRow[]> {
  const source = await node.db.paymentSource.findFirstOrThrow({ where: { deletedAt: null } });
  const key = await node.db.apiKey.findFirstOrThrow({ where: { permission: 'ReadAndPay' } });
  const bare = await startBareApp(node.db, { paymentSourceId: source.id, requestedById: key.id });
  const nodeUrl = await node.app.listen({ host: '127.0.0.1', port: 0 });
  const dir = await mkdtemp(path.join(tmpdir(), 'apn-bench-bodies-'));
  const headers = { token: node.payToken };
  const base = { connections: options.connections, headers };

  type RunSpec = Omit<LoadSpec, 'connections' | 'headers' | 'durationSec'>;
  const run = (spec: RunSpec, durationSec: number) => runLoad({ ...base, ...spec, durationSec });
  /**
   * The node, the bare ORM route and the bare SQL route alternate in ROUNDS short runs instead of one
   * long run each, so a slow stretch of the machine (autovacuum, a WAL flush) falls on all three.
   * The bare routes get the node's bodies.
   */
  const measure = async (route: string, nodeSpec: (round: number) => RunSpec, barePath: string, warmNode?: RunSpec) => {
    const bareSpec = (kind: 'orm' | 'sql', round: number): RunSpec => ({ ...nodeSpec(round), url: bare.url, path: `/bare/${kind}${barePath}` });
    if (options.warmupSec > 0) {
      await run(warmNode ?? nodeSpec(0), options.warmupSec);
      await run(bareSpec('orm', 0), options.warmupSec);
      await run(bareSpec('sql', 0), options.warmupSec);
    }
    const roundSec = Math.max(1, Math.round(options.durationSec / ROUNDS));
    const runs = { node: [] as LoadResult[], orm: [] as LoadResult[], sql: [] as LoadResult[] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.node.push(await run(nodeSpec(round), roundSec));
      runs.orm.push(await run(bareSpec('orm', round), roundSec));
      runs.sql.push(await run(bareSpec('sql', round), roundSec));
    }
    const [nodeResult, ormResult, sqlResult] = [combine(runs.node), combine(runs.orm), combine(runs.sql)];
    const row: HttpRow = { route, node: nodeResult, bare: ormResult, ratio: nodeResult.rps / ormResult.rps, bareSql: sqlResult, ratioSql: nodeResult.rps / sqlResult.rps };
    options.log(`${route}: node ${nodeResult.rps.toFixed(0)} req/s (${nodeResult.non2xx} non-2xx), bare ORM ${ormResult.rps.toFixed(0)} req/s (ratio ${row.ratio.toFixed(2)}), bare SQL ${sqlResult.rps.toFixed(0)} req/s (ratio ${row.ratioSql.toFixed(2)})`);
    return row;
  };

  try {
    const rows: HttpRow[] = [];
    const paymentBodies: BodySpec = { kind: 'payment', agentIdentifier: node.agentIdentifier, chainNowMs: devnet.nowMs() };
    const payment = await measure(
      'POST /payment',
      () => ({ url: nodeUrl, method: 'POST', path: '/api/v1/payment', body: paymentBodies }),
      '/payment',
    );
    rows.push(payment);

    // Enough distinct identifiers for the measured and the warm-up purchase runs, made before the clock starts.
    const expected = Math.max(payment.node.rps, 50) * 2;
    const measuredCount = Math.ceil(expected * options.durationSec) + 200;
    const warmCount = Math.ceil(expected * options.warmupSec) + 100;
    options.log(`creating ${measuredCount + warmCount} payments for the purchase runs (not timed)…`);
    const all = await purchaseBodies(node, devnet, measuredCount + warmCount);
    // Each body is sent once: every round gets its own share.
    const perRound = Math.floor(measuredCount / ROUNDS);
    const roundFiles = await Promise.all(Array.from({ length: ROUNDS }, (_, round) => writeBodies(dir, `purchase-${round}`, all.slice(round * perRound, (round + 1) * perRound))));
    const warmFile = await writeBodies(dir, 'purchase-warm', all.slice(measuredCount));

    rows.push(
      await measure(
        'GET /payment?limit=100',
        () => ({ url: nodeUrl, method: 'GET', path: '/api/v1/payment?network=Preprod&limit=100', body: { kind: 'none' } }),
        '/payment?limit=100',
      ),
    );
    rows.push(
      await measure(
        'POST /purchase',
        (round) => ({ url: nodeUrl, method: 'POST', path: '/api/v1/purchase', body: { kind: 'list', file: roundFiles[round]! } }),
        '/purchase',
        { url: nodeUrl, method: 'POST', path: '/api/v1/purchase', body: { kind: 'list', file: warmFile } },
      ),
    );
    return rows;
  } finally {
    await bare.app.close();
    await rm(dir, { recursive: true, force: true });
  }
}
