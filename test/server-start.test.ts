import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnNode, waitForHttp, type NodeProcess } from './helpers/node-process.js';

const started: NodeProcess[] = [];
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

    expect(await node.stop('SIGTERM')).toBe(0);
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
