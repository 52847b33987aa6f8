import { randomBytes } from 'node:crypto';
import type { Devnet } from '../../src/devnet/index.js';
import { createFundedSource, type DevnetNode, startDevnetNode, startTestDevnet } from '../helpers/devnet-node.js';
import { waitFor } from '../helpers/wait.js';
import { type ContractParties, newContractParties, type TestWallet } from '../helpers/wallets.js';
import { agentRegistrationBody } from '../helpers/agent-registration.js';

export interface TwoNodes {
  devnet: Devnet;
  seller: DevnetNode;
  buyer: DevnetNode;
  parties: ContractParties;
  sellerWallets: { seller: TestWallet; buyer: TestWallet };
  buyerWallets: { seller: TestWallet; buyer: TestWallet };
  agentIdentifier: string;
  close(): Promise<void>;
}

export const PRICE_LOVELACE = 20_000_000n;

/** Two nodes (separate databases) on one devnet and one contract; the seller has a registered agent. */
export async function startTwoNodes(): Promise<TwoNodes> {
  const devnet = await startTestDevnet();
  const parties = await newContractParties();
  const seller = await startDevnetNode(devnet);
  const buyer = await startDevnetNode(devnet);
  const { wallets: sellerWallets } = await createFundedSource(seller, devnet, 5_000_000_000n, parties);
  const { wallets: buyerWallets } = await createFundedSource(buyer, devnet, 5_000_000_000n, parties);
  const registered = await seller.api('POST', '/registry', agentRegistrationBody(sellerWallets.seller.vkey, PRICE_LOVELACE));
  if (registered.status !== 200) throw new Error(registered.raw);
  const agentIdentifier = await waitFor('agent registration', async () => {
    await seller.runAllJobs();
    const row = await seller.db.registryRequest.findUnique({ where: { id: registered.body.data.id } });
    return row?.state === 'RegistrationConfirmed' ? row.agentIdentifier ?? undefined : undefined;
  });
  return {
    devnet,
    seller,
    buyer,
    parties,
    sellerWallets,
    buyerWallets,
    agentIdentifier,
    async close() {
      await seller.close();
      await buyer.close();
      await devnet.close();
    },
  };
}

const MINUTE = 60_000;

/** The seller creates a payment; returns it and the POST /purchase body made of exactly what it returned. */
export async function createPayment(nodes: TwoNodes, options: { submitResultInMinutes?: number; payByInMinutes?: number } = {}) {
  const now = nodes.devnet.nowMs();
  const submitIn = options.submitResultInMinutes ?? 30;
  const payBy = options.payByInMinutes ?? 10;
  const identifierFromPurchaser = randomBytes(10).toString('hex');
  const inputHash = randomBytes(32).toString('hex');
  const payment = await nodes.seller.api('POST', '/payment', {
    network: 'Preprod',
    agentIdentifier: nodes.agentIdentifier,
    inputHash,
    identifierFromPurchaser,
    payByTime: new Date(now + payBy * MINUTE).toISOString(),
    submitResultTime: new Date(now + submitIn * MINUTE).toISOString(),
    unlockTime: new Date(now + (submitIn + 20) * MINUTE).toISOString(),
    externalDisputeUnlockTime: new Date(now + (submitIn + 40) * MINUTE).toISOString(),
  });
  if (payment.status !== 200) throw new Error(`payment: ${payment.raw}`);
  const p = payment.body.data;
  const purchaseBody = {
    network: 'Preprod',
    blockchainIdentifier: p.blockchainIdentifier as string,
    inputHash,
    sellerVkey: p.sellerVKey as string,
    agentIdentifier: p.agentIdentifier as string,
    identifierFromPurchaser,
    payByTime: p.payByTime as string,
    submitResultTime: p.submitResultTime as string,
    unlockTime: p.unlockTime as string,
    externalDisputeUnlockTime: p.externalDisputeUnlockTime as string,
  };
  return { payment: p, purchaseBody };
}

/** Seller creates a payment; the buyer purchases it with exactly what the seller returned. */
export async function payAndPurchase(nodes: TwoNodes, options: Parameters<typeof createPayment>[1] = {}) {
  const { payment, purchaseBody } = await createPayment(nodes, options);
  const purchase = await nodes.buyer.api('POST', '/purchase', purchaseBody);
  if (purchase.status !== 200) throw new Error(`purchase: ${purchase.raw}`);
  return { payment, purchase: purchase.body.data, blockchainIdentifier: purchaseBody.blockchainIdentifier };
}

/** Runs both nodes' jobs until `check` holds. */
export async function pumpUntil<T>(nodes: TwoNodes, what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  return waitFor(what, async () => {
    await nodes.seller.runAllJobs();
    await nodes.buyer.runAllJobs();
    return check();
  }, timeoutMs, 300);
}

export async function stateOf(node: DevnetNode, kind: 'payment' | 'purchase', blockchainIdentifier: string) {
  const response = await node.api('POST', `/${kind}/resolve-blockchain-identifier`, { network: 'Preprod', blockchainIdentifier, includeHistory: true });
  return response.body.data as { onChainState: string | null; NextAction: { requestedAction: string; errorType: string | null; errorNote: string | null }; [key: string]: any };
}

export async function bothIn(nodes: TwoNodes, blockchainIdentifier: string, state: string) {
  const [payment, purchase] = await Promise.all([stateOf(nodes.seller, 'payment', blockchainIdentifier), stateOf(nodes.buyer, 'purchase', blockchainIdentifier)]);
  return payment.onChainState === state && purchase.onChainState === state ? { payment, purchase } : undefined;
}

export async function lovelaceAt(devnet: Devnet, address: string): Promise<bigint> {
  const response = await fetch(`${devnet.url}/addresses/${address}/utxos?count=100`);
  if (!response.ok) return 0n;
  const utxos = (await response.json()) as { amount: { unit: string; quantity: string }[] }[];
  return utxos.reduce((sum, utxo) => sum + BigInt(utxo.amount.find((a) => a.unit === 'lovelace')?.quantity ?? '0'), 0n);
}
