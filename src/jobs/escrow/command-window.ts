import type { EscrowCommand } from '../../domain/escrow-transitions.js';
import type { EscrowRequest } from '../../generated/prisma/client.js';

/** "after T" and "before T" of CONTRACT.md for one escrow; undefined means unbounded. */
export interface Bounds {
  notBefore?: bigint;
  /** the upper bound must be strictly below this */
  before?: bigint;
}

/** The contract's time rules for a command on one escrow (cooldowns are the acting party's own). */
export function boundsFor(command: EscrowCommand, request: Pick<EscrowRequest, 'payByTime' | 'submitResultTime' | 'unlockTime' | 'externalDisputeUnlockTime' | 'resultHash' | 'cooldownTime'>): Bounds {
  switch (command) {
    case 'FundsLocking':
      return { before: request.payByTime };
    case 'SubmitResult':
      return { notBefore: request.cooldownTime, before: request.resultHash ? request.externalDisputeUnlockTime : request.submitResultTime };
    case 'Withdraw':
      return { notBefore: request.unlockTime };
    case 'SetRefundRequested':
      return { notBefore: request.cooldownTime, before: request.unlockTime };
    case 'UnSetRefundRequested':
    case 'AuthorizeRefund':
      return { notBefore: request.cooldownTime };
    case 'WithdrawRefund':
      return { notBefore: request.submitResultTime };
  }
}

/** Slack below the tip: the transaction must already be valid when the next block is made. */
const LOWER_SLACK_MS = 60_000n;
/** A window shorter than this cannot reliably be hit. */
const MIN_WINDOW_MS = 10_000n;

/**
 * One validity window for a batch: it satisfies every escrow's bounds, starts no later than the
 * chain's tip (so it is valid now) and lasts at most `timeoutMs`. Undefined when no such window exists yet.
 */
export function batchWindow(bounds: readonly Bounds[], tipMs: bigint, timeoutMs: number): { fromMs: bigint; toMs: bigint } | undefined {
  let fromMs = tipMs - LOWER_SLACK_MS;
  let toMs = tipMs + BigInt(timeoutMs);
  for (const bound of bounds) {
    if (bound.notBefore !== undefined && bound.notBefore > fromMs) fromMs = bound.notBefore;
    if (bound.before !== undefined && bound.before - 1n < toMs) toMs = bound.before - 1n;
  }
  if (fromMs > tipMs || toMs - fromMs < MIN_WINDOW_MS) return undefined;
  return { fromMs, toMs };
}

/** Whether this one escrow could act now (used to pick which requests join a batch). */
export function isDue(command: EscrowCommand, request: Parameters<typeof boundsFor>[1], tipMs: bigint, timeoutMs: number): boolean {
  return batchWindow([boundsFor(command, request)], tipMs, timeoutMs) !== undefined;
}
