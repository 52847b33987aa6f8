import { randomUUID } from 'node:crypto';
import type { DbTx } from '../../db/prisma.js';
import type { Role } from '../../domain/escrow-transitions.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Network } from '../../generated/prisma/enums.js';
import { escrowInclude, paymentDto, purchaseDto } from '../escrow/escrow.dto.js';
import type { WebhookEvent } from './webhook-events.js';

/** The body of every delivery; `id` identifies the event across retries and redeliveries. */
export function webhookBody(eventId: string, event: string, createdAt: Date, data: unknown): string {
  return JSON.stringify({ id: eventId, event, createdAt: createdAt.toISOString(), data });
}

/**
 * Enabled endpoints (alias `e`, joined with their key as `k`) that may hear about `network`: the
 * key is active and may see that network. The one definition of a subscriber, shared by
 * `enqueueEscrowEvents` and the single-statement insert of a new payment or purchase.
 */
export function subscribedEndpointsWhere(network: Network): Prisma.Sql {
  return Prisma.sql`e."enabled" AND e."deletedAt" IS NULL
    AND (cardinality(e."networks") = 0 OR CAST(${network} AS "Network") = ANY(e."networks"))
    AND k."status" = 'Active' AND k."deletedAt" IS NULL
    AND (k."permission" = 'Admin' OR cardinality(k."networkLimit") = 0 OR CAST(${network} AS "Network") = ANY(k."networkLimit"))`;
}

/**
 * The outbox: one delivery row per subscribed endpoint and event, written in the caller's
 * transaction, so a committed state change always has its deliveries and a rolled-back one none.
 * `data` is the payment or purchase as the API shows it, at this point of the transaction.
 */
export async function enqueueEscrowEvents(tx: DbTx, requestId: string, subject: { role: Role; network: Network }, events: readonly WebhookEvent[]): Promise<number> {
  const endpoints = await tx.$queryRaw<{ id: string; events: string[] }[]>`
    SELECT e."id", e."events" FROM "WebhookEndpoint" e JOIN "ApiKey" k ON k."id" = e."createdById"
    WHERE ${subscribedEndpointsWhere(subject.network)} AND e."events" && ${[...events]}::text[]`;
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
