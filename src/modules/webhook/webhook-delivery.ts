import type { AppDeps } from '../../deps.js';
import type { WebhookDelivery } from '../../generated/prisma/client.js';
import { TEST_EVENT } from './webhook-events.js';
import { postWebhook, type SendResult, type WebhookSender } from './webhook-sender.js';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Retry schedule and endpoint health rules (README "Webhooks" documents the same numbers). */
export const DELIVERY_POLICY = {
  /** 1 attempt + 14 retries: 30 s, 1 min, 2 min … doubling, capped at 6 h; the last one ≈ 32.5 h after the first. */
  maxAttempts: 15,
  firstRetryMs: 30_000,
  maxRetryMs: 6 * HOUR,
  timeoutMs: 10_000,
  /** An endpoint is disabled after this many failed attempts in a row… */
  disableAfterFailures: 20,
  /** …when the first of them is at least this old (a short outage with many events does not disable it). */
  disableAfterFailingForMs: HOUR,
} as const;

/** Delay before the next attempt after `attempts` failed ones. */
export function retryDelayMs(attempts: number): number {
  return Math.min(DELIVERY_POLICY.firstRetryMs * 2 ** Math.max(0, attempts - 1), DELIVERY_POLICY.maxRetryMs);
}

export type DeliveryDeps = Pick<AppDeps, 'db' | 'secretBox' | 'config' | 'logger' | 'metrics'>;

function shorten(text: string | null, max: number): string | null {
  return text === null ? null : text.slice(0, max);
}

async function recordOutcome(deps: DeliveryDeps, delivery: WebhookDelivery, result: SendResult, now: Date): Promise<WebhookDelivery> {
  const attempts = delivery.attempts + 1;
  const isTest = delivery.event === TEST_EVENT;
  const exhausted = isTest || attempts >= DELIVERY_POLICY.maxAttempts;
  return deps.db.$transaction(async (tx) => {
    const updated = await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts,
        lastAttemptAt: now,
        lastStatusCode: result.statusCode,
        lastError: shorten(result.error, 500),
        lastResponse: result.response,
        ...(result.ok
          ? { status: 'Succeeded', deliveredAt: now }
          : exhausted
            ? { status: 'Failed' }
            : { status: 'Pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
      },
    });
    // A test ping says nothing about the endpoint's health.
    if (isTest) return updated;
    if (result.ok) {
      await tx.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { consecutiveFailures: 0, failingSince: null, lastSuccessAt: now } });
      return updated;
    }
    await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, failingSince: null }, data: { failingSince: now } });
    const endpoint = await tx.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { consecutiveFailures: { increment: 1 }, lastFailureAt: now } });
    const failingForMs = now.getTime() - (endpoint.failingSince ?? now).getTime();
    if (endpoint.enabled && endpoint.consecutiveFailures >= DELIVERY_POLICY.disableAfterFailures && failingForMs >= DELIVERY_POLICY.disableAfterFailingForMs) {
      const reason = `disabled after ${endpoint.consecutiveFailures} failed deliveries in a row since ${(endpoint.failingSince ?? now).toISOString()}; last error: ${result.error ?? 'unknown'}`.slice(0, 500);
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false, disabledAt: now, disabledReason: reason } });
      deps.logger.warn({ webhookId: endpoint.id, consecutiveFailures: endpoint.consecutiveFailures }, 'webhook endpoint disabled');
    }
    return updated;
  });
}

/**
 * Sends one delivery now and records the outcome: success, a retry at the next step of the
 * schedule, or failure once the attempts are used up. The body is the stored one; the timestamp
 * and signature are fresh for each attempt.
 */
export async function attemptDelivery(deps: DeliveryDeps, deliveryId: string, now: Date, send: WebhookSender = postWebhook): Promise<WebhookDelivery> {
  const delivery = await deps.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { endpoint: true } });
  const timestamp = now.getTime().toString();
  let result: SendResult;
  try {
    const secret = deps.secretBox.decrypt(delivery.endpoint.encryptedSecret);
    const headers = {
      [WEBHOOK_HEADERS.id]: delivery.id,
      [WEBHOOK_HEADERS.event]: delivery.event,
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, delivery.payload),
    };
    result = await send(delivery.endpoint.url, delivery.payload, headers, { allowPrivate: deps.config.webhookAllowPrivate, timeoutMs: DELIVERY_POLICY.timeoutMs });
  } catch (error) {
    result = { ok: false, statusCode: null, error: error instanceof Error ? error.message : String(error), response: null };
  }
  deps.metrics.recordWebhookAttempt(result.ok);
  deps.logger.debug({ deliveryId, webhookId: delivery.endpointId, event: delivery.event, ok: result.ok, statusCode: result.statusCode }, 'webhook attempt');
  const { endpoint: _endpoint, ...plain } = delivery;
  return recordOutcome(deps, plain, result, now);
}
