import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NoQuery } from '../http/wire-types.js';

/**
 * Prometheus metrics: every response is counted and timed under its route pattern (never the raw
 * URL, so ids do not explode the series), and GET /metrics renders them with the gauges read at
 * scrape time. It needs a Read key unless METRICS_PUBLIC=true.
 */
async function metricsPlugin(app: FastifyInstance): Promise<void> {
  const { metrics, config } = app.deps;

  app.addHook('onResponse', async (request, reply) => {
    metrics.observeHttp(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  app.withTypeProvider<ZodTypeProvider>().get('/metrics', {
    config: { permission: config.metricsPublic ? 'public' : 'Read' },
    schema: { tags: ['health'], summary: 'Prometheus metrics (text format): requests, job runs, chain sync lag, wallet balances, pending transactions', querystring: NoQuery },
  }, async (_request, reply) => {
    const text = await metrics.scrape(app.deps);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(text);
  });
}

export default fp(metricsPlugin, { name: 'metrics', dependencies: ['auth'] });
