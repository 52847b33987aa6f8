import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDashboardPlugin } from '../../src/admin/admin.plugin.js';
import { createDashboardTestApp, type DashboardTestApp } from './dashboard-test-app.js';

let t: DashboardTestApp;

beforeAll(async () => {
  t = await createDashboardTestApp();
});
afterAll(() => t.close());

describe('admin dashboard plugin', () => {
  it('serves index.html at /admin and /admin/, with a strict CSP and no caching surprises', async () => {
    for (const url of ['/admin', '/admin/']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<script type="module" src="/admin/js/main.js">');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves the modules and the stylesheet with their content types', async () => {
    const script = await t.app.inject({ method: 'GET', url: '/admin/js/main.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    const style = await t.app.inject({ method: 'GET', url: '/admin/styles.css' });
    expect(style.statusCode).toBe(200);
    expect(style.headers['content-type']).toMatch(/^text\/css/);
  });

  it('answers 404 in the API envelope for unknown files and refuses to leave its folder', async () => {
    for (const url of ['/admin/nope.js', '/admin/../package.json', '/admin/%2e%2e/package.json', '/admin/js/../../admin.plugin.ts', '/admin/..%2f..%2fpackage.json']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.body, url).not.toContain('"name": "agent-pay-node"');
      expect(response.body, url).not.toContain('fastifyStatic');
    }
    const missing = await t.app.inject({ method: 'GET', url: '/admin/nope.js' });
    expect(missing.json()).toMatchObject({ status: 'error', error: { code: 'NOT_FOUND' } });
  });

  it('declares every route it registers as public', () => {
    const routes = t.app.routePermissions.filter((route) => route.url === '/admin' || route.url.startsWith('/admin/'));
    expect(routes.map((route) => `${route.method} ${route.url}`).sort()).toEqual(['GET /admin', 'GET /admin/*', 'HEAD /admin', 'HEAD /admin/*']);
    for (const route of routes) expect(route.permission).toBe('public');
  });

  it('keeps its hooks to itself: API responses carry no dashboard CSP', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.headers['content-security-policy']).toBeUndefined();
  });

  it('answers with an error, instead of failing the node, when its files are missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'admin-missing-'));
    const app = Fastify({ logger: false });
    try {
      await app.register(adminDashboardPlugin, { root: empty });
      const response = await app.inject({ method: 'GET', url: '/admin' });
      expect(response.statusCode).toBe(500);
      expect(response.body).toContain('admin dashboard files are missing');
    } finally {
      await app.close();
      await rm(empty, { recursive: true });
    }
  });
});
