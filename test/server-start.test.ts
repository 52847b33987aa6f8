import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnNode, waitForHttp, type NodeProcess } from './helpers/node-process.js';

const started: NodeProcess[] = [];

async function waitForValue(read: () => Promise<bigint>): Promise<bigint> {
  for (let i = 0; i < 60; i++) {
    const value = await read();
    if (value > 0n) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return read();
}
afterAll(async () => {
  await Promise.all(started.map((node) => node.stop()));
});

describe('npm start with no environment', () => {
  it('serves /docs and /api/v1/health on embedded PostgreSQL, with a generated owner-only admin key', async () => {
    const node = await spawnNode({});
    started.push(node);
    const exited = () => node.child.exitCode !== null;
    const health = await waitForHttp(`http://127.0.0.1:${node.port}/api/v1/health`, 90_000, exited);
    expect(await health.json()).toMatchObject({ status: 'success', data: { status: 'ok', database: 'ok' } });
    const docs = await waitForHttp(`http://127.0.0.1:${node.port}/docs/json`, 10_000, exited);
    expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\./);

    const keyFile = path.join(node.dataDir, 'admin-key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const log = node.output();
    expect(log).toContain('embedded');
    expect(log).toContain(keyFile);
    const { readFile } = await import('node:fs/promises');
    const adminKey = (await readFile(keyFile, 'utf8')).trim();
    expect(log).not.toContain(adminKey);
    const status = await fetch(`http://127.0.0.1:${node.port}/api/v1/api-key-status`, { headers: { token: adminKey } });
    expect(status.status).toBe(200);

    // Zero setup: a devnet payment source with funded selling and purchasing wallets.
    const base = `http://127.0.0.1:${node.port}/api/v1`;
    const sources = (await (await fetch(`${base}/payment-source`, { headers: { token: adminKey } })).json()) as any;
    const source = sources.data.PaymentSources[0];
    expect(source).toMatchObject({ network: 'Preprod', chain: 'devnet' });
    const funded = async (address: string) => {
      const utxos = (await (await fetch(`${base}/utxos?network=Preprod&address=${address}`, { headers: { token: adminKey } })).json()) as any;
      return utxos.data.Utxos.reduce((sum: bigint, utxo: any) => sum + BigInt(utxo.Amounts.find((a: any) => a.unit === '')?.quantity ?? '0'), 0n);
    };
    for (const wallet of [...source.SellingWallets, ...source.PurchasingWallets]) {
      const lovelace = await waitForValue(() => funded(wallet.walletAddress));
      expect(lovelace).toBeGreaterThan(1_000_000_000n);
    }
    expect(await node.stop('SIGTERM')).toBe(0);

    // A restart finds the same database and the same chain.
    const again = await spawnNode({ DATA_DIR: node.dataDir });
    started.push(again);
    await waitForHttp(`http://127.0.0.1:${again.port}/api/v1/health`, 90_000, () => again.child.exitCode !== null);
    const baseAgain = `http://127.0.0.1:${again.port}/api/v1`;
    const sourcesAgain = (await (await fetch(`${baseAgain}/payment-source`, { headers: { token: adminKey } })).json()) as any;
    expect(sourcesAgain.data.PaymentSources.map((s: any) => s.id)).toEqual([source.id]);
    const utxosAgain = (await (await fetch(`${baseAgain}/utxos?network=Preprod&address=${source.SellingWallets[0].walletAddress}`, { headers: { token: adminKey } })).json()) as any;
    expect(utxosAgain.data.Utxos.length).toBeGreaterThan(0);
    expect(again.output()).not.toContain('the devnet chain is new');
    expect(await again.stop('SIGTERM')).toBe(0);
  });

  it('stops at once with one line naming a bad variable', async () => {
    const node = await spawnNode({ PORT: 'not-a-port' });
    started.push(node);
    const code = await new Promise<number | null>((resolve) => node.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(node.output().trim().split('\n')).toHaveLength(1);
    expect(node.output()).toContain('PORT');
  });
});
