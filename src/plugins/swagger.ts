import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Liveness, database and chain sync',
  'api-key': 'API keys: permissions, network limits, usage credits',
  wallet: 'Hot wallets of the payment sources',
  'payment-source': 'Escrow contracts this node uses, with their wallets',
  payment: 'Seller side: payment requests for jobs',
  purchase: 'Buyer side: locking funds for jobs',
  registry: 'Agents registered on chain as NFTs',
  webhooks: 'Signed push notifications of state changes',
};

/** Every POST accepts an Idempotency-Key header (src/plugins/idempotency.ts); the documentation says so. */
function withIdempotencyHeader(schema: FastifySchema): FastifySchema {
  const headers = (schema.headers ?? { type: 'object', properties: {} }) as { type: string; properties?: Record<string, unknown> };
  return {
    ...schema,
    headers: {
      ...headers,
      properties: {
        ...headers.properties,
        'idempotency-key': { type: 'string', minLength: 1, maxLength: 255, description: 'Retry safely: the same key and body within 24 h returns the first response; another body → 409' },
      },
    },
  };
}

/** OpenAPI from the zod schemas, with each route's permission as its security requirement. */
async function swaggerPlugin(app: FastifyInstance, options: { version: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Agent payment node',
        description: 'Masumi-compatible payment node for AI-agent services on Cardano. Send your API key in the `token` header.',
        version: options.version,
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'token' } } },
      tags: Object.entries(TAG_DESCRIPTIONS).map(([name, description]) => ({ name, description })),
    },
    transform: (input) => {
      const { schema, url } = jsonSchemaTransform(input);
      const permission = input.route.config?.permission;
      const withIdempotency = [input.route.method].flat().includes('POST') && permission !== 'public' ? withIdempotencyHeader(schema) : schema;
      if (!permission || permission === 'public') return { schema: withIdempotency, url };
      const described = withIdempotency as FastifySchema & { description?: string; security?: unknown };
      return {
        url,
        schema: {
          ...described,
          security: [{ token: [] }],
          description: [described.description, `Requires the **${permission}** permission.`].filter(Boolean).join('\n\n'),
        },
      };
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/api-docs', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
}

export default fp(swaggerPlugin, { name: 'swagger' });
