import { randomBytes, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Db, runSql } from '../../src/db/prisma.js';
import { Prisma } from '../../src/generated/prisma/client.js';

interface BareIds {
  paymentSourceId: string;
  requestedById: string;
}

const time = (value: unknown): bigint => {
  const text = String(value);
  return /^\d+$/.test(text) ? BigInt(text) : BigInt(Date.parse(text));
};

/**
 * The yardsticks: Fastify with no plugins, doing exactly one comparable query on the node's own
 * database client — under /bare/orm through Prisma (how the stack reads and writes), under /bare/sql
 * as plain SQL on the same pool (how the node's hot statements run): one insert of an escrow row for
 * the POSTs, one select of a page of rows for the GET.
 */
export async function startBareApp(db: Db, ids: BareIds): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  const columns = (role: 'Seller' | 'Buyer', body: Record<string, unknown>) => ({
    id: randomUUID(),
    role,
    paymentSourceId: ids.paymentSourceId,
    requestedById: ids.requestedById,
    blockchainIdentifier: randomBytes(40).toString('hex'),
    agentIdentifier: String(body.agentIdentifier),
    identifierFromPurchaser: String(body.identifierFromPurchaser),
    sellerNonce: randomBytes(16).toString('hex'),
    inputHash: String(body.inputHash),
    payByTime: time(body.payByTime),
    submitResultTime: time(body.submitResultTime),
    unlockTime: time(body.unlockTime),
    externalDisputeUnlockTime: time(body.externalDisputeUnlockTime),
  });
  const ormInsert = async (role: 'Seller' | 'Buyer', body: Record<string, unknown>) => {
    const row = await db.escrowRequest.create({ data: columns(role, body), select: { id: true } });
    return { status: 'success', data: { id: row.id } };
  };
  const sqlInsert = async (role: 'Seller' | 'Buyer', body: Record<string, unknown>) => {
    const c = columns(role, body);
    const now = new Date();
    await runSql(
      db,
      Prisma.sql`INSERT INTO "EscrowRequest" ("id", "createdAt", "updatedAt", "role", "paymentSourceId", "requestedById", "blockchainIdentifier",
        "agentIdentifier", "identifierFromPurchaser", "sellerNonce", "inputHash", "payByTime", "submitResultTime", "unlockTime", "externalDisputeUnlockTime")
      VALUES (${c.id}, ${now}::timestamp(3), ${now}::timestamp(3), CAST(${role} AS "EscrowRole"), ${c.paymentSourceId}, ${c.requestedById}, ${c.blockchainIdentifier},
        ${c.agentIdentifier}, ${c.identifierFromPurchaser}, ${c.sellerNonce}, ${c.inputHash},
        ${c.payByTime}::bigint, ${c.submitResultTime}::bigint, ${c.unlockTime}::bigint, ${c.externalDisputeUnlockTime}::bigint)`,
    );
    return { status: 'success', data: { id: c.id } };
  };
  const limitOf = (query: unknown) => Number((query as { limit?: string }).limit ?? 10);
  const page = (rows: unknown[]) => JSON.stringify({ status: 'success', data: { Payments: rows } }, (_key, field: unknown) => (typeof field === 'bigint' ? field.toString() : field));
  app.post('/bare/orm/payment', async (request) => ormInsert('Seller', request.body as Record<string, unknown>));
  app.post('/bare/orm/purchase', async (request) => ormInsert('Buyer', request.body as Record<string, unknown>));
  app.post('/bare/sql/payment', async (request) => sqlInsert('Seller', request.body as Record<string, unknown>));
  app.post('/bare/sql/purchase', async (request) => sqlInsert('Buyer', request.body as Record<string, unknown>));
  app.get('/bare/orm/payment', async (request, reply) => {
    const rows = await db.escrowRequest.findMany({ where: { role: 'Seller' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limitOf(request.query) });
    return reply.type('application/json').send(page(rows));
  });
  app.get('/bare/sql/payment', async (request, reply) => {
    const rows = await runSql(db, Prisma.sql`SELECT * FROM "EscrowRequest" WHERE "role" = 'Seller' ORDER BY "createdAt" DESC, "id" DESC LIMIT ${limitOf(request.query)}`);
    return reply.type('application/json').send(page(rows));
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}
