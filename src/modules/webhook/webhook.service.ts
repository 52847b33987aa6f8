import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Prisma, WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.js';
import type { Network } from '../../generated/prisma/enums.js';
import { pageArgs, type PageInput } from '../../http/pagination.js';
import { allowedNetworks, type AuthenticatedKey } from '../../plugins/auth.js';
import { attemptDelivery } from './webhook-delivery.js';
import { TEST_EVENT, type WebhookEvent } from './webhook-events.js';
import { webhookBody } from './webhook-outbox.js';
import { generateWebhookSecret } from './webhook-signature.js';
import { checkWebhookUrl, type Resolver, WebhookUrlError } from './webhook-url.js';

type Deps = Pick<AppDeps, 'db' | 'secretBox' | 'config' | 'logger' | 'clock' | 'metrics'>;

const MAX_ENDPOINTS_PER_KEY = 20;

const ownership = (caller: AuthenticatedKey): Prisma.WebhookEndpointWhereInput => (caller.permission === 'Admin' ? {} : { createdById: caller.id });

const nowOf = (deps: Pick<AppDeps, 'clock'>) => new Date(Number(deps.clock.now()));

/** Another key's endpoint is "not found" to a non-admin, so ids of others' endpoints reveal nothing. */
async function findOwned(deps: Pick<AppDeps, 'db'>, caller: AuthenticatedKey, id: string): Promise<WebhookEndpoint> {
  const row = await deps.db.webhookEndpoint.findFirst({ where: { id, deletedAt: null, ...ownership(caller) } });
  if (!row) throw new AppError('WEBHOOK_NOT_FOUND', `id: no webhook ${id}`);
  return row;
}

function assertNetworks(caller: AuthenticatedKey, networks: readonly Network[]): void {
  const allowed = allowedNetworks(caller);
  const refused = allowed ? networks.filter((network) => !allowed.includes(network)) : [];
  if (refused.length > 0) throw new AppError('NETWORK_NOT_ALLOWED', `networks: this key may not use ${refused.join(', ')}`);
}

async function checkedUrl(deps: Pick<AppDeps, 'config'>, raw: string, resolve?: Resolver): Promise<string> {
  try {
    return (await checkWebhookUrl(raw, { allowPrivate: deps.config.webhookAllowPrivate, ...(resolve ? { resolve } : {}) })).href;
  } catch (error) {
    if (error instanceof WebhookUrlError) throw new AppError('WEBHOOK_URL_NOT_ALLOWED', `url: ${error.message}`);
    throw error;
  }
}

export interface CreateWebhookInput {
  url: string;
  events: WebhookEvent[];
  networks?: Network[] | undefined;
  description?: string | undefined;
}

export async function createWebhook(deps: Deps, caller: AuthenticatedKey, input: CreateWebhookInput, resolve?: Resolver): Promise<{ row: WebhookEndpoint; secret: string }> {
  const networks = [...new Set(input.networks ?? [])];
  assertNetworks(caller, networks);
  const url = await checkedUrl(deps, input.url, resolve);
  const count = await deps.db.webhookEndpoint.count({ where: { createdById: caller.id, deletedAt: null } });
  if (count >= MAX_ENDPOINTS_PER_KEY) throw new AppError('CONFLICT', `a key may have at most ${MAX_ENDPOINTS_PER_KEY} webhooks; delete one first`);
  const secret = generateWebhookSecret();
  const row = await deps.db.webhookEndpoint.create({
    data: {
      createdById: caller.id,
      url,
      description: input.description ?? null,
      encryptedSecret: deps.secretBox.encrypt(secret),
      events: [...new Set(input.events)],
      networks,
    },
  });
  return { row, secret };
}

export interface UpdateWebhookInput {
  id: string;
  url?: string | undefined;
  events?: WebhookEvent[] | undefined;
  networks?: Network[] | undefined;
  description?: string | null | undefined;
  enabled?: boolean | undefined;
  rotateSecret?: boolean | undefined;
}

function enabledChange(current: WebhookEndpoint, enabled: boolean | undefined, caller: AuthenticatedKey, now: Date): Prisma.WebhookEndpointUpdateInput {
  if (enabled === undefined || enabled === current.enabled) return {};
  if (enabled) return { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0, failingSince: null };
  return { enabled: false, disabledAt: now, disabledReason: `disabled through the API by key ${caller.id}` };
}

export async function updateWebhook(deps: Deps, caller: AuthenticatedKey, input: UpdateWebhookInput): Promise<{ row: WebhookEndpoint; secret?: string }> {
  const current = await findOwned(deps, caller, input.id);
  const networks = input.networks && [...new Set(input.networks)];
  if (networks) assertNetworks(caller, networks);
  const url = input.url === undefined ? undefined : await checkedUrl(deps, input.url);
  const secret = input.rotateSecret ? generateWebhookSecret() : undefined;
  const row = await deps.db.webhookEndpoint.update({
    where: { id: current.id },
    data: {
      url,
      networks,
      events: input.events && [...new Set(input.events)],
      description: input.description,
      ...(secret ? { encryptedSecret: deps.secretBox.encrypt(secret) } : {}),
      ...enabledChange(current, input.enabled, caller, nowOf(deps)),
    },
  });
  return secret ? { row, secret } : { row };
}

/** Soft delete; deliveries still waiting are given up (the log keeps them). */
export async function deleteWebhook(deps: Deps, caller: AuthenticatedKey, id: string): Promise<WebhookEndpoint> {
  const current = await findOwned(deps, caller, id);
  return deps.db.$transaction(async (tx) => {
    await tx.webhookDelivery.updateMany({ where: { endpointId: current.id, status: 'Pending' }, data: { status: 'Failed', lastError: 'the webhook was deleted' } });
    return tx.webhookEndpoint.update({ where: { id: current.id }, data: { deletedAt: nowOf(deps), enabled: false } });
  });
}

export async function listWebhooks(deps: Pick<AppDeps, 'db'>, caller: AuthenticatedKey, page: PageInput): Promise<WebhookEndpoint[]> {
  return deps.db.webhookEndpoint.findMany({ where: { deletedAt: null, ...ownership(caller) }, ...pageArgs(page) });
}

export interface ListDeliveriesInput extends PageInput {
  webhookId?: string | undefined;
  status?: 'Pending' | 'Succeeded' | 'Failed' | undefined;
}

/** The delivery log, newest first, of one endpoint or of all the caller's endpoints (deleted ones included). */
export async function listDeliveries(deps: Pick<AppDeps, 'db'>, caller: AuthenticatedKey, input: ListDeliveriesInput): Promise<WebhookDelivery[]> {
  if (input.webhookId) await findOwned(deps, caller, input.webhookId);
  return deps.db.webhookDelivery.findMany({
    where: {
      ...(input.webhookId ? { endpointId: input.webhookId } : {}),
      ...(input.status ? { status: input.status } : {}),
      endpoint: ownership(caller),
    },
    ...pageArgs(input),
  });
}

/** Queues the same body again (same event id, so receivers can tell it is not a new event) as a new delivery. */
export async function redeliver(deps: Deps, caller: AuthenticatedKey, deliveryId: string): Promise<WebhookDelivery> {
  const original = await deps.db.webhookDelivery.findFirst({ where: { id: deliveryId, endpoint: { deletedAt: null, ...ownership(caller) } } });
  if (!original) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND', `id: no webhook delivery ${deliveryId}`);
  return deps.db.webhookDelivery.create({
    data: {
      endpointId: original.endpointId,
      eventId: original.eventId,
      event: original.event,
      requestId: original.requestId,
      network: original.network,
      payload: original.payload,
      nextAttemptAt: nowOf(deps),
      redeliveryOfId: original.id,
    },
  });
}

/** Sends a WEBHOOK_TEST event right away (also to a disabled endpoint) and returns the attempt; it is not retried. */
export async function sendTestDelivery(deps: Deps, caller: AuthenticatedKey, id: string): Promise<WebhookDelivery> {
  const endpoint = await findOwned(deps, caller, id);
  const now = nowOf(deps);
  const eventId = randomUUID();
  const delivery = await deps.db.webhookDelivery.create({
    data: {
      endpointId: endpoint.id,
      eventId,
      event: TEST_EVENT,
      payload: webhookBody(eventId, TEST_EVENT, now, { webhookId: endpoint.id, message: 'a test delivery from the payment node' }),
      // Claimed by this request as the job claims rows; should the process die mid-send, the job sends it once later.
      nextAttemptAt: new Date(now.getTime() + 2 * 60_000),
    },
  });
  return attemptDelivery(deps, delivery.id, now);
}
