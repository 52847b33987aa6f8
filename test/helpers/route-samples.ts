/**
 * One request per API route that passes validation, used by the permission matrix. Routes that
 * take a `network` use Preprod, so a key limited to Mainnet must be refused. A route without a
 * sample fails the matrix test: add one here when you add a route.
 */
export const SAMPLE_TESTNET_ADDRESS = 'addr_test1qppdzauqyqh47v4algvm0rn2eplyfl0s65av3j0q8dxkzjt5wlxp6072sj900hl9m0s7trg5a7w4lhq99h42e098cdds928m7y';

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
  'GET /api/v1/wallet': { query: { walletType: 'Selling', id: 'does-not-exist' } },
  'POST /api/v1/wallet': { body: { network: 'Preprod' }, networkBound: true },
  'PATCH /api/v1/wallet': { body: { id: 'does-not-exist', newCollectionAddress: null } },
  'GET /api/v1/utxos': { query: { address: SAMPLE_TESTNET_ADDRESS, network: 'Preprod' }, networkBound: true },
  'GET /api/v1/payment-source': { query: { take: '5' } },
  'GET /api/v1/payment-source-extended': { query: { take: '5' } },
  'POST /api/v1/payment-source-extended': { body: { network: 'Mainnet', feeRatePermille: 50, AdminWallets: [], FeeReceiverNetworkWallet: { walletAddress: SAMPLE_TESTNET_ADDRESS }, PurchasingWallets: [], SellingWallets: [] } },
  'PATCH /api/v1/payment-source-extended': { body: { id: 'does-not-exist', resetSyncCursor: true } },
  'DELETE /api/v1/payment-source-extended': { body: { id: 'does-not-exist' } },
  'GET /api/v1/rpc-api-keys': { query: { limit: '5' } },
};
