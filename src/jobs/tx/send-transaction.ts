import { resolveTxHash } from '@meshsdk/core';
import { type Chain, TxRejectedError } from '../../cardano/chain.js';
import { signTransaction } from '../../cardano/signer.js';
import type { DbTx } from '../../db/prisma.js';
import type { JobContext } from '../job.js';
import { crashPoint } from './crash-point.js';

export interface SendInput {
  chain: Chain;
  paymentSourceId: string;
  wallet: { id: string; encryptedMnemonic: string };
  unsignedTxHex: string;
  kind: string;
  fee: bigint;
  /** POSIX ms of the validity upper bound: the transaction cannot land after it. */
  validUntil: bigint;
  /** Records what the transaction is for, in the same database transaction as its row. */
  record(tx: DbTx, chainTransactionId: string, txHash: string): Promise<void>;
  /** Undoes `record` when the ledger refuses the transaction outright. */
  onRejected(tx: DbTx, chainTransactionId: string, reason: string): Promise<void>;
}

export type SendOutcome = { status: 'submitted' | 'unconfirmed'; txHash: string } | { status: 'rejected'; txHash: string; reason: string };

/**
 * Signs, records, then submits. The row (hash, validity deadline, signed bytes) is committed
 * before the transaction leaves the node: a crash at any point leaves a record the transaction
 * monitor can finish — resubmit, confirm, or expire — and nothing is ever paid twice.
 */
export async function sendTransaction(ctx: JobContext, input: SendInput): Promise<SendOutcome> {
  const signed = await signTransaction(ctx.secretBox, input.wallet.encryptedMnemonic, input.chain.networkId, input.unsignedTxHex);
  const txHash = resolveTxHash(signed);
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.chainTransaction.create({
      data: { txHash, kind: input.kind, paymentSourceId: input.paymentSourceId, fee: input.fee, walletId: input.wallet.id, validUntil: input.validUntil, signedCbor: signed, status: 'Pending' },
    });
    await tx.hotWallet.update({ where: { id: input.wallet.id }, data: { pendingTransactionId: created.id } });
    await input.record(tx, created.id, txHash);
    return created;
  });
  crashPoint(ctx.config.crashAt, 'before-submit', input.kind);
  try {
    await input.chain.submit(signed);
    crashPoint(ctx.config.crashAt, 'after-submit', input.kind);
    await ctx.db.chainTransaction.update({ where: { id: row.id }, data: { submittedAt: new Date() } });
    crashPoint(ctx.config.crashAt, 'after-write', input.kind);
    ctx.log.info({ txHash, kind: input.kind, walletId: input.wallet.id }, 'transaction submitted');
    return { status: 'submitted', txHash };
  } catch (error) {
    if (error instanceof TxRejectedError) {
      const reason = error.message;
      await ctx.db.$transaction(async (tx) => {
        await tx.chainTransaction.update({ where: { id: row.id }, data: { status: 'Failed', error: reason.slice(0, 2000) } });
        await tx.hotWallet.updateMany({ where: { id: input.wallet.id, pendingTransactionId: row.id }, data: { pendingTransactionId: null } });
        await input.onRejected(tx, row.id, reason);
      });
      ctx.log.warn({ txHash, kind: input.kind, reason }, 'transaction rejected by the ledger');
      return { status: 'rejected', txHash, reason };
    }
    // The provider may or may not have taken it: the monitor resubmits or expires it.
    ctx.log.warn({ txHash, kind: input.kind, err: error }, 'submission uncertain; the transaction monitor will finish it');
    return { status: 'unconfirmed', txHash };
  }
}
