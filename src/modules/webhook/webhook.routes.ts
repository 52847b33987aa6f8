import { z } from 'zod';
import { envelope, ok } from '../../http/envelope.js';
import type { RouteApp } from '../../http/route-types.js';
import { requireKey } from '../../plugins/auth.js';
import {
  CreateWebhookBody,
  DeliveryDto,
  DeliveryParams,
  EmptyBody,
  ListDeliveriesQuery,
  ListWebhooksQuery,
  toDeliveryDto,
  toWebhookDto,
  UpdateWebhookBody,
  WebhookDto,
  WebhookIdBody,
} from './webhook.schemas.js';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, redeliver, sendTestDelivery, updateWebhook } from './webhook.service.js';

const tags = ['webhooks'];
const config = { permission: 'ReadAndPay' } as const;

export async function webhookRoutes(app: RouteApp): Promise<void> {
  const deps = app.deps;

  app.get('/webhooks', {
    config,
    schema: { tags, summary: "The calling key's webhooks (an admin's: all), newest first", querystring: ListWebhooksQuery, response: { 200: envelope(z.object({ Webhooks: z.array(WebhookDto) })) } },
  }, async (request) => ok({ Webhooks: (await listWebhooks(deps, requireKey(request), request.query)).map((row) => toWebhookDto(row)) }));

  app.post('/webhooks', {
    config,
    schema: { tags, summary: 'Subscribe a URL to payment/purchase events; the signing secret is in this response only', body: CreateWebhookBody, response: { 200: envelope(WebhookDto) } },
  }, async (request) => {
    const { row, secret } = await createWebhook(deps, requireKey(request), request.body);
    return ok(toWebhookDto(row, secret));
  });

  app.patch('/webhooks', {
    config,
    schema: { tags, summary: 'Change URL, events, networks or description; re-enable or disable; rotate the secret', body: UpdateWebhookBody, response: { 200: envelope(WebhookDto) } },
  }, async (request) => {
    const { row, secret } = await updateWebhook(deps, requireKey(request), request.body);
    return ok(toWebhookDto(row, secret));
  });

  app.delete('/webhooks', {
    config,
    schema: { tags, summary: 'Delete a webhook (its pending deliveries are given up)', body: WebhookIdBody, response: { 200: envelope(WebhookDto) } },
  }, async (request) => ok(toWebhookDto(await deleteWebhook(deps, requireKey(request), request.body.id))));

  app.post('/webhooks/test', {
    config,
    schema: { tags, summary: 'Send a signed WEBHOOK_TEST event now and return the attempt (not retried)', body: WebhookIdBody, response: { 200: envelope(DeliveryDto) } },
  }, async (request) => ok(toDeliveryDto(await sendTestDelivery(deps, requireKey(request), request.body.id))));

  app.get('/webhooks/deliveries', {
    config,
    schema: { tags, summary: 'Delivery log, newest first (cursor exclusive): status, attempts, last status code and error', querystring: ListDeliveriesQuery, response: { 200: envelope(z.object({ Deliveries: z.array(DeliveryDto) })) } },
  }, async (request) => ok({ Deliveries: (await listDeliveries(deps, requireKey(request), request.query)).map(toDeliveryDto) }));

  app.post('/webhooks/deliveries/:id/redeliver', {
    config,
    schema: { tags, summary: 'Queue a delivery again (same body and event id, new delivery id)', params: DeliveryParams, body: EmptyBody, response: { 200: envelope(DeliveryDto) } },
  }, async (request) => ok(toDeliveryDto(await redeliver(deps, requireKey(request), request.params.id))));
}
