import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { DevnetControl } from '../devnet-control.js';
import { LedgerError } from '../ledger.js';
import { addressRoutes } from './address-routes.js';
import { adminRoutes } from './admin-routes.js';
import { assetRoutes } from './asset-routes.js';
import { BlockfrostError, blockfrostErrorBody } from './blockfrost-error.js';
import { chainRoutes } from './chain-routes.js';
import { evaluateRoutes } from './evaluate-routes.js';
import { scriptRoutes } from './script-routes.js';
import { txRoutes } from './tx-routes.js';

/** Blockfrost's own path prefix; the routes answer with and without it. */
export const API_PREFIX = '/api/v0';

function withoutPrefix(url: string): string {
  if (url !== API_PREFIX && !url.startsWith(`${API_PREFIX}/`) && !url.startsWith(`${API_PREFIX}?`)) return url;
  const rest = url.slice(API_PREFIX.length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

function isAdmin(url: string): boolean {
  return url === '/admin' || url.startsWith('/admin/');
}

export type DevnetLogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

export function buildDevnetServer(control: DevnetControl, logLevel: DevnetLogLevel): FastifyInstance {
  const app = Fastify({
    logger: { level: logLevel },
    rewriteUrl: (request) => withoutPrefix(request.url ?? '/'),
    // Base addresses (~108 chars) and asset units (up to 120) exceed Fastify's default 100-character parameters.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
    bodyLimit: 4 * 1024 * 1024,
  });

  // Transactions arrive as raw bytes (application/cbor) or, from some clients, as text.
  app.addContentTypeParser(['application/cbor', 'application/octet-stream'], { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  // Admin routes are neither faulted nor counted: the counters measure what a client asks of its provider.
  app.addHook('onRequest', async (request, reply) => {
    if (isAdmin(request.url.split('?')[0] ?? '/')) return;
    const status = control.faults.pick();
    control.stats.record(`${request.method} ${request.routeOptions.url ?? '(unmatched)'}`, status !== undefined);
    if (status !== undefined) return reply.code(status).send(blockfrostErrorBody(status));
  });

  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send(blockfrostErrorBody(404)));

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof BlockfrostError) return reply.code(error.status).send(blockfrostErrorBody(error.status, error.message));
    if (error instanceof LedgerError || error instanceof RangeError) {
      return reply.code(400).send(blockfrostErrorBody(400, error.message));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send(blockfrostErrorBody(status, error.message));
    request.log.error({ err: error }, 'devnet request failed');
    return reply.code(500).send(blockfrostErrorBody(500));
  });

  for (const routes of [chainRoutes, addressRoutes, txRoutes, evaluateRoutes, scriptRoutes, assetRoutes, adminRoutes]) {
    routes(app, control);
  }
  return app;
}
