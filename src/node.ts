import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { type DevnetHandle, ensureDevnetPaymentSource } from './bootstrap/devnet-source.js';
import { createChainRegistry } from './chain/chain-registry.js';
import type { Config } from './config.js';
import { SecretBox } from './crypto/secret-box.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './db/embedded-postgres.js';
import { migrateDatabase } from './db/migrate.js';
import { createDb, type Db } from './db/prisma.js';
import type { AppDeps } from './deps.js';
import { type Devnet, startDevnet } from './devnet/index.js';
import { ALL_JOBS } from './jobs/all-jobs.js';
import { type Scheduler, startScheduler } from './jobs/scheduler.js';
import { readOrCreateSecretFile } from './local-secrets.js';
import { createNodeMetrics } from './metrics/node-metrics.js';
import { ensureAdminKey } from './modules/api-key/api-key.service.js';

/** The devnet this node uses: one it started or was given, or a shared one reached over HTTP. */
function devnetHandle(devnet: Devnet | undefined, url: string | undefined): DevnetHandle | undefined {
  if (devnet) return { url: devnet.url, topup: (address, lovelace) => devnet.topup(address, lovelace), isNewChain: !devnet.restored || devnet.restored.blocks === 0 };
  if (!url) return undefined;
  const origin = new URL(url).origin;
  return {
    url,
    isNewChain: false,
    async topup(address, lovelace) {
      const response = await fetch(`${origin}/admin/topup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ address, lovelace: lovelace.toString() }) });
      if (!response.ok) throw new Error(`devnet faucet refused: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { txHash: string }).txHash;
    },
  };
}

export interface RunningNode {
  app: FastifyInstance;
  deps: AppDeps;
  scheduler: Scheduler;
  devnet: DevnetHandle | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Use this devnet (e.g. one shared by two nodes in a test) instead of starting one. */
  devnet?: Devnet;
  /** Run jobs on timers (default true); tests drive them with scheduler.runOnce. */
  timers?: boolean;
}

async function openDatabase(config: Config, logger: Logger): Promise<{ db: Db; embedded: EmbeddedPostgres | undefined }> {
  if (config.databaseUrl) {
    logger.info({ database: 'postgresql' }, 'using PostgreSQL from DATABASE_URL');
    await migrateDatabase(config.databaseUrl);
    return { db: createDb(config.databaseUrl, { maxConnections: 10 }), embedded: undefined };
  }
  logger.info({ database: 'embedded', dataDir: config.dataDir }, 'no DATABASE_URL: using embedded PostgreSQL (PGlite)');
  const embedded = await startEmbeddedPostgres(config.dataDir);
  await migrateDatabase(embedded.url);
  return { db: createDb(embedded.url, { maxConnections: 1 }), embedded };
}

async function resolveEncryptionKey(config: Config, logger: Logger): Promise<string> {
  if (config.encryptionKey) return config.encryptionKey;
  const { value, created, file } = await readOrCreateSecretFile(config.dataDir, 'encryption-key');
  if (created) logger.warn({ file }, 'no ENCRYPTION_KEY: generated one for the local devnet (set ENCRYPTION_KEY in production)');
  return value;
}

async function provisionAdminKey(config: Config, db: Db, logger: Logger): Promise<void> {
  if (config.adminKey) {
    await ensureAdminKey(db, config.adminKey);
    return;
  }
  const hasAdmin = (await db.apiKey.count({ where: { permission: 'Admin' } })) > 0;
  if (hasAdmin) return;
  const { value, file } = await readOrCreateSecretFile(config.dataDir, 'admin-key');
  await ensureAdminKey(db, value);
  logger.warn({ file }, 'no ADMIN_KEY: generated an admin key; it is in this file (owner-only)');
}

/** Everything a node process runs: database, migrations, secrets, devnet (without Blockfrost), jobs, HTTP API. */
export async function startNode(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningNode> {
  const startOwn = !options.devnet && config.useDevnet && !config.devnet.url;
  // The database and the devnet start side by side: each takes seconds on a cold start.
  const [databaseResult, devnetResult] = await Promise.allSettled([
    openDatabase(config, logger),
    startOwn
      ? startDevnet({ port: config.devnet.port, host: config.devnet.host, blockIntervalMs: config.devnet.blockIntervalMs, stateDir: path.join(config.dataDir, 'devnet') })
      : Promise.resolve(undefined),
  ]);
  if (databaseResult.status === 'rejected' || devnetResult.status === 'rejected') {
    if (databaseResult.status === 'fulfilled') {
      await databaseResult.value.db.$disconnect();
      await databaseResult.value.embedded?.stop();
    }
    if (devnetResult.status === 'fulfilled') await devnetResult.value?.close();
    throw databaseResult.status === 'rejected' ? databaseResult.reason : (devnetResult as PromiseRejectedResult).reason;
  }
  const { db, embedded } = databaseResult.value;
  const ownDevnet = devnetResult.value;
  const devnet = devnetHandle(options.devnet ?? ownDevnet, config.useDevnet ? config.devnet.url : undefined);
  if (ownDevnet) logger.info({ url: ownDevnet.url }, 'no Blockfrost key: started the local devnet (it serves as Preprod)');
  else if (devnet) logger.info({ url: devnet.url }, 'no Blockfrost key: using the devnet at DEVNET_URL (it serves as Preprod)');
  const stopResources = async () => {
    await db.$disconnect();
    await ownDevnet?.close();
    await embedded?.stop();
  };
  try {
    const secretBox = new SecretBox(await resolveEncryptionKey(config, logger));
    await provisionAdminKey(config, db, logger);
    const chains = createChainRegistry(secretBox, devnet?.url, config.providerRateLimit);
    const deps: AppDeps = { config, db, logger, secretBox, chains, clock: { now: () => BigInt(Date.now()) }, metrics: createNodeMetrics() };
    if (devnet) await ensureDevnetPaymentSource(deps, devnet);
    const app = await buildApp(deps);
    const scheduler = startScheduler(deps, ALL_JOBS, { timers: options.timers ?? true });
    return {
      app,
      deps,
      scheduler,
      devnet,
      async close() {
        await scheduler.stop();
        await app.close();
        await stopResources();
      },
    };
  } catch (error) {
    await stopResources();
    throw error;
  }
}
