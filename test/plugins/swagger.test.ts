import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Operation = { tags?: string[]; summary?: string; security?: unknown[]; parameters?: { in: string; name: string }[] };

describe('OpenAPI document', () => {
  it('is served at /docs/json and /api-docs, with the token header as security scheme', async () => {
    const docs = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ components: { securitySchemes: Record<string, unknown> } }>();
    const alias = (await t.app.inject({ method: 'GET', url: '/api-docs' })).json();
    expect(alias).toEqual(docs);
    expect(docs.components.securitySchemes.token).toEqual({ type: 'apiKey', in: 'header', name: 'token' });
    expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('tags, describes and secures every API route; every POST documents Idempotency-Key', async () => {
    const docs = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    const routes = t.app.routePermissions.filter((route) => route.url.startsWith('/api/v1') && route.method !== 'HEAD');
    for (const route of routes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const operation = docs.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url} is documented`).toBeDefined();
      expect(operation!.tags?.length, `${route.method} ${route.url} has a tag`).toBeGreaterThan(0);
      expect(operation!.summary, `${route.method} ${route.url} has a summary`).toBeTruthy();
      if (route.permission !== 'public') expect(operation!.security).toEqual([{ token: [] }]);
      if (route.method === 'POST' && route.permission !== 'public') {
        expect(operation!.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'), `${route.url} idempotency-key`).toBe(true);
      }
    }
  });
});
