import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/app.js';
import { type Chain, ChainError } from '../../../src/cardano/chain.js';
import { ProviderConfig } from '../../../src/cardano/provider-config.js';
import { type ChainRegistry, createChainRegistry } from '../../../src/chain/chain-registry.js';
import { loadConfig } from '../../../src/config.js';
import { SecretBox } from '../../../src/crypto/secret-box.js';
import { createDb, type Db } from '../../../src/db/prisma.js';
import type { Devnet } from '../../../src/devnet/index.js';
import type { Permission } from '../../../src/generated/prisma/enums.js';
import { ALL_JOBS } from '../../../src/jobs/all-jobs.js';
import { type Scheduler, startScheduler } from '../../../src/jobs/scheduler.js';
import { createLogger } from '../../../src/logger.js';
import { createNodeMetrics } from '../../../src/metrics/node-metrics.js';
import { createTestDatabase } from '../../helpers/test-database.js';
import { createTestKey, type TestKeyOptions } from '../../helpers/test-keys.js';

export const FUZZ_ENCRYPTION_KEY = 'fuzz-encryption-key-0123456789-abcdefghijklmn';

/** A Blockfrost that cannot be reached: every call is a provider fault, as when the Internet is down. */
function unreachableChain(networkId: 0 | 1): Chain {
  const down = async (): Promise<never> => {
    throw new ChainError('Blockfrost is unreachable in this test', 503);
  };
  return {
    kind: 'blockfrost',
    networkId,
    tip: down,
    slotConfig: down,
    protocolParams: down,
    utxos: down,
    utxoPage: down,
    addressTransactions: down,
    txCbor: down,
    txBlock: down,
    txUtxos: down,
    asset: down,
    assetHolders: down,
    submit: down,
  };
}

export interface FuzzApp {
  app: FastifyInstance;
  db: Db;
  databaseUrl: string;
  scheduler: Scheduler;
  logLines: string[];
  createKey(permission: Permission, options?: TestKeyOptions): Promise<{ id: string; token: string }>;
  runJobs(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database, logging at debug into `logLines`, with the devnet for devnet
 * sources and an unreachable Blockfrost for the others (no test ever calls the real one).
 */
export async function startFuzzApp(devnet: Devnet): Promise<FuzzApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, ENCRYPTION_KEY: FUZZ_ENCRYPTION_KEY, LOG_LEVEL: 'debug', BLOCK_CONFIRMATIONS_THRESHOLD: '1' });
  const db = createDb(database.url, { maxConnections: 5 });
  const secretBox = new SecretBox(FUZZ_ENCRYPTION_KEY);
  const devnetChains = createChainRegistry(secretBox, devnet.url);
  const unreachable = { 0: unreachableChain(0), 1: unreachableChain(1) };
  const chains: ChainRegistry = {
    devnetUrl: devnet.url,
    forSource(source) {
      const provider = ProviderConfig.parse(JSON.parse(secretBox.decrypt(source.encryptedProviderConfig)));
      return provider.kind === 'devnet' ? devnetChains.forSource(source) : unreachable[source.network === 'Mainnet' ? 1 : 0];
    },
  };
  const logLines: string[] = [];
  const logger = createLogger(config.logLevel, { write: (line: string) => void logLines.push(line) });
  const deps = { config, db, secretBox, chains, logger, clock: { now: () => BigInt(Date.now()) }, metrics: createNodeMetrics() };
  const app = await buildApp(deps);
  await app.ready();
  const scheduler = startScheduler(deps, ALL_JOBS, { timers: false });
  return {
    app,
    db,
    databaseUrl: database.url,
    scheduler,
    logLines,
    createKey: (permission, options) => createTestKey(db, permission, options),
    async runJobs() {
      for (const job of ALL_JOBS) await scheduler.runOnce(job.name);
    },
    async close() {
      await scheduler.stop();
      await app.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
