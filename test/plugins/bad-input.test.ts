import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_SAMPLES } from '../helpers/route-samples.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.createKey('Admin')).token;
});
afterAll(() => t.close());

function apiRoutes() {
  return t.app.routePermissions.filter((route) => route.url.startsWith('/api/v1') && route.method !== 'HEAD');
}

async function send(method: string, url: string, options: { payload?: string; query?: Record<string, string>; contentType?: string }) {
  const response = await t.app.inject({
    method: method as 'POST',
    url,
    query: options.query,
    payload: options.payload,
    headers: { token: admin, ...(options.payload === undefined ? {} : { 'content-type': options.contentType ?? 'application/json' }) },
  });
  return { status: response.statusCode, body: response.json<{ status: string; error?: { code: string; message: string } }>() };
}

describe('bad input on every route: 400 naming the problem, never 500', () => {
  it('body routes: not JSON, not an object, an unknown field, wrong content type', async () => {
    const bodyRoutes = apiRoutes().filter((route) => route.method !== 'GET');
    expect(bodyRoutes.length).toBeGreaterThan(0);
    for (const route of bodyRoutes) {
      const name = `${route.method} ${route.url}`;
      const sample = (ROUTE_SAMPLES[name]?.body ?? {}) as Record<string, unknown>;

      const notJson = await send(route.method, route.url, { payload: '{"network": "Preprod",' });
      expect(notJson, `${name} not JSON`).toMatchObject({ status: 400, body: { status: 'error', error: { code: 'INVALID_JSON' } } });

      const array = await send(route.method, route.url, { payload: '[1,2,3]' });
      expect(array.status, `${name} array`).toBe(400);

      const unknown = await send(route.method, route.url, { payload: JSON.stringify({ ...sample, surpriseField: 1 }) });
      expect(unknown.status, `${name} unknown field`).toBe(400);
      expect(unknown.body.error?.message, name).toContain('surpriseField');

      const text = await send(route.method, route.url, { payload: 'hello', contentType: 'text/plain' });
      expect(text.status, `${name} text/plain`).toBe(400);
    }
  });

  it('query routes: an unknown or mistyped parameter', async () => {
    for (const route of apiRoutes().filter((r) => r.method === 'GET' && r.permission !== 'public')) {
      const name = `${route.method} ${route.url}`;
      const sample = ROUTE_SAMPLES[name]?.query ?? {};
      const unknown = await send('GET', route.url, { query: { ...sample, surpriseParam: 'x' } });
      expect(unknown.status, `${name} unknown param`).toBe(400);
      expect(unknown.body.error?.message, name).toContain('surpriseParam');
      if ('limit' in sample) {
        const mistyped = await send('GET', route.url, { query: { ...sample, limit: 'many' } });
        expect(mistyped.status, `${name} limit=many`).toBe(400);
        expect(mistyped.body.error?.message).toContain('limit');
      }
    }
  });

  it('a body over 1 MiB is refused with 400', async () => {
    const result = await send('POST', '/api/v1/api-key', { payload: JSON.stringify({ permission: 'Read', pad: 'x'.repeat(1_100_000) }) });
    expect(result.status).toBe(400);
  });

  it('unknown routes answer 404 in the envelope, with or without a trailing slash on known ones', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/not-a-route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 'error', error: { code: 'NOT_FOUND' } });
    const slash = await t.app.inject({ method: 'GET', url: '/api/v1/health/' });
    expect(slash.statusCode).toBe(200);
  });
});
