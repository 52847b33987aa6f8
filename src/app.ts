import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.js';
import { registerErrorHandlers } from './http/error-handler.js';
import { rejectNulCharacters } from './http/nul-characters.js';
import type { RouteApp } from './http/route-types.js';
import { apiKeyRoutes } from './modules/api-key/api-key.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { paymentSourceRoutes } from './modules/payment-source/payment-source.routes.js';
import { paymentRoutes } from './modules/payment/payment.routes.js';
import { purchaseRoutes } from './modules/purchase/purchase.routes.js';
import { registryRoutes } from './modules/registry/registry.routes.js';
import { walletRoutes } from './modules/wallet/wallet.routes.js';
import { webhookRoutes } from './modules/webhook/webhook.routes.js';
import { adminDashboardPlugin } from './admin/admin.plugin.js';
import authPlugin from './plugins/auth.js';
import idempotencyPlugin from './plugins/idempotency.js';
import metricsPlugin from './plugins/metrics.js';
import swaggerPlugin from './plugins/swagger.js';

export const API_PREFIX = '/api/v1';
const VERSION = '0.1.0';

const routeModules: ((app: RouteApp) => Promise<void>)[] = [healthRoutes, apiKeyRoutes, walletRoutes, paymentSourceRoutes, registryRoutes, paymentRoutes, purchaseRoutes, webhookRoutes];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  registerErrorHandlers(app);
  rejectNulCharacters(app);

  await app.register(authPlugin, { db: deps.db });
  await app.register(metricsPlugin);
  await app.register(idempotencyPlugin);
  await app.register(swaggerPlugin, { version: VERSION });
  await app.register(adminDashboardPlugin);
  await app.register(
    async (api) => {
      for (const routes of routeModules) await routes(api.withTypeProvider<ZodTypeProvider>());
    },
    { prefix: API_PREFIX },
  );
  return app;
}
