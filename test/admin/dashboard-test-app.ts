import type { FastifyInstance } from 'fastify';
import { adminDashboardPlugin } from '../../src/admin/admin.plugin.js';
import { buildApp } from '../../src/app.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

export type DashboardTestApp = TestApp;

/**
 * createTestApp calls `ready()`, after which no plugin can be added; so this builds a second app
 * on the same dependencies and database, with the dashboard registered (unless app.ts already
 * registers it).
 */
export async function createDashboardTestApp(): Promise<DashboardTestApp> {
  const base = await createTestApp();
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(base.app.deps);
    if (!app.hasPlugin('admin-dashboard')) await app.register(adminDashboardPlugin);
    await app.ready();
  } catch (error) {
    await app?.close();
    await base.close();
    throw error;
  }
  const dashboardApp = app;
  return {
    ...base,
    app: dashboardApp,
    async close() {
      await dashboardApp.close();
      await base.close();
    },
  };
}
