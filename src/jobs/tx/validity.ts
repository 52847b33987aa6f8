import type { ValidityWindowMs } from '../../cardano/builders/builder-types.js';
import type { Chain } from '../../cardano/chain.js';

/** Slots of slack below the tip, so a transaction is valid when it reaches the next block. */
const LOWER_SLACK_MS = 60_000n;

/**
 * The validity window of a transaction built now: from a little before the chain's tip (never
 * before `notBefore`) to `timeoutMs` after it (never after `notAfter`). Its end is the deadline
 * after which the transaction can never land, so an unconfirmed one can safely be retried.
 */
export async function validityWindow(chain: Chain, timeoutMs: number, bounds: { notBefore?: bigint; notAfter?: bigint } = {}): Promise<ValidityWindowMs & { tipMs: bigint }> {
  const tip = await chain.tip();
  let fromMs = tip.time - LOWER_SLACK_MS;
  if (bounds.notBefore !== undefined && fromMs < bounds.notBefore) fromMs = bounds.notBefore;
  let toMs = tip.time + BigInt(timeoutMs);
  if (bounds.notAfter !== undefined && toMs > bounds.notAfter) toMs = bounds.notAfter;
  return { fromMs, toMs, tipMs: tip.time };
}
