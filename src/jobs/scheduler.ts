import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { AppDeps } from '../deps.js';
import type { Job } from './job.js';
import { acquireJobLease, releaseJobLease } from './job-lease.js';

export interface JobRunRecord {
  job: string;
  outcome: 'ok' | 'error' | 'skipped';
  durationMs: number;
}

export interface Scheduler {
  /** Runs one job now, with the same lease and overlap protection as a scheduled run. */
  runOnce(name: string): Promise<JobRunRecord>;
  stop(): Promise<void>;
}

function cronExpression(intervalMs: number): string {
  const seconds = Math.max(1, Math.round(intervalMs / 1000));
  return seconds < 60 ? `*/${seconds} * * * * *` : `0 */${Math.max(1, Math.round(seconds / 60))} * * * *`;
}

/**
 * Runs jobs on node-cron timers. Each run holds a database lease (so two processes on one database
 * never run the same job at once), never overlaps itself, and is timed and logged.
 */
export function startScheduler(deps: AppDeps, jobs: readonly Job[], options: { onRun?: (record: JobRunRecord) => void; timers?: boolean } = {}): Scheduler {
  const holder = randomUUID();
  const running = new Map<string, Promise<JobRunRecord>>();
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const tasks: ScheduledTask[] = [];

  async function execute(job: Job): Promise<JobRunRecord> {
    const log = deps.logger.child({ job: job.name });
    const started = performance.now();
    const ttlMs = Math.max(60_000, job.intervalMs(deps.config) * 10);
    const record = (outcome: JobRunRecord['outcome']): JobRunRecord => {
      const result = { job: job.name, outcome, durationMs: performance.now() - started };
      deps.metrics.recordJobRun(result);
      options.onRun?.(result);
      return result;
    };
    if (!(await acquireJobLease(deps.db, job.name, holder, ttlMs))) return record('skipped');
    const leasedAt = Date.now();
    // A run may outlast the lease (a long catch-up, a slow provider): it is renewed while the run lasts, so no other process starts the job meanwhile.
    const renewal = setInterval(() => {
      acquireJobLease(deps.db, job.name, holder, ttlMs).then(
        (held) => held || log.error('job lease lost during the run'),
        (error: unknown) => log.warn({ err: error }, 'lease renewal failed'),
      );
    }, ttlMs / 3);
    let outcome: 'ok' | 'error' = 'error';
    try {
      await job.run({ ...deps, log });
      outcome = 'ok';
      return record('ok');
    } catch (error) {
      log.error({ err: error }, 'job run failed');
      return record('error');
    } finally {
      clearInterval(renewal);
      // Written while the lease is still held: across processes these intervals never overlap for one job.
      log.debug({ leasedAt, endedAt: Date.now(), outcome }, 'job run');
      await releaseJobLease(deps.db, job.name, holder).catch((error: unknown) => log.warn({ err: error }, 'lease release failed'));
    }
  }

  function runGuarded(job: Job): Promise<JobRunRecord> {
    const current = running.get(job.name);
    if (current) return current;
    const run = execute(job).finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  }

  if (options.timers !== false) {
    for (const job of jobs) {
      if (job.enabled && !job.enabled(deps.config)) continue;
      tasks.push(cron.schedule(cronExpression(job.intervalMs(deps.config)), () => void runGuarded(job), { name: job.name, noOverlap: true }));
    }
  }

  return {
    async runOnce(name) {
      const job = byName.get(name);
      if (!job) throw new Error(`unknown job ${name}`);
      return runGuarded(job);
    },
    async stop() {
      for (const task of tasks) await task.stop();
      await Promise.allSettled([...running.values()]);
    },
  };
}
