import { ok, envelope } from '../../http/envelope.js';
import { NoQuery } from '../../http/wire-types.js';
import type { RouteApp } from '../../http/route-types.js';
import { requireKey } from '../../plugins/auth.js';
import { ApiKeyDto, CreateApiKeyBody, DeleteApiKeyBody, ListApiKeysQuery, toApiKeyDto, UpdateApiKeyBody } from './api-key.schemas.js';
import { createApiKey, deleteApiKey, getApiKey, listApiKeys, updateApiKey } from './api-key.service.js';
import { z } from 'zod';

const tags = ['api-key'];

export async function apiKeyRoutes(app: RouteApp): Promise<void> {
  const { db } = app.deps;

  app.get('/api-key-status', {
    config: { permission: 'Read' },
    schema: { tags, summary: "The calling key's permission, network limit and remaining credits (token masked)", querystring: NoQuery, response: { 200: envelope(ApiKeyDto) } },
  }, async (request) => ok(toApiKeyDto(await getApiKey(db, requireKey(request).id))));

  app.get('/api-key', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'List API keys, newest first (tokens masked; cursor exclusive)', querystring: ListApiKeysQuery, response: { 200: envelope(z.object({ ApiKeys: z.array(ApiKeyDto) })) } },
  }, async (request) => ok({ ApiKeys: (await listApiKeys(db, request.query)).map((row) => toApiKeyDto(row)) }));

  app.post('/api-key', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Create an API key; the response is the only time the token is shown', body: CreateApiKeyBody, response: { 200: envelope(ApiKeyDto) } },
  }, async (request) => {
    const body = request.body;
    const { row, token } = await createApiKey(db, requireKey(request), {
      permission: body.permission,
      usageLimited: body.usageLimited,
      credits: body.UsageCredits,
      networkLimit: body.NetworkLimit ?? body.networkLimit,
    });
    return ok(toApiKeyDto(row, token));
  });

  app.patch('/api-key', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Change status, networks, permission or credits of a key (credits never below 0)', body: UpdateApiKeyBody, response: { 200: envelope(ApiKeyDto) } },
  }, async (request) => {
    const body = request.body;
    const row = await updateApiKey(db, requireKey(request), {
      id: body.id,
      token: body.token,
      permission: body.permission,
      status: body.status,
      usageLimited: body.usageLimited,
      networkLimit: body.NetworkLimit ?? body.networkLimit,
      creditChanges: body.UsageCreditsToAddOrRemove,
    });
    return ok(toApiKeyDto(row));
  });

  app.delete('/api-key', {
    config: { permission: 'Admin' },
    schema: { tags, summary: 'Revoke a key (soft delete)', body: DeleteApiKeyBody, response: { 200: envelope(ApiKeyDto) } },
  }, async (request) => ok(toApiKeyDto(await deleteApiKey(db, requireKey(request), request.body.id))));
}
