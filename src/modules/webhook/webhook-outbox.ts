import { randomUUID } from 'node:crypto';
import type { DbTx } from '../../db/prisma.js';
import type { Role } from '../../domain/escrow-transitions.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Network } from '../../generated/prisma/enums.js';
import { escrowInclude, paymentDto, purchaseDto } from '../escrow/escrow.dto.js';
import type { WebhookEvent } from './webhook-events.js';

/** The body of every delivery; `id` identifies the event across retries and redeliveries. */
export function webhookBody(eventId: string, event: string, createdAt: Date, data: unknown): string {
  return JSON.stringify({ id: eventId, event, createdAt: createdAt.toISOString(), data });
}

/** Enabled endpoints subscribed to any of `events` on `network`, whose key is active and may see that network. */
function subscribers(network: Network, events: readonly string[]): Prisma.WebhookEndpointWhereInput {
  return {
    enabled: true,
    deletedAt: null,
    events: { hasSome: [...events] },
    OR: [{ networks: { isEmpty: true } }, { networks: { has: network } }],
    createdBy: {
      status: 'Active',
      deletedAt: null,
      OR: [{ permission: 'Admin' }, { networkLimit: { isEmpty: true } }, { networkLimit: { has: network } }],
    },
  };
}

/**
 * The outbox: one delivery row per subscribed endpoint and event, written in the caller's
 * transaction, so a committed state change always has its deliveries and a rolled-back one none.
 * `data` is the payment or purchase as the API shows it, at this point of the transaction.
 */
export async function enqueueEscrowEvents(tx: DbTx, requestId: string, subject: { role: Role; network: Network }, events: readonly WebhookEvent[]): Promise<number> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: subscribers(subject.network, events), select: { id: true, events: true } });
  if (endpoints.length === 0) return 0;
  const row = await tx.escrowRequest.findUniqueOrThrow({ where: { id: requestId }, include: escrowInclude(false) });
  const data = subject.role === 'Seller' ? paymentDto(row) : purchaseDto(row);
  const createdAt = new Date();
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const event of events) {
    const eventId = randomUUID();
    const payload = webhookBody(eventId, event, createdAt, data);
    for (const endpoint of endpoints) {
      if (endpoint.events.includes(event)) rows.push({ endpointId: endpoint.id, eventId, event, requestId, network: subject.network, payload, nextAttemptAt: createdAt });
    }
  }
  await tx.webhookDelivery.createMany({ data: rows });
  return rows.length;
}
