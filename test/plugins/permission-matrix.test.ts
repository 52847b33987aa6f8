import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/generated/prisma/enums.js';
import { ROUTE_SAMPLES } from '../helpers/route-samples.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const LEVEL: Record<Permission, number> = { Read: 1, ReadAndPay: 2, Admin: 3 };
const DENIED_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NETWORK_NOT_ALLOWED']);

let t: TestApp;
let tokens: Record<'read' | 'pay' | 'admin' | 'revoked' | 'mainnetOnly', string>;

beforeAll(async () => {
  t = await createTestApp();
  tokens = {
    read: (await t.createKey('Read')).token,
    pay: (await t.createKey('ReadAndPay')).token,
    admin: (await t.createKey('Admin')).token,
    revoked: (await t.createKey('Admin', { status: 'Revoked' })).token,
    mainnetOnly: (await t.createKey('ReadAndPay', { networkLimit: ['Mainnet'] })).token,
  };
});
afterAll(() => t.close());

function apiRoutes() {
  return t.app.routePermissions.filter((route) => route.url.startsWith('/api/v1') && route.method !== 'HEAD');
}

async function call(route: { method: string; url: string }, token?: string) {
  const sample = ROUTE_SAMPLES[`${route.method} ${route.url}`] ?? {};
  const response = await t.app.inject({
    method: route.method as 'GET',
    url: route.url,
    query: sample.query,
    ...(sample.body === undefined ? {} : { payload: sample.body as object }),
    headers: token === undefined ? {} : { token },
  });
  const body = response.json<{ error?: { code: string } }>();
  return { status: response.statusCode, code: body.error?.code };
}

function isDenied(result: { status: number; code: string | undefined }): boolean {
  return result.status === 401 || result.status === 403 ? DENIED_CODES.has(result.code ?? '') : false;
}

describe('route declarations', () => {
  it('every route declares a permission, and every API route has a matrix sample', () => {
    const routes = t.app.routePermissions;
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) expect(['public', 'Read', 'ReadAndPay', 'Admin']).toContain(route.permission);
    const missing = apiRoutes().filter((route) => !ROUTE_SAMPLES[`${route.method} ${route.url}`]).map((route) => `${route.method} ${route.url}`);
    expect(missing).toEqual([]);
  });

  it('refuses to start with a route that declares no permission', async () => {
    const { buildApp } = await import('../../src/app.js');
    const app = await buildApp(t.app.deps);
    expect(() => app.get('/api/v1/undeclared', async () => 'x')).toThrow(/declares no permission/);
    await app.close();
  });
});

describe('permission matrix', () => {
  it('public routes answer without a token', async () => {
    for (const route of apiRoutes().filter((r) => r.permission === 'public')) {
      expect(isDenied(await call(route)), `${route.method} ${route.url}`).toBe(false);
    }
  });

  it('every protected route: 401 without, with an unknown or a revoked key; 403 below its level; allowed at or above', async () => {
    const protectedRoutes = apiRoutes().filter((route) => route.permission !== 'public');
    expect(protectedRoutes.length).toBeGreaterThan(0);
    for (const route of protectedRoutes) {
      const name = `${route.method} ${route.url}`;
      const required = LEVEL[route.permission as Permission];
      expect((await call(route)).status, `${name} no token`).toBe(401);
      expect((await call(route, 'apn_unknown-token-value-xxxxxxxxxxxxxxx')).status, `${name} unknown`).toBe(401);
      expect((await call(route, tokens.revoked)).status, `${name} revoked`).toBe(401);
      for (const [label, level] of [['read', 1], ['pay', 2], ['admin', 3]] as const) {
        const result = await call(route, tokens[label]);
        expect(result.status, `${name} ${label}: ${JSON.stringify(result)}`).toBeLessThan(500);
        if (level >= required) expect(isDenied(result), `${name} ${label} should be allowed: ${JSON.stringify(result)}`).toBe(false);
        else expect(result, `${name} ${label} should be refused`).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
      const limited = await call(route, tokens.mainnetOnly);
      if (required > LEVEL.ReadAndPay) expect(limited, name).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      else if (ROUTE_SAMPLES[name]?.networkBound) expect(limited, `${name} other network`).toMatchObject({ status: 403, code: 'NETWORK_NOT_ALLOWED' });
      else expect(isDenied(limited), `${name} network-limited key`).toBe(false);
    }
  });
});
