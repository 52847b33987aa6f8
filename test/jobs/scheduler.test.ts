import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireJobLease } from '../../src/jobs/job-lease.js';
import type { Job } from '../../src/jobs/job.js';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function slowJob(name: string, log: string[], gate: Promise<void>): Job {
  return {
    name,
    intervalMs: () => 1000,
    async run() {
      log.push('start');
      await gate;
      log.push('end');
    },
  };
}

describe('scheduler', () => {
  it('two schedulers on one database never run the same job at once', async () => {
    const log: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const job = slowJob('lease-test', log, gate);
    const first = startScheduler(t.app.deps, [job], { timers: false });
    const second = startScheduler(t.app.deps, [job], { timers: false });
    const running = first.runOnce('lease-test');
    while (!log.includes('start')) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await second.runOnce('lease-test')).toMatchObject({ outcome: 'skipped' });
    open();
    expect(await running).toMatchObject({ outcome: 'ok' });
    expect(await second.runOnce('lease-test')).toMatchObject({ outcome: 'ok' });
    expect(log).toEqual(['start', 'end', 'start', 'end']);
    await first.stop();
    await second.stop();
  });

  it('does not overlap itself, and a failing run is recorded, not thrown', async () => {
    let runs = 0;
    const scheduler = startScheduler(t.app.deps, [
      { name: 'overlap', intervalMs: () => 1000, run: async () => void runs++ },
      { name: 'broken', intervalMs: () => 1000, run: async () => Promise.reject(new Error('boom')) },
    ], { timers: false });
    const [a, b] = await Promise.all([scheduler.runOnce('overlap'), scheduler.runOnce('overlap')]);
    expect(a).toBe(b);
    expect(runs).toBe(1);
    expect(await scheduler.runOnce('broken')).toMatchObject({ outcome: 'error' });
    await scheduler.stop();
  });

  it('an expired lease of a crashed holder can be taken over', async () => {
    expect(await acquireJobLease(t.db, 'crashed', 'holder-a', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await acquireJobLease(t.db, 'crashed', 'holder-b', 60_000)).toBe(true);
    expect(await acquireJobLease(t.db, 'crashed', 'holder-a', 60_000)).toBe(false);
  });
});
