import { randomBytes } from 'node:crypto';
import type { Devnet } from '../../../src/devnet/index.js';
import { createResultHash } from '../../../src/domain/mip004-hash.js';
import { paymentSourceBody } from '../../helpers/wallets.js';
import type { HttpApi } from './http-api.js';
import type { Db } from '../../../src/db/prisma.js';
import { waitFor } from '../../helpers/wait.js';
import { agentRegistrationBody } from '../../helpers/agent-registration.js';

export const PRICE_LOVELACE = 20_000_000n;
const MINUTE = 60_000;

/**
 * The watcher can record a step (e.g. Withdrawn) before the transaction monitor marks the
 * transaction Confirmed: they run on separate timers. Waits for the monitor.
 */
export async function waitForSettledTransactions(db: Db, timeoutMs = 60_000): Promise<void> {
  await waitFor('every transaction settled', async () => (await db.chainTransaction.count({ where: { status: 'Pending' } })) === 0, timeoutMs, 200);
}

/** The addresses of one contract's parties, as the balance model needs them. */
export interface SourceParties {
  sourceId: string;
  contractAddress: string;
  buyerAddress: string;
  sellerAddress: string;
  sellerVkey: string;
  feeAddress: string;
  agentIdentifier: string;
}

export async function registerAgent(api: HttpApi, sellingWalletVkey: string, timeoutMs = 90_000): Promise<string> {
  const registered = await api.ok('POST', '/registry', agentRegistrationBody(sellingWalletVkey, PRICE_LOVELACE));
  return waitFor(
    'agent registration',
    async () => {
      const list = await api.call('GET', '/registry', { network: 'Preprod', limit: '100' });
      const row = (list.body?.data?.Assets ?? []).find((asset: { id: string }) => asset.id === registered.id);
      if (row?.state === 'RegistrationFailed') throw new Error(`registration failed: ${row.error}`);
      return row?.state === 'RegistrationConfirmed' ? (row.agentIdentifier as string) : undefined;
    },
    timeoutMs,
  );
}

/** A new payment source (fresh contract parties and hot wallets) through the API, funded from the faucet, with a registered agent. */
export async function createFundedSource(api: HttpApi, devnet: Devnet, lovelace = 2_000_000_000n): Promise<SourceParties> {
  const { body, wallets } = await paymentSourceBody({ PaymentSourceConfig: { rpcProvider: 'Devnet' } });
  const source = await api.ok('POST', '/payment-source-extended', body);
  const topups = [await devnet.topup(wallets.buyer.address, lovelace), await devnet.topup(wallets.seller.address, lovelace)];
  await Promise.all(topups.map((hash) => devnet.waitForTx(hash, 30_000)));
  const agentIdentifier = await registerAgent(api, wallets.seller.vkey);
  return {
    sourceId: source.id,
    contractAddress: source.smartContractAddress,
    buyerAddress: wallets.buyer.address,
    sellerAddress: wallets.seller.address,
    sellerVkey: wallets.seller.vkey,
    feeAddress: wallets.fee.address,
    agentIdentifier,
  };
}

/** The payment source a node creates by itself on the devnet at first start, with a registered agent. */
export async function defaultSource(api: HttpApi): Promise<SourceParties> {
  const sources = await api.ok('GET', '/payment-source', { limit: '100' });
  // Newest first: the node's own is the oldest.
  const source = sources.PaymentSources.at(-1);
  const seller = source.SellingWallets[0];
  return {
    sourceId: source.id,
    contractAddress: source.smartContractAddress,
    buyerAddress: source.PurchasingWallets[0].walletAddress,
    sellerAddress: seller.walletAddress,
    sellerVkey: seller.walletVkey,
    feeAddress: source.FeeReceiverNetworkWallet.walletAddress,
    agentIdentifier: await registerAgent(api, seller.walletVkey),
  };
}

export interface Deal {
  blockchainIdentifier: string;
  identifierFromPurchaser: string;
  payment: any;
  purchase: any;
}

/** The seller's node creates a payment; the buyer's node purchases it with exactly what the seller returned. */
export async function createDeal(seller: HttpApi, buyer: HttpApi, devnet: Devnet, agentIdentifier: string): Promise<Deal> {
  const now = devnet.nowMs();
  const identifierFromPurchaser = randomBytes(10).toString('hex');
  const inputHash = randomBytes(32).toString('hex');
  const payment = await seller.ok('POST', '/payment', {
    network: 'Preprod',
    agentIdentifier,
    inputHash,
    identifierFromPurchaser,
    payByTime: new Date(now + 10 * MINUTE).toISOString(),
    submitResultTime: new Date(now + 30 * MINUTE).toISOString(),
    unlockTime: new Date(now + 50 * MINUTE).toISOString(),
    externalDisputeUnlockTime: new Date(now + 70 * MINUTE).toISOString(),
  });
  const purchase = await buyer.ok('POST', '/purchase', {
    network: 'Preprod',
    blockchainIdentifier: payment.blockchainIdentifier,
    inputHash,
    sellerVkey: payment.sellerVKey,
    agentIdentifier: payment.agentIdentifier,
    identifierFromPurchaser,
    payByTime: payment.payByTime,
    submitResultTime: payment.submitResultTime,
    unlockTime: payment.unlockTime,
    externalDisputeUnlockTime: payment.externalDisputeUnlockTime,
  });
  return { blockchainIdentifier: payment.blockchainIdentifier, identifierFromPurchaser, payment, purchase };
}

export async function stateOf(api: HttpApi, kind: 'payment' | 'purchase', blockchainIdentifier: string): Promise<any> {
  const response = await api.retrying('POST', `/${kind}/resolve-blockchain-identifier`, { network: 'Preprod', blockchainIdentifier, includeHistory: true });
  if (response.status !== 200) throw new Error(`resolve ${kind}: ${response.status} ${response.raw.slice(0, 500)}`);
  return response.body.data;
}

/** Both sides in `onChainState` with the next action settled (not …Requested/…Initiated). */
export async function waitForBoth(seller: HttpApi, buyer: HttpApi, deal: Deal, onChainState: string, timeoutMs: number): Promise<{ payment: any; purchase: any }> {
  return waitFor(
    `${onChainState} on both sides`,
    async () => {
      const [payment, purchase] = await Promise.all([stateOf(seller, 'payment', deal.blockchainIdentifier), stateOf(buyer, 'purchase', deal.blockchainIdentifier)]);
      const settled = (side: any) => side.onChainState === onChainState && !/Requested$|Initiated$/.test(side.NextAction.requestedAction);
      return settled(payment) && settled(purchase) ? { payment, purchase } : undefined;
    },
    timeoutMs,
  );
}

export async function submitResult(seller: HttpApi, deal: Deal): Promise<string> {
  const resultHash = createResultHash(deal.identifierFromPurchaser, 'the translated text');
  await seller.ok('POST', '/payment/submit-result', { network: 'Preprod', blockchainIdentifier: deal.blockchainIdentifier, submitResultHash: resultHash });
  return resultHash;
}

/** Moves the devnet's clock past the deal's unlock time, so the seller's node withdraws by itself. */
export function advancePastUnlock(devnet: Devnet, deals: Deal[]): void {
  const latest = deals.reduce((max, deal) => (BigInt(deal.payment.unlockTime) > max ? BigInt(deal.payment.unlockTime) : max), 0n);
  const ms = Number(latest - BigInt(devnet.nowMs())) + 120_000;
  if (ms > 0) devnet.advanceTime(ms);
}
