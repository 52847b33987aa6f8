import type { EscrowDatum } from '../../cardano/contract/escrow-datum.js';
import type { AssetAmount, DecodedEscrowOutput, DecodedEscrowTx, DecodedSpend } from '../../cardano/contract/escrow-tx-decoder.js';
import type { DbTx } from '../../db/prisma.js';
import { type ChainEvent, nextActionAfter, type OnChainState, stateAfter } from '../../domain/escrow-transitions.js';
import type { EscrowAction, PaymentSource } from '../../generated/prisma/client.js';
import { changeEscrow } from '../../modules/escrow/escrow-state.js';
import { type LockedRequest, lockMismatch } from './lock-check.js';
import { withdrawnAmounts } from './withdrawn-amounts.js';

export type WatchedRequest = LockedRequest & { currentAction: EscrowAction | null };

export interface TxValues {
  inputs: ReadonlyMap<string, readonly AssetAmount[]>;
  outputs: readonly { address: string; amount: readonly AssetAmount[] }[];
}

export interface TxContext {
  txHash: string;
  blockHeight: number;
  blockTime: bigint;
}

const include = { amounts: true, wallet: true, currentAction: true } as const;

function cooldowns(role: LockedRequest['role'], datum: EscrowDatum) {
  return role === 'Seller'
    ? { cooldownTime: datum.sellerCooldownTime, cooldownTimeOtherParty: datum.buyerCooldownTime }
    : { cooldownTime: datum.buyerCooldownTime, cooldownTimeOtherParty: datum.sellerCooldownTime };
}

/** The request's part in the transaction: linked to its history, a state change recorded. */
async function recordStep(tx: DbTx, request: WatchedRequest, at: TxContext, event: ChainEvent, from: OnChainState | null, to: OnChainState): Promise<void> {
  const ours = await tx.chainTransaction.findUnique({ where: { txHash: at.txHash }, select: { id: true } });
  if (ours) await tx.escrowRequest.update({ where: { id: request.id }, data: { transactionHistory: { connect: { id: ours.id } } } });
  await tx.onChainStateChange.create({
    data: {
      requestId: request.id,
      txHash: at.txHash,
      blockHeight: at.blockHeight,
      event,
      fromState: from,
      toState: to,
      fromEscrowTxHash: request.escrowTxHash,
      fromEscrowOutputIndex: request.escrowOutputIndex,
    },
  });
}

async function applyContinuing(tx: DbTx, request: WatchedRequest, event: ChainEvent, output: DecodedEscrowOutput, at: TxContext): Promise<void> {
  const datum = output.datum;
  if (!datum) return;
  const from = request.onChainState;
  const to = datum.state as OnChainState;
  await changeEscrow(tx, request.id, {
    nextAction: nextActionAfter(request.role, event, to, (request.currentAction?.requestedAction ?? 'None')),
    onChainState: to,
    data: {
      escrowTxHash: at.txHash,
      escrowOutputIndex: output.outputIndex,
      resultHash: datum.resultHash === '' ? null : datum.resultHash,
      ...cooldowns(request.role, datum),
      lastCheckedAt: at.blockTime,
    },
  });
  await recordStep(tx, request, at, event, from, to);
}

async function applyLeaving(
  tx: DbTx,
  request: WatchedRequest,
  event: ChainEvent,
  spend: DecodedSpend,
  decoded: DecodedEscrowTx,
  escrowValue: readonly AssetAmount[] | null,
  outputs: TxValues['outputs'],
  at: TxContext,
): Promise<void> {
  const from = request.onChainState;
  const to = stateAfter(event, from) ?? (event === 'Withdraw' ? 'Withdrawn' : event === 'WithdrawRefund' ? 'RefundWithdrawn' : 'DisputedWithdrawn');
  // The amounts first: the state change below snapshots the request for webhooks.
  const amounts = withdrawnAmounts(event, spend, decoded, escrowValue, { buyer: request.role === 'Buyer' ? request.wallet?.walletAddress : request.counterpartyAddress, seller: request.role === 'Seller' ? request.wallet?.walletAddress : request.counterpartyAddress }, outputs);
  for (const { kind, unit, amount } of amounts) {
    await tx.escrowAmount.upsert({
      where: { requestId_kind_unit: { requestId: request.id, kind, unit } },
      create: { requestId: request.id, kind, unit, amount },
      update: { amount },
    });
  }
  await changeEscrow(tx, request.id, {
    nextAction: nextActionAfter(request.role, event, to, (request.currentAction?.requestedAction ?? 'None')),
    onChainState: to,
    data: { escrowTxHash: null, escrowOutputIndex: null, lastCheckedAt: at.blockTime },
  });
  await recordStep(tx, request, at, event, from, to);
}

async function applyLock(tx: DbTx, request: WatchedRequest, output: DecodedEscrowOutput, at: TxContext): Promise<void> {
  const mismatch = lockMismatch(request, output.datum, output.amount);
  const to: OnChainState = mismatch ? 'FundsOrDatumInvalid' : 'FundsLocked';
  const datum = output.datum;
  await changeEscrow(tx, request.id, {
    nextAction: mismatch ? 'None' : nextActionAfter(request.role, 'Lock', to, (request.currentAction?.requestedAction ?? 'None')),
    errorType: mismatch ? 'FundsOrDatumInvalid' : null,
    errorNote: mismatch ?? null,
    onChainState: to,
    data: {
      escrowTxHash: at.txHash,
      escrowOutputIndex: output.outputIndex,
      lastCheckedAt: at.blockTime,
      ...(datum ? { collateralReturnLovelace: datum.collateralReturnLovelace, ...cooldowns(request.role, datum) } : {}),
      ...(request.role === 'Seller' && datum ? { counterpartyAddress: datum.buyer } : {}),
    },
  });
  await recordStep(tx, request, at, 'Lock', null, to);
}

/**
 * Applies one confirmed transaction at the escrow address to this node's requests: spends of
 * escrows we follow (each with its redeemer) and new escrows matched by the seller signature in
 * their datum. Requests of both roles on this node are each updated.
 */
export async function applyEscrowTransaction(
  tx: DbTx,
  source: PaymentSource,
  decoded: DecodedEscrowTx,
  at: TxContext,
  /** The transaction's spent inputs and outputs with their values (needed for the amounts that leave an escrow). */
  utxos: TxValues,
): Promise<number> {
  let changed = 0;
  const claimed = new Set<number>();
  const spends = decoded.spends.filter((spend) => spend.action !== null);
  const spent = spends.length
    ? await tx.escrowRequest.findMany({
        where: { paymentSourceId: source.id, OR: spends.map((spend) => ({ escrowTxHash: spend.outRef.txHash, escrowOutputIndex: spend.outRef.outputIndex })) },
        include,
      })
    : [];
  for (const spend of spends) {
    const requests = spent.filter((request) => request.escrowTxHash === spend.outRef.txHash && request.escrowOutputIndex === spend.outRef.outputIndex);
    const first = requests[0];
    if (!first || !spend.action) continue;
    const event = spend.action.type as ChainEvent;
    const continuing = event === 'SubmitResult' || event === 'SetRefundRequested' || event === 'UnSetRefundRequested' || event === 'AuthorizeRefund';
    const output = continuing
      ? decoded.escrowOutputs.find((candidate) => !claimed.has(candidate.outputIndex) && candidate.datum?.referenceSignature === first.referenceSignature)
      : undefined;
    if (output) claimed.add(output.outputIndex);
    const escrowValue = utxos.inputs.get(`${spend.outRef.txHash}#${spend.outRef.outputIndex}`) ?? null;
    for (const request of requests) {
      if (continuing && output) await applyContinuing(tx, request, event, output, at);
      else if (!continuing) await applyLeaving(tx, request, event, spend, decoded, escrowValue, utxos.outputs, at);
      changed++;
    }
  }
  const fresh = decoded.escrowOutputs.filter((output) => !claimed.has(output.outputIndex) && output.datum);
  if (fresh.length === 0) return changed;
  const waiting = await tx.escrowRequest.findMany({
    where: { paymentSourceId: source.id, escrowTxHash: null, onChainState: null, referenceSignature: { in: fresh.map((output) => output.datum?.referenceSignature ?? '') } },
    include,
  });
  for (const output of fresh) {
    for (const request of waiting.filter((candidate) => candidate.referenceSignature === output.datum?.referenceSignature && candidate.escrowTxHash === null)) {
      await applyLock(tx, request, output, at);
      request.escrowTxHash = at.txHash;
      changed++;
    }
  }
  return changed;
}
