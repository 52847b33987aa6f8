import { defineConfig } from 'vitest/config';

/**
 * `npm run test:resilience`: real node processes, kill -9, provider faults, fuzzing, two nodes on one
 * database. Files run one after another: they measure rates and start several processes each, and
 * this suite is sized for a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['test/resilience/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
  },
});
