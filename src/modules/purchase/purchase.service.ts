import { verifyBlockchainIdentifier } from '../../cardano/cip8.js';
import { networkIdOf } from '../../chain/chain-registry.js';
import { type DbTx, runSql } from '../../db/prisma.js';
import type { AppDeps } from '../../deps.js';
import { applyTimeDefaults, findTimeRuleViolation } from '../../domain/time-rules.js';
import { AppError } from '../../errors.js';
import { type HotWallet, Prisma } from '../../generated/prisma/client.js';
import type { AuthenticatedKey } from '../../plugins/auth.js';
import { escrowInclude, type EscrowRow, purchaseDto } from '../escrow/escrow.dto.js';
import { parseTimes, priceOf, toAppError } from '../escrow/escrow-inputs.js';
import { activeWalletsCached } from '../wallet/active-wallets-cache.js';
import { insertEscrow, isUniqueViolation, type NewEscrow } from '../escrow/escrow-insert.js';
import { resolveAgentField } from '../payment/payment.service.js';
import type { CreatePurchaseBody } from './purchase.schemas.js';
import { recentTip } from '../escrow/chain-tip.service.js';

async function existingPurchase(deps: Pick<AppDeps, 'db'>, body: CreatePurchaseBody): Promise<void> {
  // Only the id first: a known identifier is rare, and the related rows cost a query each.
  const [found] = await runSql<{ id: string }>(
    deps.db,
    Prisma.sql`
    SELECT r."id" FROM "EscrowRequest" r JOIN "PaymentSource" s ON s."id" = r."paymentSourceId"
    WHERE r."blockchainIdentifier" = ${body.blockchainIdentifier} AND r."role" = 'Buyer' AND s."network" = CAST(${body.network} AS "Network")
    LIMIT 1`,
  );
  if (!found) return;
  const existing = await deps.db.escrowRequest.findUniqueOrThrow({ where: { id: found.id }, include: escrowInclude(false) });
  const object = purchaseDto(existing);
  throw new AppError('DUPLICATE_PURCHASE', `blockchainIdentifier: a purchase with this identifier exists (${existing.id})`, {
    details: { id: existing.id, purchase: object },
    topLevel: { id: existing.id, object },
  });
}

/** Usage-limited keys pay for purchases in credits, in the same transaction that records them. */
const paysInCredits = (caller: AuthenticatedKey) => caller.usageLimited && caller.permission !== 'Admin';

async function consumeCredits(tx: DbTx, caller: AuthenticatedKey, price: { unit: string; amount: bigint }[]): Promise<void> {
  for (const { unit, amount } of price) {
    const taken = await tx.usageCredit.updateMany({ where: { apiKeyId: caller.id, unit, amount: { gte: amount } }, data: { amount: { decrement: amount } } });
    if (taken.count !== 1) {
      throw new AppError('INSUFFICIENT_CREDITS', `UsageCredits: this key has too few credits for ${amount} of unit "${unit}"`);
    }
  }
}

/** The purchasing wallet with the fewest locks waiting; with one wallet there is nothing to count. */
async function leastBusyPurchasingWallet(deps: Pick<AppDeps, 'db'>, paymentSourceId: string): Promise<HotWallet> {
  const wallets = await activeWalletsCached(deps.db, paymentSourceId, 'Purchasing');
  if (wallets.length === 0) throw new AppError('CONFLICT', 'network: the payment source has no purchasing wallet');
  if (wallets.length === 1) return wallets[0]!;
  const waiting = await deps.db.escrowRequest.groupBy({
    by: ['walletId'],
    where: { walletId: { in: wallets.map((wallet) => wallet.id) }, onChainState: null, currentAction: { requestedAction: { in: ['FundsLockingRequested', 'FundsLockingInitiated'] } } },
    _count: { _all: true },
  });
  const load = new Map(waiting.map((row) => [row.walletId, row._count._all]));
  return wallets.reduce((best, wallet) => ((load.get(wallet.id) ?? 0) < (load.get(best.id) ?? 0) ? wallet : best));
}

function samePrice(a: { unit: string; amount: bigint }[], b: { unit: string; amount: bigint }[]): boolean {
  const key = (list: { unit: string; amount: bigint }[]) => list.map(({ unit, amount }) => `${unit}:${amount}`).sort().join(',');
  return key(a) === key(b);
}

/**
 * Buyer: checks everything the seller signed against the request and the chain, then records a
 * purchase for the lock job — atomically with the key's credits. Nothing is written on any mismatch.
 */
export async function createPurchase(deps: Pick<AppDeps, 'db' | 'chains'>, caller: AuthenticatedKey, body: CreatePurchaseBody): Promise<EscrowRow> {
  await existingPurchase(deps, body);
  const times = applyTimeDefaults(parseTimes(body));
  const ordering = findTimeRuleViolation(times);
  if (ordering) toAppError(ordering);

  const verified = verifyBlockchainIdentifier(body.blockchainIdentifier, {
    sellerVkey: body.sellerVkey,
    inputHash: body.inputHash,
    agentIdentifier: body.agentIdentifier,
    identifierFromPurchaser: body.identifierFromPurchaser,
    ...times,
    networkId: networkIdOf(body.network),
  });
  if (!verified.ok) throw new AppError('INVALID_BLOCKCHAIN_IDENTIFIER', `${verified.field}: ${verified.reason}`);

  const agent = await resolveAgentField(deps, body.network, body.agentIdentifier);
  if (agent.holderVkey !== body.sellerVkey) throw new AppError('VALIDATION_ERROR', `sellerVkey: the agent's NFT is held by ${agent.holderVkey}, not ${body.sellerVkey}`);
  const price = priceOf(agent);
  if (body.Amounts && !samePrice(body.Amounts, price)) throw new AppError('VALIDATION_ERROR', 'Amounts: differ from the price in the agent\'s on-chain metadata');
  const now = (await recentTip(deps.chains.forSource(agent.source))).time;
  if (times.payByTime <= now) throw new AppError('VALIDATION_ERROR', `payByTime: ${new Date(Number(times.payByTime)).toISOString()} has passed; funds can no longer be locked`);
  const wallet = await leastBusyPurchasingWallet(deps, agent.source.id);

  const purchase: NewEscrow = {
    role: 'Buyer',
    nextAction: 'FundsLockingRequested',
    paymentSource: agent.source,
    wallet,
    requestedById: caller.id,
    price,
    fields: {
      counterpartyVkey: body.sellerVkey,
      counterpartyAddress: verified.sellerAddress,
      blockchainIdentifier: body.blockchainIdentifier,
      agentIdentifier: agent.agentIdentifier,
      identifierFromPurchaser: body.identifierFromPurchaser,
      sellerNonce: verified.sellerNonce,
      referenceSignature: verified.signature,
      inputHash: body.inputHash,
      ...times,
      metadata: body.metadata ?? null,
    },
  };
  try {
    if (!paysInCredits(caller)) return await insertEscrow(deps.db, purchase);
    return await deps.db.$transaction(async (tx) => {
      await consumeCredits(tx, caller, price);
      return insertEscrow(tx, purchase);
    });
  } catch (error) {
    // Two identical requests at once: the database lets one in; the other sees it as a duplicate.
    if (isUniqueViolation(error)) await existingPurchase(deps, body);
    throw error;
  }
}
