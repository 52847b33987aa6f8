/**
 * One request per API route that passes validation, used by the permission matrix. Routes that
 * take a `network` use Preprod, so a key limited to Mainnet must be refused. A route without a
 * sample fails the matrix test: add one here when you add a route.
 */
export const SAMPLE_TESTNET_ADDRESS = 'addr_test1qppdzauqyqh47v4algvm0rn2eplyfl0s65av3j0q8dxkzjt5wlxp6072sj900hl9m0s7trg5a7w4lhq99h42e098cdds928m7y';

export const SAMPLE_AGENT = 'cd'.repeat(28) + 'ef'.repeat(32);

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
  'GET /api/v1/registry': { query: { network: 'Preprod', limit: '5' }, networkBound: true },
  'POST /api/v1/registry': {
    body: {
      network: 'Preprod', sellingWalletVkey: 'ab'.repeat(28), name: 'n', description: 'd', apiBaseUrl: 'https://a.example.com',
      Capability: { name: 'c', version: '1' }, Author: { name: 'a' }, Tags: ['t'], AgentPricing: { pricingType: 'Free' },
    },
    networkBound: true,
  },
  'POST /api/v1/registry/deregister': { body: { agentIdentifier: SAMPLE_AGENT, network: 'Preprod' }, networkBound: true },
  'DELETE /api/v1/registry': { body: { id: 'does-not-exist' } },
  'GET /api/v1/registry/wallet': { query: { network: 'Preprod', walletVkey: 'ab'.repeat(28) }, networkBound: true },
  'GET /api/v1/payment-information': { query: { network: 'Preprod', agentIdentifier: SAMPLE_AGENT }, networkBound: true },
  'GET /api/v1/payment': { query: { network: 'Preprod', limit: '5' }, networkBound: true },
  'POST /api/v1/payment': {
    body: { network: 'Preprod', agentIdentifier: SAMPLE_AGENT, inputHash: 'ab'.repeat(32), identifierFromPurchaser: 'aabbccddeeff0011', payByTime: '2030-01-01T00:00:00Z', submitResultTime: '2030-01-01T01:00:00Z' },
    networkBound: true,
  },
  'POST /api/v1/payment/submit-result': { body: { network: 'Preprod', blockchainIdentifier: 'unknown', submitResultHash: 'ab'.repeat(32) }, networkBound: true },
  'POST /api/v1/payment/authorize-refund': { body: { network: 'Preprod', blockchainIdentifier: 'unknown' }, networkBound: true },
  'POST /api/v1/payment/resolve-blockchain-identifier': { body: { network: 'Preprod', blockchainIdentifier: 'unknown' }, networkBound: true },
  'POST /api/v1/payment/error-state-recovery': { body: { network: 'Preprod', blockchainIdentifier: 'unknown', updatedAt: '2030-01-01T00:00:00Z' }, networkBound: true },
  'GET /api/v1/purchase': { query: { network: 'Preprod', limit: '5' }, networkBound: true },
  'POST /api/v1/purchase': {
    body: {
      network: 'Preprod', blockchainIdentifier: 'abcd', inputHash: 'ab'.repeat(32), sellerVkey: 'ab'.repeat(28), agentIdentifier: SAMPLE_AGENT, identifierFromPurchaser: 'aabbccddeeff0011',
      payByTime: '1893456000000', submitResultTime: '1893459600000', unlockTime: '1893481200000', externalDisputeUnlockTime: '1893502800000',
    },
    networkBound: true,
  },
  'POST /api/v1/purchase/request-refund': { body: { network: 'Preprod', blockchainIdentifier: 'unknown' }, networkBound: true },
  'POST /api/v1/purchase/cancel-refund-request': { body: { network: 'Preprod', blockchainIdentifier: 'unknown' }, networkBound: true },
  'POST /api/v1/purchase/resolve-blockchain-identifier': { body: { network: 'Preprod', blockchainIdentifier: 'unknown' }, networkBound: true },
  'POST /api/v1/purchase/error-state-recovery': { body: { network: 'Preprod', blockchainIdentifier: 'unknown', updatedAt: '1893456000000' }, networkBound: true },
  'GET /api/v1/webhooks': { query: { limit: '5' } },
  'POST /api/v1/webhooks': { body: { url: 'https://93.184.215.14/hooks/payments', events: ['PAYMENT_ON_CHAIN_STATUS_CHANGED'] } },
  'PATCH /api/v1/webhooks': { body: { id: 'does-not-exist', enabled: true } },
  'DELETE /api/v1/webhooks': { body: { id: 'does-not-exist' } },
  'POST /api/v1/webhooks/test': { body: { id: 'does-not-exist' } },
  'GET /api/v1/webhooks/deliveries': { query: { limit: '5' } },
  'POST /api/v1/webhooks/deliveries/:id/redeliver': { body: {} },
};
