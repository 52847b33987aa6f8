import type { Chain } from '../../cardano/chain.js';
import { decodeEscrowTx } from '../../cardano/contract/escrow-tx-decoder.js';
import type { PaymentSource } from '../../generated/prisma/client.js';
import type { JobContext } from '../job.js';
import { applyEscrowTransaction, type TxValues } from './apply-escrow-tx.js';
import { revertTransaction } from './rollback.js';

/** Blocks below the cursor read again every cycle: where a rollback shows as a missing transaction. */
export const REORG_WINDOW_BLOCKS = 20;
const PAGE_SIZE = 100;

export interface SyncReport {
  processed: number;
  reverted: number;
  syncedBlockHeight: number;
  tipHeight: number;
}

async function valuesOf(chain: Chain, txHash: string, needsInputs: boolean): Promise<TxValues> {
  if (!needsInputs) return { inputs: new Map(), outputs: [] };
  const utxos = await chain.txUtxos(txHash);
  const amounts = (utxo: { output: { amount: { unit: string; quantity: string }[] } }) => utxo.output.amount.map(({ unit, quantity }) => ({ unit, quantity: BigInt(quantity) }));
  return {
    inputs: new Map((utxos?.inputs ?? []).map((utxo) => [`${utxo.input.txHash}#${utxo.input.outputIndex}`, amounts(utxo)])),
    outputs: (utxos?.outputs ?? []).map((utxo) => ({ address: utxo.output.address, amount: amounts(utxo) })),
  };
}

/**
 * One watcher cycle for one payment source. A quiet cycle costs two provider calls (the tip and
 * one page of the contract address's transactions, re-reading a short window below the cursor),
 * whatever the number of open requests. Transactions are applied oldest first once they have
 * enough confirmations; a known transaction missing from the window was rolled back and is undone.
 */
export async function syncSource(ctx: JobContext, source: PaymentSource): Promise<SyncReport> {
  const chain = ctx.chains.forSource(source);
  const tip = await chain.tip();
  const safeHeight = tip.height - ctx.config.blockConfirmationsThreshold + 1;
  const cursor = source.syncedBlockHeight ?? 0;
  const windowStart = Math.max(0, cursor - REORG_WINDOW_BLOCKS);

  const seen = [];
  for (let page = 1; ; page++) {
    const rows = await chain.addressTransactions(source.smartContractAddress, windowStart, page, PAGE_SIZE);
    seen.push(...rows);
    if (rows.length < PAGE_SIZE) break;
  }
  const observed = await ctx.db.observedTransaction.findMany({ where: { paymentSourceId: source.id, blockHeight: { gte: windowStart } } });
  const onChain = new Set(seen.map((row) => row.txHash));
  let reverted = 0;
  for (const gone of observed.filter((row) => !onChain.has(row.txHash)).sort((a, b) => b.blockHeight - a.blockHeight)) {
    reverted += await ctx.db.$transaction((tx) => revertTransaction(tx, source.id, gone.txHash));
    ctx.log.warn({ paymentSourceId: source.id, txHash: gone.txHash, blockHeight: gone.blockHeight }, 'rollback: a transaction the watcher had applied left the chain');
  }

  const known = new Set(observed.filter((row) => onChain.has(row.txHash)).map((row) => row.txHash));
  const fresh = seen.filter((row) => !known.has(row.txHash) && row.blockHeight <= safeHeight).sort((a, b) => a.blockHeight - b.blockHeight || a.txIndex - b.txIndex);
  let processed = 0;
  let complete = true;
  let synced = reverted > 0 ? Math.min(cursor, windowStart) : cursor;
  for (const row of fresh) {
    const cbor = await chain.txCbor(row.txHash);
    if (!cbor) {
      complete = false;
      break;
    }
    const decoded = decodeEscrowTx(cbor, source.scriptHash, chain.networkId);
    const leaves = decoded.spends.some((spend) => spend.action && (spend.action.type === 'Withdraw' || spend.action.type === 'WithdrawRefund' || spend.action.type === 'WithdrawDisputed'));
    const values = await valuesOf(chain, row.txHash, leaves);
    const at = { txHash: row.txHash, blockHeight: row.blockHeight, blockTime: row.blockTime };
    processed += await ctx.db.$transaction(async (tx) => {
      const changed = await applyEscrowTransaction(tx, source, decoded, at, values);
      await tx.observedTransaction.create({ data: { paymentSourceId: source.id, txHash: row.txHash, blockHeight: row.blockHeight, blockTime: row.blockTime } });
      await tx.paymentSource.update({ where: { id: source.id }, data: { syncedBlockHeight: Math.max(synced, row.blockHeight - 1) } });
      return changed;
    });
    synced = Math.max(synced, row.blockHeight - 1);
  }
  if (complete) synced = Math.max(synced, Math.min(safeHeight, tip.height));
  await ctx.db.paymentSource.update({ where: { id: source.id }, data: { syncedBlockHeight: synced, syncedAt: tip.time } });
  return { processed, reverted, syncedBlockHeight: synced, tipHeight: tip.height };
}
