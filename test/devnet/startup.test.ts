import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startDevnet } from '../../src/devnet/index.js';
import { getJson, postJson } from './devnet-fixtures.js';

describe('startup', () => {
  it('startDevnet resolves quickly; devnets on port 0 run side by side; the timer forges blocks until paused', async () => {
    const started = Date.now();
    const [first, second] = await Promise.all([startDevnet({ blockIntervalMs: 100 }), startDevnet({ blockIntervalMs: 100 })]);
    try {
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(first.port).not.toBe(second.port);
      expect(first.url).toBe(`http://127.0.0.1:${first.port}/api/v0`);
      expect(first.networkId).toBe(0);
      expect(first.faucetAddress).toMatch(/^addr_test1/);

      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(first.tip().height).toBeGreaterThanOrEqual(2);
      expect((await postJson(first, '/admin/blocks/pause', {})).body).toEqual({ producing: false });
      const paused = first.tip().height;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(first.tip().height).toBe(paused);
      expect((await getJson(first, '/blocks/latest')).body).toMatchObject({ height: paused });
      // The other devnet is a separate chain.
      expect(second.tip().hash).not.toBe(first.tip().hash);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('npm run devnet (src/devnet/main.ts) serves Blockfrost routes and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/devnet/main.ts'], {
      env: { ...process.env, DEVNET_PORT: '0', DEVNET_BLOCK_MS: '200' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        // Loading Mesh and Scalus takes ~5 s on an idle machine; parallel test files can double that.
        const timer = setTimeout(() => reject(new Error(`devnet not ready after 30 s:\n${output}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /(http:\/\/127\.0\.0\.1:\d+\/api\/v0)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`devnet exited with ${code}:\n${output}`)));
      });
      const response = await fetch(`${url}/blocks/latest`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/) as string });
    } finally {
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    }
  });
});
