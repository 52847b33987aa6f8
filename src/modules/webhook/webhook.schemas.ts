import { z } from 'zod';
import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.js';
import { PageQuery } from '../../http/pagination.js';
import { BooleanLike, Id, Network } from '../../http/wire-types.js';
import { WEBHOOK_EVENTS } from './webhook-events.js';

export const WebhookEventName = z.enum(WEBHOOK_EVENTS).meta({ id: 'WebhookEvent' });
const EventList = z.array(WebhookEventName).min(1).max(WEBHOOK_EVENTS.length);
const NetworkList = z.array(Network).max(2);
const Url = z.string().min(1).max(2048);
const Description = z.string().max(250);

export const CreateWebhookBody = z.strictObject({
  url: Url.describe('http(s) URL; loopback/private addresses are refused unless WEBHOOK_ALLOW_PRIVATE=true'),
  events: EventList,
  networks: NetworkList.optional().describe('empty or absent: every network the key may see'),
  description: Description.optional(),
});

export const UpdateWebhookBody = z.strictObject({
  id: Id,
  url: Url.optional(),
  events: EventList.optional(),
  networks: NetworkList.optional(),
  description: Description.nullable().optional(),
  enabled: BooleanLike.optional().describe('true re-enables an endpoint the node disabled (its pending deliveries resume)'),
  rotateSecret: BooleanLike.optional().describe('true: a new secret, shown once in this response'),
});

export const WebhookIdBody = z.strictObject({ id: Id });

export const ListWebhooksQuery = z.strictObject({ ...PageQuery });

export const DeliveryStatus = z.enum(['Pending', 'Succeeded', 'Failed']);

export const ListDeliveriesQuery = z.strictObject({ ...PageQuery, webhookId: Id.optional(), status: DeliveryStatus.optional() });

export const DeliveryParams = z.strictObject({ id: Id });

/** POST without a body, or with `{}`. */
export const EmptyBody = z.strictObject({}).nullish();

export const WebhookDto = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    networks: z.array(Network),
    enabled: z.boolean(),
    disabledAt: z.string().nullable(),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z.number(),
    lastSuccessAt: z.string().nullable(),
    lastFailureAt: z.string().nullable(),
    createdById: z.string(),
    secret: z.string().optional().describe('only in the response that creates the endpoint or rotates its secret'),
  })
  .meta({ id: 'Webhook' });

export const DeliveryDto = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    webhookId: z.string(),
    eventId: z.string(),
    event: z.string(),
    requestId: z.string().nullable(),
    network: Network.nullable(),
    status: DeliveryStatus,
    attempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    lastResponse: z.string().nullable().describe('the start of the last response body (at most 300 characters)'),
    deliveredAt: z.string().nullable(),
    redeliveryOfId: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toWebhookDto(row: WebhookEndpoint, secret?: string): z.infer<typeof WebhookDto> {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    url: row.url,
    description: row.description,
    events: row.events,
    networks: row.networks,
    enabled: row.enabled,
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures,
    lastSuccessAt: iso(row.lastSuccessAt),
    lastFailureAt: iso(row.lastFailureAt),
    createdById: row.createdById,
    ...(secret ? { secret } : {}),
  };
}

export function toDeliveryDto(row: WebhookDelivery): z.infer<typeof DeliveryDto> {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    webhookId: row.endpointId,
    eventId: row.eventId,
    event: row.event,
    requestId: row.requestId,
    network: row.network,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'Pending' ? row.nextAttemptAt.toISOString() : null,
    lastAttemptAt: iso(row.lastAttemptAt),
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastResponse: row.lastResponse,
    deliveredAt: iso(row.deliveredAt),
    redeliveryOfId: row.redeliveryOfId,
  };
}
