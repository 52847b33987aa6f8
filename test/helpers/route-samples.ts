/**
 * One request per API route that passes validation, used by the permission matrix. Routes that
 * take a `network` use Preprod, so a key limited to Mainnet must be refused. A route without a
 * sample fails the matrix test: add one here when you add a route.
 */
export interface RouteSample {
  query?: Record<string, string>;
  body?: unknown;
  /** The request carries a network the key's limit applies to. */
  networkBound?: boolean;
}

export const ROUTE_SAMPLES: Record<string, RouteSample> = {
  'GET /api/v1/health': {},
  'GET /api/v1/api-key-status': {},
  'GET /api/v1/api-key': { query: { limit: '5' } },
  'POST /api/v1/api-key': { body: { permission: 'Read', networkLimit: ['Preprod'] } },
  'PATCH /api/v1/api-key': { body: { id: 'does-not-exist', status: 'Active' } },
  'DELETE /api/v1/api-key': { body: { id: 'does-not-exist' } },
};
