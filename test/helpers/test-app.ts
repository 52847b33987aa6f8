import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createChainRegistry } from '../../src/chain/chain-registry.js';
import { type Config, loadConfig } from '../../src/config.js';
import { SecretBox } from '../../src/crypto/secret-box.js';
import { createDb, type Db } from '../../src/db/prisma.js';
import type { Permission } from '../../src/generated/prisma/enums.js';
import { createLogger } from '../../src/logger.js';
import { createNodeMetrics } from '../../src/metrics/node-metrics.js';
import { createTestDatabase } from './test-database.js';
import { createTestKey, type TestKeyOptions } from './test-keys.js';

export const TEST_ENCRYPTION_KEY = 'test-encryption-key-0123456789-abcdefghij';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  secretBox: SecretBox;
  databaseUrl: string;
  createKey(permission: Permission, options?: TestKeyOptions): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

/** The real app on a fresh real database. */
export interface TestAppOptions {
  devnetUrl?: string;
  /** Receives every log line (pino JSON) at the configured LOG_LEVEL. */
  logSink?: (line: string) => void;
  /** Open this existing database (e.g. another app's, to play a restart) instead of a fresh one; it is not dropped on close. */
  databaseUrl?: string;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, LOG_LEVEL: 'silent', ...env });
  const db = createDb(database.url, { maxConnections: 5 });
  const secretBox = new SecretBox(TEST_ENCRYPTION_KEY);
  const chains = createChainRegistry(secretBox, options.devnetUrl);
  const logSink = options.logSink;
  const logger = createLogger(config.logLevel, logSink ? { write: (line: string) => logSink(line) } : undefined);
  const app = await buildApp({ config, db, secretBox, chains, logger, clock: { now: () => BigInt(Date.now()) }, metrics: createNodeMetrics() });
  await app.ready();
  return {
    app,
    db,
    config,
    secretBox,
    databaseUrl: database.url,
    createKey: (permission, options) => createTestKey(db, permission, options),
    async close() {
      await app.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
