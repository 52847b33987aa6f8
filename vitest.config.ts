import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/resilience/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Test files share a worker's module cache: loading Mesh and Scalus once per worker, not once per file,
    // cuts the suite's import time from minutes to seconds. Every file still gets its own database and devnet.
    isolate: false,
    fileParallelism: true,
  },
});
