import type { Logger } from 'pino';
import type { ChainRegistry } from './chain/chain-registry.js';
import type { Config } from './config.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { Db } from './db/prisma.js';
import type { NodeMetrics } from './metrics/node-metrics.js';

/** What services need from the outside world; tests pass real ones (or a controlled clock). */
export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  secretBox: SecretBox;
  chains: ChainRegistry;
  /** POSIX milliseconds. */
  clock: { now(): bigint };
  /** Counters and histograms that /metrics renders (requests, job runs, webhook attempts). */
  metrics: NodeMetrics;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
