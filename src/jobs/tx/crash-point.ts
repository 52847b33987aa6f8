/**
 * Named points in `sendTransaction` where the resilience suite kills the node (`CRASH_AT`, test
 * only, off by default). The row is written before the submission, so the points are:
 *
 * - `before-submit`: the row (hash, deadline, signed bytes) and the requests' `…Initiated` state are
 *   committed; nothing has left the node.
 * - `after-submit`: the provider took the transaction; the database write after the submission
 *   (`submittedAt`) has not happened, and the job still holds its wallet claim.
 * - `after-write`: `submittedAt` is written; the job has not returned or released its wallet claim.
 */
export const CRASH_POINTS = ['before-submit', 'after-submit', 'after-write'] as const;
export type CrashPointName = (typeof CRASH_POINTS)[number];

/** Where to crash, optionally only for one transaction kind (e.g. `FundsLocking`, `Withdraw`). */
export interface CrashAt {
  readonly point: CrashPointName;
  readonly kind: string | undefined;
}

/** SIGKILL, not exit: no `finally`, no shutdown hook, no flush — exactly what `kill -9` leaves behind. */
export function crashPoint(armed: CrashAt | undefined, point: CrashPointName, kind: string): void {
  if (!armed || armed.point !== point || (armed.kind !== undefined && armed.kind !== kind)) return;
  process.kill(process.pid, 'SIGKILL');
}
