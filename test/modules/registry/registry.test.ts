import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../../src/devnet/index.js';
import { createFundedSource, type DevnetNode, startDevnetNode, startTestDevnet } from '../../helpers/devnet-node.js';
import { waitFor } from '../../helpers/wait.js';
import { newTestWallet } from '../../helpers/wallets.js';

let devnet: Devnet;
let node: DevnetNode;
let seller: { vkey: string; address: string; mnemonic: string };
const logs: string[] = [];

const agent = (sellingWalletVkey: string, overrides: Record<string, unknown> = {}) => ({
  network: 'Preprod',
  sellingWalletVkey,
  name: 'Summariser',
  description: 'Summarises long documents into a page; the description is long enough to need several 64-byte chunks on chain. ✓',
  apiBaseUrl: 'https://agent.example.com/api',
  Capability: { name: 'summarise', version: '1.0.0' },
  Author: { name: 'Ada Lovelace', contactEmail: 'ada@example.com' },
  Legal: { terms: 'https://agent.example.com/terms' },
  Tags: ['text', 'summary'],
  ExampleOutputs: [{ name: 'example', url: 'https://agent.example.com/example.json', mimeType: 'application/json' }],
  AgentPricing: { pricingType: 'Fixed', Pricing: [{ unit: 'lovelace', amount: '12000000' }] },
  ...overrides,
});

beforeAll(async () => {
  devnet = await startTestDevnet();
  node = await startDevnetNode(devnet, { env: { LOG_LEVEL: 'trace' }, logSink: (line) => logs.push(line) });
  ({ wallets: { seller } } = await createFundedSource(node, devnet));
});
afterAll(async () => {
  await node?.close();
  await devnet?.close();
});

async function settle(id: string, state: string) {
  return waitFor(`registry ${id} ${state}`, async () => {
    await node.runJobs('register-agents', 'monitor-transactions');
    const rows = (await node.api('GET', '/registry', { network: 'Preprod', limit: '100' })).body.data.Assets;
    const row = rows.find((r: { id: string }) => r.id === id);
    return row?.state === state ? row : undefined;
  });
}

describe('agent registry on the devnet', () => {
  it('registers, resolves from the chain, deregisters', async () => {
    const requested = await node.api('POST', '/registry', agent(seller.vkey));
    expect(requested.status, requested.raw).toBe(200);
    expect(requested.body.data).toMatchObject({ state: 'RegistrationRequested', agentIdentifier: null, SmartContractWallet: { walletVkey: seller.vkey } });

    const confirmed = await settle(requested.body.data.id, 'RegistrationConfirmed');
    const agentIdentifier: string = confirmed.agentIdentifier;
    expect(agentIdentifier).toMatch(/^[0-9a-f]{120}$/);
    expect(confirmed.CurrentTransaction).toMatchObject({ status: 'Confirmed' });

    const info = await node.api('GET', '/payment-information', { agentIdentifier, network: 'Preprod' });
    expect(info.status, info.raw).toBe(200);
    expect(info.body.data).toMatchObject({
      sellerVkey: seller.vkey,
      sellerAddress: seller.address,
      name: 'Summariser',
      description: agent(seller.vkey).description,
      apiBaseUrl: 'https://agent.example.com/api',
      Capability: { name: 'summarise', version: '1.0.0' },
      AgentPricing: { pricingType: 'Fixed', Pricing: [{ unit: '', amount: '12000000' }] },
      Tags: ['text', 'summary'],
    });

    const held = await node.api('GET', '/registry/wallet', { network: 'Preprod', walletVKey: seller.vkey });
    expect(held.body.data.Assets.map((a: { agentIdentifier: string }) => a.agentIdentifier)).toContain(agentIdentifier);

    const deregistering = await node.api('POST', '/registry/deregister', { agentIdentifier, network: 'Preprod' });
    expect(deregistering.status, deregistering.raw).toBe(200);
    await settle(requested.body.data.id, 'DeregistrationConfirmed');
    expect((await node.api('GET', '/payment-information', { agentIdentifier, network: 'Preprod' })).status).toBe(404);

    expect((await node.api('DELETE', '/registry', { id: requested.body.data.id })).status).toBe(200);
    const after = (await node.api('GET', '/registry', { network: 'Preprod', limit: '100' })).body.data.Assets;
    expect(after.map((r: { id: string }) => r.id)).not.toContain(requested.body.data.id);
  });

  it('a wallet with too little ADA ends Failed with a readable error, and the wallet is released', async () => {
    const poor = await newTestWallet();
    const source = (await node.api('GET', '/payment-source-extended', { take: '1' })).body.data.ExtendedPaymentSources[0];
    await node.api('PATCH', '/payment-source-extended', { id: source.id, AddSellingWallets: [{ walletMnemonic: poor.mnemonic }] });
    const requested = await node.api('POST', '/registry', agent(poor.vkey));
    const failed = await settle(requested.body.data.id, 'RegistrationFailed');
    expect(failed.error).toMatch(/ADA|funds|balance|insufficient/i);
    const wallet = await node.db.hotWallet.findFirstOrThrow({ where: { walletVkey: poor.vkey } });
    expect(wallet).toMatchObject({ lockedAt: null, pendingTransactionId: null });
  });

  it.each([
    [{ Tags: Array.from({ length: 16 }, (_, i) => `t${i}`) }, 'Tags'],
    [{ Tags: [] }, 'Tags'],
    [{ name: 'x'.repeat(251) }, 'name'],
    [{ AgentPricing: { pricingType: 'Fixed', Pricing: [{ unit: 'usd', amount: '5' }] } }, 'AgentPricing'],
    [{ AgentPricing: { pricingType: 'Fixed', Pricing: [{ unit: '', amount: '-5' }] } }, 'AgentPricing'],
    [{ apiBaseUrl: 'ftp://example.com' }, 'apiBaseUrl'],
    [{ sellingWalletVkey: 'ab'.repeat(28) }, 'sellingWalletVkey'],
  ])('POST /registry %o → 400 naming %s, nothing written', async (overrides, field) => {
    const before = await node.db.registryRequest.count();
    const response = await node.api('POST', '/registry', agent(seller.vkey, overrides));
    expect(response.status, response.raw).toBe(400);
    expect(response.body.error.message).toContain(field);
    expect(await node.db.registryRequest.count()).toBe(before);
  });

  it('no mnemonic, token or key appears in any log line', () => {
    const text = logs.join('\n');
    expect(text.length).toBeGreaterThan(0);
    const words = seller.mnemonic.split(' ');
    expect(text).not.toContain(words.slice(0, 4).join(' '));
    expect(text).not.toContain(node.adminToken);
  });
});
