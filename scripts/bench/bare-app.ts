import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/prisma.js';

interface BareIds {
  paymentSourceId: string;
  requestedById: string;
}

const time = (value: unknown): bigint => {
  const text = String(value);
  return /^\d+$/.test(text) ? BigInt(text) : BigInt(Date.parse(text));
};

const json = (value: unknown): string => JSON.stringify(value, (_key, field: unknown) => (typeof field === 'bigint' ? field.toString() : field));

/**
 * The yardstick: Fastify with no plugins, doing exactly one comparable query through the node's
 * own Prisma client — one insert of an escrow row for the POSTs, one select of a page of rows for the GET.
 */
export async function startBareApp(db: Db, ids: BareIds): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  const insert = async (role: 'Seller' | 'Buyer', body: Record<string, unknown>) => {
    const row = await db.escrowRequest.create({
      data: {
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
      },
    });
    return { status: 'success', data: { id: row.id } };
  };
  app.post('/bare/payment', async (request) => insert('Seller', request.body as Record<string, unknown>));
  app.post('/bare/purchase', async (request) => insert('Buyer', request.body as Record<string, unknown>));
  app.get('/bare/payment', async (request, reply) => {
    const limit = Number((request.query as { limit?: string }).limit ?? 10);
    const rows = await db.escrowRequest.findMany({ where: { role: 'Seller' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
    return reply.type('application/json').send(json({ status: 'success', data: { Payments: rows } }));
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}
