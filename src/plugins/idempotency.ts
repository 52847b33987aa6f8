import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { canonicalize } from 'json-canonicalize';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency record this request executes for, when it came with an Idempotency-Key. */
    idempotencyRecordId: string | null;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

const KEY_FORMAT = /^[\x20-\x7e]{1,255}$/;
const TTL_MS = 24 * 3600_000;
/** A duplicate waits this long (by default) for the first request to finish before it gets IDEMPOTENCY_IN_PROGRESS. */
const WAIT_MS = 15_000;
const POLL_MS = 100;
/** A record still incomplete after this long belongs to a process that died mid-request: it is taken over. */
const ABANDONED_MS = 2 * 60_000;
const CLEANUP_EVERY_MS = 60_000;

type Deps = Pick<AppDeps, 'db' | 'clock' | 'logger' | 'secretBox'>;

interface Claim {
  apiKeyId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

type ClaimResult = { kind: 'execute'; recordId: string } | { kind: 'replay'; status: number; body: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function headerKey(request: FastifyRequest): string | undefined {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY_FORMAT.test(raw)) {
    throw new AppError('VALIDATION_ERROR', 'Idempotency-Key: must be 1–255 printable ASCII characters');
  }
  return raw;
}

function canonicalBody(body: unknown): string {
  try {
    return canonicalize(body);
  } catch {
    // JSON.parse turns 1e400 into Infinity, which has no canonical form.
    throw new AppError('VALIDATION_ERROR', 'body: numbers must be finite');
  }
}

function claimOf(request: FastifyRequest, apiKeyId: string, key: string): Claim {
  // Paths match with or without a trailing slash, so the record does too.
  const path = (request.url.split('?')[0] ?? '/').replace(/(.)\/+$/, '$1');
  const body = request.body === undefined ? '' : canonicalBody(request.body);
  const requestHash = createHash('sha256').update(`${request.method} ${path}\n${body}`).digest('hex');
  return { apiKeyId, key, method: request.method, path, requestHash };
}

/**
 * Inserts the record first (the unique (apiKeyId, key) lets exactly one request in) and never holds
 * a transaction across the handler: duplicates poll the row until the first one has stored its
 * response, replay that, or give up with IDEMPOTENCY_IN_PROGRESS.
 */
async function claimRecord(deps: Deps, wanted: Claim, waitMs: number): Promise<ClaimResult> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const now = new Date(Number(deps.clock.now()));
    const recordId = randomUUID();
    const inserted = await deps.db.idempotencyRecord.createMany({
      data: [{ id: recordId, ...wanted, createdAt: now, expiresAt: new Date(now.getTime() + TTL_MS) }],
      skipDuplicates: true,
    });
    if (inserted.count === 1) return { kind: 'execute', recordId };
    const existing = await deps.db.idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId: wanted.apiKeyId, key: wanted.key } } });
    if (!existing) continue;
    if (existing.expiresAt <= now) {
      await deps.db.idempotencyRecord.deleteMany({ where: { id: existing.id, expiresAt: existing.expiresAt } });
      continue;
    }
    if (existing.requestHash !== wanted.requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key: already used within 24 h for a different request (${existing.method} ${existing.path} with another body)`);
    }
    if (existing.completedAt && existing.responseStatus !== null && existing.responseBody !== null) {
      // A stored response may hand out a secret (a new API token, a generated mnemonic): it is kept encrypted.
      return { kind: 'replay', status: existing.responseStatus, body: deps.secretBox.decrypt(existing.responseBody) };
    }
    if (now.getTime() - existing.createdAt.getTime() > ABANDONED_MS) {
      await deps.db.idempotencyRecord.deleteMany({ where: { id: existing.id, completedAt: null } });
      continue;
    }
    if (Date.now() > deadline) throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'Idempotency-Key: a request with this key is still being processed; retry later');
    await sleep(POLL_MS);
  }
}

/** 2xx and 4xx are final answers and are kept; a 5xx or 429 is not, so the client can retry with the same key. */
function isStored(status: number): boolean {
  return status < 500 && status !== 429;
}

async function idempotencyPlugin(app: FastifyInstance, options: { waitMs?: number }): Promise<void> {
  const deps: Deps = app.deps;
  let lastCleanup = 0;
  app.decorateRequest('idempotencyRecordId', null);

  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST') return;
    const key = headerKey(request);
    // Public POSTs have no key to scope a record by.
    if (key === undefined || !request.apiKey) return;
    const result = await claimRecord(deps, claimOf(request, request.apiKey.id, key), options.waitMs ?? WAIT_MS);
    if (result.kind === 'replay') {
      return reply.code(result.status).header(REPLAYED_HEADER, 'true').type('application/json; charset=utf-8').send(result.body);
    }
    request.idempotencyRecordId = result.recordId;
    if (Date.now() - lastCleanup > CLEANUP_EVERY_MS) {
      lastCleanup = Date.now();
      await deps.db.idempotencyRecord.deleteMany({ where: { expiresAt: { lt: new Date(Number(deps.clock.now())) } } });
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const recordId = request.idempotencyRecordId;
    if (!recordId) return payload;
    request.idempotencyRecordId = null;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    try {
      if (body !== null && isStored(reply.statusCode)) {
        await deps.db.idempotencyRecord.update({ where: { id: recordId }, data: { completedAt: new Date(), responseStatus: reply.statusCode, responseBody: deps.secretBox.encrypt(body) } });
      } else {
        await deps.db.idempotencyRecord.deleteMany({ where: { id: recordId } });
      }
    } catch (error) {
      // The response still goes out; the incomplete record is taken over after ABANDONED_MS.
      request.log.error({ err: error }, 'idempotency record could not be completed');
    }
    return payload;
  });
}

export default fp(idempotencyPlugin, { name: 'idempotency', dependencies: ['auth'] });
