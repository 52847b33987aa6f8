import { z } from 'zod';
import { envelope, ok } from '../../http/envelope.js';
import { NoQuery } from '../../http/wire-types.js';
import type { RouteApp } from '../../http/route-types.js';
import { checkHealth } from './health.service.js';

const HealthDto = z.object({
  status: z.literal('ok'),
  database: z.literal('ok'),
  chain: z.enum(['devnet', 'blockfrost']),
});

export async function healthRoutes(app: RouteApp): Promise<void> {
  app.get('/health', {
    config: { permission: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Liveness and database reachability (503 when the database is down)',
      querystring: NoQuery,
      response: { 200: envelope(HealthDto) },
    },
  }, async () => ok(await checkHealth(app.deps)));
}
