import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.js';
import { ensureDevnetPaymentSource } from '../../src/bootstrap/devnet-source.js';
import { createChainRegistry } from '../../src/chain/chain-registry.js';
import { type Config, loadConfig } from '../../src/config.js';
import { generateApiToken, hashApiToken, tokenHint } from '../../src/crypto/api-token.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import { createDb, type Db } from '../../src/db/prisma.js';
import type { AppDeps } from '../../src/deps.js';
import type { Devnet } from '../../src/devnet/index.js';
import type { Permission } from '../../src/generated/prisma/enums.js';
import { ALL_JOBS } from '../../src/jobs/all-jobs.js';
import { type Scheduler, startScheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { createNodeMetrics } from '../../src/metrics/node-metrics.js';
import { waitFor } from '../../test/helpers/wait.js';
import { agentRegistrationBody } from '../../test/helpers/agent-registration.js';

export const PRICE_LOVELACE = 20_000_000n;
const MINUTE = 60_000;

export interface ApiResponse {
  status: number;
  body: { data?: Record<string, unknown> } & Record<string, unknown>;
  raw: string;
}

export interface BenchNode {
  app: FastifyInstance;
  deps: AppDeps;
  db: Db;
  config: Config;
  scheduler: Scheduler;
  adminToken: string;
  /** A ReadAndPay key without usage limits: what the load uses. */
  payToken: string;
  agentIdentifier: string;
  api(method: 'GET' | 'POST', url: string, payload?: unknown, token?: string): Promise<ApiResponse>;
  runJobs(...names: string[]): Promise<void>;
  close(): Promise<void>;
}

async function createKey(db: Db, permission: Permission): Promise<string> {
  const token = generateApiToken();
  await db.apiKey.create({ data: { tokenHash: hashApiToken(token), tokenHint: tokenHint(token), permission, status: 'Active', networkLimit: [] } });
  return token;
}

/**
 * The real app with the real dependencies, as startNode assembles them, on a given database and
 * devnet; jobs run by hand unless a test starts timers. One payment source with funded selling
 * and purchasing wallets, and one registered agent, so the node can sell to itself.
 */
export async function startBenchNode(devnet: Devnet, databaseUrl: string, env: Record<string, string> = {}): Promise<BenchNode> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'apn-bench-'));
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    BLOCK_CONFIRMATIONS_THRESHOLD: '1',
    DEVNET_URL: devnet.url,
    ...env,
  });
  const db = createDb(databaseUrl, { maxConnections: 10 });
  const secretBox = new SecretBox(config.encryptionKey ?? '');
  const logger = createLogger(config.logLevel, pino.destination(2));
  const deps: AppDeps = { config, db, logger, secretBox, chains: createChainRegistry(secretBox, devnet.url), clock: { now: () => BigInt(Date.now()) }, metrics: createNodeMetrics() };
  const topups: string[] = [];
  await ensureDevnetPaymentSource(deps, {
    url: devnet.url,
    isNewChain: true,
    async topup(address, lovelace) {
      const hash = await devnet.topup(address, lovelace);
      topups.push(hash);
      return hash;
    },
  });
  await Promise.all(topups.map((hash) => devnet.waitForTx(hash, 30_000)));
  const app = await buildApp(deps);
  await app.ready();
  const scheduler = startScheduler(deps, ALL_JOBS, { timers: false });
  const adminToken = await createKey(db, 'Admin');
  const payToken = await createKey(db, 'ReadAndPay');

  const api: BenchNode['api'] = async (method, url, payload, token = adminToken) => {
    const response = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { token },
      ...(method === 'GET' ? { query: payload as Record<string, string> } : payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json(), raw: response.body };
  };
  const runJobs = async (...names: string[]) => {
    for (const name of names) {
      const record = await scheduler.runOnce(name);
      if (record.outcome === 'error') throw new Error(`job ${name} failed (see logs)`);
    }
  };

  const selling = await db.hotWallet.findFirstOrThrow({ where: { type: 'Selling', deletedAt: null } });
  const registered = await api('POST', '/registry', agentRegistrationBody(selling.walletVkey, PRICE_LOVELACE));
  if (registered.status !== 200) throw new Error(`registry: ${registered.raw}`);
  const registrationId = String(registered.body.data?.id);
  const agentIdentifier = await waitFor('agent registration', async () => {
    for (const job of ALL_JOBS) await scheduler.runOnce(job.name);
    const row = await db.registryRequest.findUnique({ where: { id: registrationId } });
    return row?.state === 'RegistrationConfirmed' ? (row.agentIdentifier ?? undefined) : undefined;
  });

  return {
    app,
    deps,
    db,
    config,
    scheduler,
    adminToken,
    payToken,
    agentIdentifier,
    api,
    runJobs,
    async close() {
      await scheduler.stop();
      await app.close();
      await db.$disconnect();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A POST /payment body for the node's agent with fresh purchaser and input identifiers. */
export function paymentBody(agentIdentifier: string, chainNowMs: number, options: { payByMinutes?: number; submitMinutes?: number } = {}) {
  const payBy = options.payByMinutes ?? 60;
  const submit = options.submitMinutes ?? 120;
  return {
    network: 'Preprod',
    agentIdentifier,
    inputHash: randomBytes(32).toString('hex'),
    identifierFromPurchaser: randomBytes(10).toString('hex'),
    payByTime: new Date(chainNowMs + payBy * MINUTE).toISOString(),
    submitResultTime: new Date(chainNowMs + submit * MINUTE).toISOString(),
    unlockTime: new Date(chainNowMs + (submit + 20) * MINUTE).toISOString(),
    externalDisputeUnlockTime: new Date(chainNowMs + (submit + 40) * MINUTE).toISOString(),
  };
}

/** The POST /purchase body a buyer sends for a payment the seller returned. */
export function purchaseBodyOf(payment: Record<string, unknown>, inputHash: string) {
  return {
    network: 'Preprod',
    blockchainIdentifier: payment.blockchainIdentifier,
    inputHash,
    sellerVkey: payment.sellerVKey,
    agentIdentifier: payment.agentIdentifier,
    identifierFromPurchaser: payment.identifierFromPurchaser,
    payByTime: payment.payByTime,
    submitResultTime: payment.submitResultTime,
    unlockTime: payment.unlockTime,
    externalDisputeUnlockTime: payment.externalDisputeUnlockTime,
  };
}

/** Seller side then buyer side on the same node, through the API. */
export async function payAndPurchase(node: BenchNode, chainNowMs: number, options: { payByMinutes?: number; submitMinutes?: number } = {}) {
  const body = paymentBody(node.agentIdentifier, chainNowMs, options);
  const payment = await node.api('POST', '/payment', body);
  if (payment.status !== 200 || !payment.body.data) throw new Error(`payment: ${payment.raw}`);
  const purchase = await node.api('POST', '/purchase', purchaseBodyOf(payment.body.data, body.inputHash));
  if (purchase.status !== 200 || !purchase.body.data) throw new Error(`purchase: ${purchase.raw}`);
  return { paymentId: String(payment.body.data.id), purchaseId: String(purchase.body.data.id), blockchainIdentifier: String(payment.body.data.blockchainIdentifier) };
}
