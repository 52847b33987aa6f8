import { z } from 'zod';
import type { RateLimit } from './cardano/provider-throttle.js';
import { CRASH_POINTS, type CrashAt } from './jobs/tx/crash-point.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().min(100);

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** `<requests per second>/<burst>`, or `off`. */
const RateLimitSpec = z
  .string()
  .regex(/^(off|\d{1,5}\/\d{1,6})$/, 'must be <requests per second>/<burst> (e.g. 10/500) or off')
  .transform((value): RateLimit | 'off' => {
    if (value === 'off') return 'off';
    const [perSecond, burst] = value.split('/').map(Number) as [number, number];
    return { perSecond, burst };
  })
  .refine((value) => value === 'off' || (value.perSecond > 0 && value.burst > 0), 'both numbers must be positive');

const CrashAtSpec = z
  .string()
  .regex(new RegExp(`^(${CRASH_POINTS.join('|')})(:[A-Za-z]+)?$`), `must be one of ${CRASH_POINTS.join(', ')}, optionally :<transaction kind>`)
  .transform((value): CrashAt => {
    const [point, kind] = value.split(':') as [CrashAt['point'], string | undefined];
    return { point, kind };
  });

const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  PORT: port.default(3001),
  HOST: z.string().min(1).default('0.0.0.0'),
  ADMIN_KEY: z.string().min(15, 'must be at least 15 characters').optional(),
  ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  BLOCKFROST_API_KEY_PREPROD: z.string().min(1).optional(),
  BLOCKFROST_API_KEY_MAINNET: z.string().min(1).optional(),
  BLOCK_CONFIRMATIONS_THRESHOLD: z.coerce.number().int().min(0).max(100).default(1),
  DEVNET_PORT: port.default(3002),
  DEVNET_URL: z.string().url().optional(),
  DEVNET_BLOCK_MS: positiveMs.default(1000),
  JOB_INTERVAL_MS: positiveMs.default(5000),
  WATCHER_INTERVAL_MS: positiveMs.default(5000),
  TX_TIMEOUT_MS: positiveMs.default(10 * 60 * 1000),
  AUTO_WITHDRAW_PAYMENTS: booleanFlag.default(true),
  AUTO_WITHDRAW_REFUNDS: booleanFlag.default(true),
  WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
  METRICS_PUBLIC: booleanFlag.default(false),
  LOG_LEVEL: LogLevel.default('info'),
  PROVIDER_RATE_LIMIT: RateLimitSpec.optional(),
  CRASH_AT: CrashAtSpec.optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every variable the node reads (documented in .env.example and README). */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);

export interface Config {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly adminKey: string | undefined;
  readonly encryptionKey: string | undefined;
  readonly blockfrost: { readonly preprod: string | undefined; readonly mainnet: string | undefined };
  /** True when no Blockfrost key is set: the node runs its own devnet as Preprod. */
  readonly useDevnet: boolean;
  readonly blockConfirmationsThreshold: number;
  readonly devnet: DevnetConfig;
  readonly jobIntervalMs: number;
  readonly watcherIntervalMs: number;
  readonly txTimeoutMs: number;
  readonly autoWithdrawPayments: boolean;
  readonly autoWithdrawRefunds: boolean;
  readonly webhookAllowPrivate: boolean;
  /** GET /metrics without a token (for a scraper on a trusted network); otherwise it needs a Read key. */
  readonly metricsPublic: boolean;
  readonly logLevel: z.infer<typeof LogLevel>;
  /** What the node allows itself towards chain providers; undefined: Blockfrost's published limit for Blockfrost, none for the devnet. */
  readonly providerRateLimit: RateLimit | 'off' | undefined;
  /** Test only: kill the process at this point of sending a transaction (see src/jobs/tx/crash-point.ts). */
  readonly crashAt: CrashAt | undefined;
}

export interface DevnetConfig {
  readonly port: number;
  readonly host: string;
  readonly blockIntervalMs: number;
  /** A devnet that already runs (e.g. `npm run devnet`, shared by several nodes): used instead of starting one. */
  readonly url?: string | undefined;
}

export class ConfigError extends Error {}

function parseEnv(env: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`invalid configuration: ${variable}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = parseEnv(env);
  const useDevnet = !parsed.BLOCKFROST_API_KEY_PREPROD && !parsed.BLOCKFROST_API_KEY_MAINNET;
  if (!useDevnet && !parsed.ADMIN_KEY) {
    throw new ConfigError('invalid configuration: ADMIN_KEY: required when a Blockfrost key is set');
  }
  if (!useDevnet && !parsed.ENCRYPTION_KEY) {
    throw new ConfigError('invalid configuration: ENCRYPTION_KEY: required when a Blockfrost key is set');
  }
  return Object.freeze({
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.DATA_DIR,
    port: parsed.PORT,
    host: parsed.HOST,
    adminKey: parsed.ADMIN_KEY,
    encryptionKey: parsed.ENCRYPTION_KEY,
    blockfrost: Object.freeze({
      preprod: parsed.BLOCKFROST_API_KEY_PREPROD,
      mainnet: parsed.BLOCKFROST_API_KEY_MAINNET,
    }),
    useDevnet,
    blockConfirmationsThreshold: parsed.BLOCK_CONFIRMATIONS_THRESHOLD,
    devnet: devnetFrom(parsed),
    jobIntervalMs: parsed.JOB_INTERVAL_MS,
    watcherIntervalMs: parsed.WATCHER_INTERVAL_MS,
    txTimeoutMs: parsed.TX_TIMEOUT_MS,
    autoWithdrawPayments: parsed.AUTO_WITHDRAW_PAYMENTS,
    autoWithdrawRefunds: parsed.AUTO_WITHDRAW_REFUNDS,
    webhookAllowPrivate: parsed.WEBHOOK_ALLOW_PRIVATE,
    metricsPublic: parsed.METRICS_PUBLIC,
    logLevel: parsed.LOG_LEVEL,
    providerRateLimit: parsed.PROVIDER_RATE_LIMIT,
    crashAt: parsed.CRASH_AT,
  });
}

function devnetFrom(parsed: Env): DevnetConfig {
  return Object.freeze({ port: parsed.DEVNET_PORT, host: '127.0.0.1', blockIntervalMs: parsed.DEVNET_BLOCK_MS, url: parsed.DEVNET_URL });
}

/** The devnet's own settings, for `npm run devnet` (it needs none of the node's variables). */
export function loadDevnetConfig(env: NodeJS.ProcessEnv = process.env): DevnetConfig {
  const parsed = EnvSchema.pick({ DEVNET_PORT: true, DEVNET_BLOCK_MS: true }).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid configuration: ${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  return Object.freeze({ port: parsed.data.DEVNET_PORT, host: '127.0.0.1', blockIntervalMs: parsed.data.DEVNET_BLOCK_MS });
}
