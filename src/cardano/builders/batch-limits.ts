/**
 * How many escrows one transaction may carry, per action. Chosen from `npm run bench:chain`
 * (largest N under 16,384 bytes, 14 M memory and 10 B steps) with a safety margin, because
 * sizes and costs vary a little with addresses, assets and wallet inputs. Jobs split larger
 * batches with `chunkForBatch`.
 */
export type BatchAction =
  | 'Lock'
  | 'SubmitResult'
  | 'Withdraw'
  | 'AuthorizeRefund'
  | 'SetRefundRequested'
  | 'UnSetRefundRequested'
  | 'WithdrawRefund'
  | 'WithdrawDisputed'
  | 'MintAgent';

export type ScriptMode = 'reference' | 'inline';

/**
 * Measured maxima (bench:chain, 2026-11-25): with the escrow script as reference script —
 * Lock 38 (size), SubmitResult 30 (size), AuthorizeRefund / SetRefundRequested /
 * UnSetRefundRequested 32 (size and 14 M memory), Withdraw 46 (memory), WithdrawRefund 116,
 * WithdrawDisputed 80 (memory); inline script — SubmitResult 24, the other continuing actions 25
 * (size), the rest as above. Caps keep ~10 % headroom for longer nonces, token prices and
 * extra wallet inputs.
 */
export const BATCH_LIMITS: Readonly<Record<ScriptMode, Readonly<Record<BatchAction, number>>>> = {
  reference: {
    Lock: 34,
    SubmitResult: 27,
    Withdraw: 40,
    AuthorizeRefund: 28,
    SetRefundRequested: 28,
    UnSetRefundRequested: 28,
    WithdrawRefund: 100,
    WithdrawDisputed: 70,
    MintAgent: 1,
  },
  inline: {
    Lock: 34,
    SubmitResult: 21,
    Withdraw: 40,
    AuthorizeRefund: 22,
    SetRefundRequested: 22,
    UnSetRefundRequested: 22,
    WithdrawRefund: 100,
    WithdrawDisputed: 70,
    MintAgent: 1,
  },
};

export const batchLimit = (action: BatchAction, mode: ScriptMode): number => BATCH_LIMITS[mode][action];

/** Splits work into batches no larger than the action's cap. */
export function chunkForBatch<T>(items: readonly T[], action: BatchAction, mode: ScriptMode): T[][] {
  const size = batchLimit(action, mode);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
