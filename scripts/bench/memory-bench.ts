import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Devnet } from '../../src/devnet/index.js';
import { freePort } from '../../src/net/free-port.js';
import { waitFor } from '../../test/helpers/wait.js';
import { paymentBody, PRICE_LOVELACE, purchaseBodyOf } from './bench-node.js';
import { createBenchDatabase } from './database.js';
import { type LoadSpec, runLoad, writeBodies } from './load.js';
import { agentRegistrationBody } from '../../test/helpers/agent-registration.js';

export interface MemoryResult {
  idleMb: number;
  peakUnderLoadMb: number;
  afterLoadMb: number;
  loads: string[];
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real server (`node --import tsx src/server.ts`) in a child process on its own fresh database,
 * with DEVNET_URL pointing at the bench's devnet and jobs on their timers. RSS is read from
 * /proc/<pid>/status: idle after start-up and agent registration, and sampled every 100 ms under
 * the same three HTTP loads as the HTTP part.
 */
export async function benchMemory(devnet: Devnet, options: { connections: number; durationSec: number; log(line: string): void }): Promise<MemoryResult> {
  const database = await createBenchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'apn-bench-mem-'));
  const port = await freePort();
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: database.url,
      DEVNET_URL: devnet.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_KEY: adminKey,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      JOB_INTERVAL_MS: '1000',
      WATCHER_INTERVAL_MS: '1000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Kept for a failure report only: under load node-cron warns about missed runs.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}/api/v1`;
  const call = async (method: 'GET' | 'POST', route: string, body?: unknown) => {
    const response = await fetch(`${base}${route}`, { method, headers: { token: adminKey, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const json = (await response.json()) as { data: Record<string, unknown> & { PaymentSources?: { SellingWallets: { walletVkey: string }[] }[]; Assets?: { state: string; agentIdentifier: string | null }[] } };
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
    return json.data;
  };
  try {
    await waitFor('the node to answer', async () => (child.exitCode === null ? fetch(`${base}/health`).then((r) => r.ok, () => false) : Promise.reject(new Error('node exited'))), 90_000, 250);
    const pid = child.pid ?? 0;
    const sources = await call('GET', '/payment-source');
    const vkey = sources.PaymentSources?.[0]?.SellingWallets[0]?.walletVkey;
    if (!vkey) throw new Error('the node has no selling wallet');
    await call('POST', '/registry', agentRegistrationBody(vkey, PRICE_LOVELACE));
    const agentIdentifier = await waitFor('agent registration', async () => {
      const assets = (await call('GET', '/registry?network=Preprod')).Assets ?? [];
      return assets.find((asset) => asset.state === 'RegistrationConfirmed')?.agentIdentifier ?? undefined;
    }, 90_000, 500);

    await sleep(5000);
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) {
      idle.push(await rssMb(pid));
      await sleep(200);
    }
    const idleMb = idle.sort((a, b) => a - b)[5] ?? 0;
    options.log(`memory: idle RSS ${idleMb.toFixed(0)} MB`);

    const bodies = [];
    for (let i = 0; i < 1500; i++) {
      const body = paymentBody(agentIdentifier, devnet.nowMs());
      bodies.push(purchaseBodyOf(await call('POST', '/payment', body), body.inputHash));
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'apn-bench-mem-bodies-'));
    let peak = 0;
    const sampler = setInterval(() => void rssMb(pid).then((mb) => (peak = Math.max(peak, mb)), () => undefined), 100);
    const loads: string[] = [];
    try {
      const common = { url: `http://127.0.0.1:${port}`, headers: { token: adminKey }, connections: options.connections, durationSec: options.durationSec };
      const specs: (Omit<LoadSpec, keyof typeof common> & { name: string })[] = [
        { name: 'POST /payment', method: 'POST', path: '/api/v1/payment', body: { kind: 'payment', agentIdentifier, chainNowMs: devnet.nowMs() } },
        { name: 'GET /payment?limit=100', method: 'GET', path: '/api/v1/payment?network=Preprod&limit=100', body: { kind: 'none' } },
        { name: 'POST /purchase', method: 'POST', path: '/api/v1/purchase', body: { kind: 'list', file: await writeBodies(dir, 'purchase', bodies) } },
      ];
      for (const spec of specs) {
        const result = await runLoad({ ...common, ...spec });
        loads.push(`${spec.name} ${result.rps.toFixed(0)} req/s`);
      }
    } finally {
      clearInterval(sampler);
      await rm(dir, { recursive: true, force: true });
    }
    await sleep(2000);
    const afterLoadMb = await rssMb(pid);
    options.log(`memory: peak under load ${peak.toFixed(0)} MB, after ${afterLoadMb.toFixed(0)} MB`);
    return { idleMb, peakUnderLoadMb: peak, afterLoadMb, loads };
  } catch (error) {
    options.log(`memory: the node's last output:\n${stderr}`);
    throw error;
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}
