import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

export const ADMIN_PREFIX = '/admin';

/**
 * The dashboard handles an admin key, so it may only load its own files and talk to its own
 * origin: no inline script, no third-party origin, no framing.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export interface AdminDashboardOptions {
  /** Directory of the dashboard files; defaults to `public/` beside this module. */
  root?: string;
}

async function listFiles(root: string, dir = ''): Promise<string[]> {
  const entries = await readdir(`${root}/${dir}`, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(root, relative) : Promise.resolve(entry.isFile() ? [relative] : []);
    }),
  );
  return nested.flat();
}

async function dashboard(app: FastifyInstance, options: AdminDashboardOptions): Promise<void> {
  const root = options.root ?? fileURLToPath(new URL('./public', import.meta.url));
  if (!existsSync(`${root}/index.html`)) {
    // A build that forgot to copy the assets must not take the payment API down with it.
    app.log.error({ root }, 'admin dashboard files not found; /admin answers with an error');
    app.get(ADMIN_PREFIX, { config: { permission: 'public' }, schema: { hide: true } }, async () => {
      throw new AppError('INTERNAL_ERROR', `admin dashboard files are missing from ${root}; copy src/admin/public next to the built plugin`);
    });
    return;
  }

  // Only files that exist at start are served, so no request path can reach anything else.
  const files = new Set(await listFiles(root));
  await app.register(fastifyStatic, { root, serve: false, index: false, cacheControl: false });

  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

  // Without a build step the files keep their names, so the browser must revalidate them.
  const sendAsset = (reply: FastifyReply, file: string) => reply.header('cache-control', 'no-cache').sendFile(file);
  const route = { config: { permission: 'public' as const }, schema: { hide: true } };

  // With ignoreTrailingSlash `/admin/` lands here; without it, on the wildcard with an empty path.
  app.get(ADMIN_PREFIX, route, async (_request, reply) => sendAsset(reply, 'index.html'));
  app.get<{ Params: { '*': string } }>(`${ADMIN_PREFIX}/*`, route, async (request, reply) => {
    const file = request.params['*'] || 'index.html';
    if (!files.has(file)) return reply.callNotFound();
    return sendAsset(reply, file);
  });
}

/**
 * Serves the operator dashboard (static files, no build step) under /admin:
 * `await app.register(adminDashboardPlugin)`. The name is visible to the parent (`hasPlugin`),
 * while the routes, the CSP hook and the sendFile decorator stay encapsulated.
 */
export const adminDashboardPlugin = fp(
  async (app: FastifyInstance, options: AdminDashboardOptions) => {
    await app.register(dashboard, options);
  },
  { name: 'admin-dashboard', fastify: '5.x' },
);

export default adminDashboardPlugin;
