import type { Logger } from 'pino';
import type { AppDeps } from '../deps.js';

export interface JobContext extends AppDeps {
  log: Logger;
}

/** A job is a plain object; the scheduler adds timing, overlap protection and a database lease. */
export interface Job {
  readonly name: string;
  /** How often it runs, from the configuration. */
  intervalMs(config: AppDeps['config']): number;
  /** Whether it runs at all with this configuration (e.g. auto-withdraw can be switched off). */
  enabled?(config: AppDeps['config']): boolean;
  run(ctx: JobContext): Promise<void>;
}
