import { z } from 'zod';
import { envelope, ok } from '../../http/envelope.js';
import type { RouteApp } from '../../http/route-types.js';
import { allowedNetworks, requireKey } from '../../plugins/auth.js';
import { toExtendedPaymentSourceDto, toPaymentSourceDto, toRpcKeyDto } from './payment-source.dto.js';
import {
  CreatePaymentSourceBody,
  DeletePaymentSourceBody,
  ExtendedPaymentSourceDto,
  ListPaymentSourcesQuery,
  ListRpcKeysQuery,
  PaymentSourceDto,
  RpcKeyDto,
  UpdatePaymentSourceBody,
} from './payment-source.schemas.js';
import { createPaymentSource, deletePaymentSource, listPaymentSources, updatePaymentSource } from './payment-source.service.js';

const tags = ['payment-source'];
const ExtendedList = z.object({ ExtendedPaymentSources: z.array(ExtendedPaymentSourceDto), PaymentSources: z.array(ExtendedPaymentSourceDto) });

export async function paymentSourceRoutes(app: RouteApp): Promise<void> {
  const deps = app.deps;
  const extended = (source: Parameters<typeof toExtendedPaymentSourceDto>[1]) => toExtendedPaymentSourceDto(deps.secretBox, source);

  app.get('/payment-source', {
    config: { permission: 'Read' },
    schema: { tags, summary: "Payment sources on the key's networks: contract, policy, admins, fee, wallets (no secrets)", querystring: ListPaymentSourcesQuery, response: { 200: envelope(z.object({ PaymentSources: z.array(PaymentSourceDto) })) } },
  }, async (request) => {
    const sources = await listPaymentSources(deps.db, allowedNetworks(requireKey(request)), request.query);
    return ok({ PaymentSources: sources.map(toPaymentSourceDto) });
  });

  app.get('/payment-source-extended', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Payment sources with provider config (masked) and sync cursor; listed as ExtendedPaymentSources (and PaymentSources)', querystring: ListPaymentSourcesQuery, response: { 200: envelope(ExtendedList) } },
  }, async (request) => {
    const rows = (await listPaymentSources(deps.db, undefined, request.query)).map(extended);
    return ok({ ExtendedPaymentSources: rows, PaymentSources: rows });
  });

  app.post('/payment-source-extended', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Add a payment source; its contract address and registry policy are derived from admins, fee receiver, fee and cooldown', body: CreatePaymentSourceBody, response: { 200: envelope(ExtendedPaymentSourceDto) } },
  }, async (request) => ok(extended(await createPaymentSource(deps, request.body))));

  app.patch('/payment-source-extended', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Add/remove hot wallets, change the provider config, reset the sync cursor', body: UpdatePaymentSourceBody, response: { 200: envelope(ExtendedPaymentSourceDto) } },
  }, async (request) => ok(extended(await updatePaymentSource(deps, request.body))));

  app.delete('/payment-source-extended', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Soft-delete a payment source (refused while it has open escrows)', body: DeletePaymentSourceBody, response: { 200: envelope(ExtendedPaymentSourceDto) } },
  }, async (request) => ok(extended(await deletePaymentSource(deps.db, request.body.id))));

  app.get('/rpc-api-keys', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Provider keys per payment source, masked', querystring: ListRpcKeysQuery, response: { 200: envelope(z.object({ RpcProviderKeys: z.array(RpcKeyDto) })) } },
  }, async (request) => {
    const sources = await listPaymentSources(deps.db, undefined, { ...request.query, limit: request.query.limit ?? request.query.take ?? 100 });
    return ok({ RpcProviderKeys: sources.map((source) => toRpcKeyDto(deps.secretBox, source)) });
  });
}
