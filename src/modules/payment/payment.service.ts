import { runSql } from '../../db/prisma.js';
import { Prisma } from '../../generated/prisma/client.js';
import { withHotWallet } from '../../cardano/signer.js';
import { createBlockchainIdentifier } from '../../cardano/cip8.js';
import { networkIdOf } from '../../chain/chain-registry.js';
import { decodeBlockchainIdentifier, referenceSignatureOf } from '../../domain/blockchain-identifier.js';
import { resolvePaymentTimes } from '../../domain/time-rules.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { AuthenticatedKey } from '../../plugins/auth.js';
import { escrowInclude, type EscrowRow } from '../escrow/escrow.dto.js';
import { activeWalletsCached } from '../wallet/active-wallets-cache.js';
import { insertEscrow } from '../escrow/escrow-insert.js';
import { parseTimes, priceOf, toAppError } from '../escrow/escrow-inputs.js';
import { resolveAgentCached, type ResolvedAgent } from '../registry/agent-lookup.js';
import type { CreatePaymentBody } from './payment.schemas.js';
import { recentTip } from '../escrow/chain-tip.service.js';

/**
 * Agent lookups fail as 404 on their own route; inside a request body they are bad input. A
 * resolution is reused for AGENT_CACHE_MS (POST /payment and POST /purchase resolve on every call).
 */
export async function resolveAgentField(deps: Pick<AppDeps, 'db' | 'chains'>, network: CreatePaymentBody['network'], agentIdentifier: string): Promise<ResolvedAgent> {
  try {
    return await resolveAgentCached(deps, network, agentIdentifier);
  } catch (error) {
    if (error instanceof AppError && error.code === 'AGENT_NOT_FOUND') throw new AppError('VALIDATION_ERROR', error.message);
    throw error;
  }
}

/**
 * Seller: a payment request for one job. The selling wallet that holds the agent's NFT signs the
 * agreed terms; the identifier carries that signature to the buyer.
 */
export async function createPayment(deps: Pick<AppDeps, 'db' | 'chains' | 'secretBox'>, caller: AuthenticatedKey, body: CreatePaymentBody): Promise<EscrowRow> {
  const agent = await resolveAgentField(deps, body.network, body.agentIdentifier);
  const wallet = (await activeWalletsCached(deps.db, agent.source.id, 'Selling')).find((candidate) => candidate.walletVkey === agent.holderVkey);
  if (!wallet) throw new AppError('VALIDATION_ERROR', `agentIdentifier: the agent's NFT is held by ${agent.holderAddress}, not by one of this node's selling wallets`);
  const price = priceOf(agent);
  const now = (await recentTip(deps.chains.forSource(agent.source))).time;
  let times;
  try {
    times = resolvePaymentTimes(parseTimes(body), now);
  } catch (error) {
    toAppError(error);
  }

  // Only the id first: a repeated request is rare, and the related rows cost a query each.
  const [existing] = await runSql<{ id: string }>(
    deps.db,
    Prisma.sql`
    SELECT "id" FROM "EscrowRequest"
    WHERE "identifierFromPurchaser" = ${body.identifierFromPurchaser} AND "inputHash" = ${body.inputHash}
      AND "role" = 'Seller' AND "paymentSourceId" = ${agent.source.id} AND "agentIdentifier" = ${agent.agentIdentifier}
    LIMIT 1`,
  );
  if (existing) return deps.db.escrowRequest.findUniqueOrThrow({ where: { id: existing.id }, include: escrowInclude(false) });

  const blockchainIdentifier = await withHotWallet(deps.secretBox, wallet.encryptedMnemonic, networkIdOf(body.network), (signer) =>
    createBlockchainIdentifier({
      wallet: signer,
      sellerAddress: wallet.walletAddress,
      fields: { inputHash: body.inputHash, agentIdentifier: agent.agentIdentifier, identifierFromPurchaser: body.identifierFromPurchaser, ...times },
    }),
  );
  const { sellerNonce } = decodeBlockchainIdentifier(blockchainIdentifier);
  return insertEscrow(deps.db, {
    role: 'Seller',
    nextAction: 'WaitingForExternalAction',
    paymentSource: agent.source,
    wallet,
    requestedById: caller.id,
    price,
    fields: {
      blockchainIdentifier,
      agentIdentifier: agent.agentIdentifier,
      identifierFromPurchaser: body.identifierFromPurchaser,
      sellerNonce: Buffer.from(sellerNonce).toString('hex'),
      referenceSignature: referenceSignatureOf(blockchainIdentifier),
      inputHash: body.inputHash,
      ...times,
      metadata: body.metadata ?? null,
    },
  });
}
