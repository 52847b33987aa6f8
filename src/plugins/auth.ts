import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashApiToken } from '../crypto/api-token.js';
import type { Db } from '../db/prisma.js';
import { AppError } from '../errors.js';
import type { Network, Permission } from '../generated/prisma/enums.js';

export type RoutePermission = Permission | 'public';

export interface AuthenticatedKey {
  id: string;
  permission: Permission;
  networkLimit: Network[];
  usageLimited: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; every route must say (the auth plugin refuses to start otherwise). */
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    apiKey: AuthenticatedKey | null;
  }
  interface FastifyInstance {
    /** Every route with its declared permission, for the route-declaration and permission tests. */
    routePermissions: DeclaredRoute[];
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
}

const LEVEL: Record<Permission, number> = { Read: 1, ReadAndPay: 2, Admin: 3 };

export function permits(held: Permission, required: Permission): boolean {
  return LEVEL[held] >= LEVEL[required];
}

/** Routes served by plugins we do not write (documentation UI, dashboard assets) are public. */
const PLUGIN_ROUTE_PREFIXES = ['/docs', '/api-docs', '/admin'];

export function mayUseNetwork(key: AuthenticatedKey, network: Network): boolean {
  return key.permission === 'Admin' || key.networkLimit.length === 0 || key.networkLimit.includes(network);
}

/** The networks a key may see, or undefined for all. */
export function allowedNetworks(key: AuthenticatedKey): Network[] | undefined {
  return key.permission === 'Admin' || key.networkLimit.length === 0 ? undefined : key.networkLimit;
}

/** The key of an authenticated route; handlers of non-public routes can rely on it. */
export function requireKey(request: FastifyRequest): AuthenticatedKey {
  if (!request.apiKey) throw new AppError('UNAUTHORIZED', 'missing token header');
  return request.apiKey;
}

function networkOf(request: FastifyRequest): Network | undefined {
  for (const source of [request.body, request.query]) {
    if (source && typeof source === 'object' && 'network' in source) {
      const network = (source as { network?: unknown }).network;
      if (network === 'Preprod' || network === 'Mainnet') return network;
    }
  }
  return undefined;
}

/**
 * How long a successful key lookup is reused, so that a request costs no key query. Revoking,
 * deleting or changing a key through the API takes effect at once in this process (the service
 * calls forgetAuthenticatedKeys); in other processes on the same database, and for changes made
 * behind the API's back, within this bound. Unknown and revoked tokens are never cached.
 */
export const AUTH_CACHE_MS = 2_000;
const MAX_CACHED_KEYS = 10_000;

interface KeyCache {
  /** Bumped by every forget: a lookup that started before it must not store what it read. */
  generation: number;
  keys: Map<string, { key: AuthenticatedKey; expiresAt: number }>;
}

const keyCaches = new WeakMap<Db, KeyCache>();

function keyCacheOf(db: Db): KeyCache {
  let cache = keyCaches.get(db);
  if (!cache) {
    cache = { generation: 0, keys: new Map() };
    keyCaches.set(db, cache);
  }
  return cache;
}

/** Drops every cached key lookup of this database's nodes in this process; call after a key changes. */
export function forgetAuthenticatedKeys(db: Db): void {
  const cache = keyCacheOf(db);
  cache.generation += 1;
  cache.keys.clear();
}

async function authenticate(db: Db, token: string): Promise<AuthenticatedKey> {
  const tokenHash = hashApiToken(token);
  const cache = keyCacheOf(db);
  const now = Date.now();
  const cached = cache.keys.get(tokenHash);
  if (cached && cached.expiresAt > now) return cached.key;
  const generation = cache.generation;
  const key = await db.apiKey.findUnique({
    where: { tokenHash },
    select: { id: true, permission: true, networkLimit: true, usageLimited: true, status: true, deletedAt: true },
  });
  if (!key || key.deletedAt) throw new AppError('UNAUTHORIZED', 'invalid token');
  if (key.status !== 'Active') throw new AppError('UNAUTHORIZED', 'API key is revoked');
  const authenticated = { id: key.id, permission: key.permission, networkLimit: key.networkLimit, usageLimited: key.usageLimited };
  if (cache.generation === generation) {
    if (cache.keys.size >= MAX_CACHED_KEYS) cache.keys.clear();
    cache.keys.set(tokenHash, { key: authenticated, expiresAt: now + AUTH_CACHE_MS });
  }
  return authenticated;
}

async function authPlugin(app: FastifyInstance, options: { db: Db }): Promise<void> {
  app.decorateRequest('apiKey', null);
  const declared: DeclaredRoute[] = [];
  app.decorate('routePermissions', declared);

  app.addHook('onRoute', (route) => {
    route.config ??= {};
    if (!route.config.permission) {
      const servedByPlugin = PLUGIN_ROUTE_PREFIXES.some((prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`));
      if (!servedByPlugin) throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
      route.config.permission = 'public';
    }
    for (const method of [route.method].flat()) declared.push({ method, url: route.url, permission: route.config.permission });
  });

  app.addHook('onRequest', async (request) => {
    const required = request.routeOptions.config.permission;
    if (!required || required === 'public') return;
    const token = request.headers.token;
    if (typeof token !== 'string' || token.length === 0) throw new AppError('UNAUTHORIZED', 'missing token header');
    if (token.length > 1024) throw new AppError('UNAUTHORIZED', 'invalid token');
    const key = await authenticate(options.db, token);
    if (!permits(key.permission, required)) {
      throw new AppError('FORBIDDEN', `this route requires the ${required} permission; the key has ${key.permission}`);
    }
    request.apiKey = key;
  });

  app.addHook('preHandler', async (request) => {
    const key = request.apiKey;
    const network = networkOf(request);
    if (key && network && !mayUseNetwork(key, network)) {
      throw new AppError('NETWORK_NOT_ALLOWED', `network: this key may not use ${network}`);
    }
  });
}

export default fp(authPlugin, { name: 'auth' });
