import type { DbTx } from '../../db/prisma.js';
import { COMMANDS, type EscrowCommand, EVENT_OF_COMMAND } from '../../domain/escrow-transitions.js';
import type { ChainEvent } from '../../domain/escrow-transitions.js';
import { changeEscrow } from '../../modules/escrow/escrow-state.js';

const COMMAND_OF_EVENT = new Map(Object.entries(EVENT_OF_COMMAND).map(([command, event]) => [event, command as EscrowCommand]));

/**
 * A transaction the watcher had applied is no longer on chain. Every request it moved goes back to
 * where it was (state and escrow output); if the transaction was ours, it is followed again as
 * pending, so it either lands again (same signed bytes: it cannot pay twice) or expires and is
 * retried. Anything else waits for the other party again.
 */
export async function revertTransaction(tx: DbTx, paymentSourceId: string, txHash: string): Promise<number> {
  const changes = await tx.onChainStateChange.findMany({
    where: { txHash, revertedAt: null, request: { paymentSourceId } },
    include: { request: { include: { currentAction: true } } },
    orderBy: { createdAt: 'desc' },
  });
  const ours = await tx.chainTransaction.findUnique({ where: { txHash } });
  for (const change of changes) {
    const command = COMMAND_OF_EVENT.get(change.event as ChainEvent);
    const ownCommand = ours && command && COMMANDS[command].role === change.request.role ? command : undefined;
    // Amounts recorded for a withdrawal that no longer happened are gone with it.
    if (change.toState === 'Withdrawn' || change.toState === 'RefundWithdrawn' || change.toState === 'DisputedWithdrawn') {
      await tx.escrowAmount.deleteMany({ where: { requestId: change.requestId, kind: { in: ['WithdrawnForSeller', 'WithdrawnForBuyer', 'WithdrawnForFee'] } } });
    }
    await changeEscrow(tx, change.requestId, {
      nextAction: ownCommand ? COMMANDS[ownCommand].initiated : 'WaitingForExternalAction',
      errorNote: `rolled back: transaction ${txHash} left the chain`,
      onChainState: change.fromState,
      data: {
        escrowTxHash: change.fromEscrowTxHash,
        escrowOutputIndex: change.fromEscrowOutputIndex,
        ...(ownCommand && ours ? { currentTransactionId: ours.id } : {}),
      },
    });
    await tx.onChainStateChange.update({ where: { id: change.id }, data: { revertedAt: new Date() } });
  }
  if (ours && ours.status !== 'Pending') {
    // Due for resubmission at once: the monitor offers the same signed bytes to the chain again.
    await tx.chainTransaction.update({ where: { id: ours.id }, data: { status: 'Pending', blockHeight: null, confirmations: 0, submittedAt: new Date(0) } });
    if (ours.walletId) await tx.hotWallet.updateMany({ where: { id: ours.walletId, pendingTransactionId: null }, data: { pendingTransactionId: ours.id } });
  }
  await tx.observedTransaction.deleteMany({ where: { paymentSourceId, txHash } });
  return changes.length;
}
