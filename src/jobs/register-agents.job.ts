import { ChainError } from '../cardano/chain.js';
import { buildBurnAgentTx, buildMintAgentTx } from '../cardano/builders/registry-builders.js';
import { registryPolicy } from '../cardano/contract/scripts.js';
import { AgentRegistrationFields, toCip25Metadata } from '../domain/agent-metadata.js';
import type { HotWallet, PaymentSource, RegistryRequest } from '../generated/prisma/client.js';
import type { Job, JobContext } from './job.js';
import { chainContextOf, fundingWalletOf } from './tx/chain-context.js';
import { sendTransaction } from './tx/send-transaction.js';
import { validityWindow } from './tx/validity.js';
import { claimWallet, releaseWallet } from './tx/wallet-claim.js';

type Pending = RegistryRequest & { wallet: HotWallet; paymentSource: PaymentSource };

function failureText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return /insufficient|not enough|cannot cover|balance/i.test(text) ? `insufficient funds: the selling wallet has too little ADA for this transaction (${text})` : text;
}

async function buildFor(ctx: JobContext, request: Pending) {
  const chain = ctx.chains.forSource(request.paymentSource);
  const [chainContext, wallet, window] = await Promise.all([
    chainContextOf(chain),
    fundingWalletOf(chain, request.wallet.walletAddress),
    validityWindow(chain, ctx.config.txTimeoutMs),
  ]);
  const registry = { policy: registryPolicy(request.paymentSource.smartContractAddress) };
  if (request.state === 'RegistrationRequested') {
    const metadata = toCip25Metadata(AgentRegistrationFields.parse(request.details));
    const built = await buildMintAgentTx({ ctx: chainContext, wallet, registry, recipient: request.wallet.walletAddress, metadata, window });
    return { chain, window, txHex: built.txHex, fee: built.fee, agentIdentifier: built.agentIdentifier, kind: 'RegisterAgent' };
  }
  const assetName = (request.agentIdentifier ?? '').slice(registry.policy.policyId.length);
  const built = await buildBurnAgentTx({ ctx: chainContext, wallet, registry, assetName, window });
  return { chain, window, txHex: built.txHex, fee: built.fee, agentIdentifier: request.agentIdentifier, kind: 'DeregisterAgent' };
}

async function process(ctx: JobContext, request: Pending): Promise<void> {
  const registering = request.state === 'RegistrationRequested';
  const failed = registering ? 'RegistrationFailed' : 'DeregistrationFailed';
  let built;
  try {
    built = await buildFor(ctx, request);
  } catch (error) {
    // A provider fault is retried on the next run; anything else means this transaction cannot be made.
    if (error instanceof ChainError) throw error;
    await ctx.db.registryRequest.update({ where: { id: request.id }, data: { state: failed, error: failureText(error) } });
    ctx.log.warn({ registryRequestId: request.id, err: error }, 'registry transaction could not be built');
    return;
  }
  await sendTransaction(ctx, {
    chain: built.chain,
    paymentSourceId: request.paymentSourceId,
    wallet: request.wallet,
    unsignedTxHex: built.txHex,
    kind: built.kind,
    fee: built.fee,
    validUntil: built.window.toMs,
    record: async (tx, chainTransactionId) => {
      await tx.registryRequest.update({
        where: { id: request.id },
        data: { state: registering ? 'RegistrationInitiated' : 'DeregistrationInitiated', agentIdentifier: built.agentIdentifier, currentTransactionId: chainTransactionId, error: null },
      });
    },
    onRejected: async (tx, _id, reason) => {
      await tx.registryRequest.update({ where: { id: request.id }, data: { state: failed, error: failureText(reason) } });
    },
  });
}

/** Mints agent NFTs for new registrations and burns them for deregistrations, one transaction per wallet at a time. */
export const registerAgentsJob: Job = {
  name: 'register-agents',
  intervalMs: (config) => config.jobIntervalMs,
  async run(ctx) {
    const pending = await ctx.db.registryRequest.findMany({
      where: { state: { in: ['RegistrationRequested', 'DeregistrationRequested'] }, deletedAt: null },
      include: { wallet: true, paymentSource: true },
      orderBy: { createdAt: 'asc' },
      take: 200,
    });
    const firstPerWallet = new Map<string, Pending>();
    for (const request of pending) if (!firstPerWallet.has(request.walletId)) firstPerWallet.set(request.walletId, request);
    for (const request of firstPerWallet.values()) {
      const holder = `${this.name}:${request.id}`;
      if (!(await claimWallet(ctx.db, request.walletId, holder))) continue;
      try {
        await process(ctx, request);
      } finally {
        await releaseWallet(ctx.db, request.walletId, holder);
      }
    }
  },
};
