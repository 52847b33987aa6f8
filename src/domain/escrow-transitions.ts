/**
 * The lifecycle of an escrow, as data. Routes and jobs ask this table what they may do; the chain
 * watcher asks it what an observed transaction means. A test walks every row.
 */

export type Role = 'Seller' | 'Buyer';

export type OnChainState =
  | 'FundsLocked'
  | 'FundsOrDatumInvalid'
  | 'ResultSubmitted'
  | 'RefundRequested'
  | 'Disputed'
  | 'Withdrawn'
  | 'RefundWithdrawn'
  | 'DisputedWithdrawn';

export type RequestedAction =
  | 'None'
  | 'Ignore'
  | 'WaitingForManualAction'
  | 'WaitingForExternalAction'
  | 'FundsLockingRequested'
  | 'FundsLockingInitiated'
  | 'SetRefundRequestedRequested'
  | 'SetRefundRequestedInitiated'
  | 'UnSetRefundRequestedRequested'
  | 'UnSetRefundRequestedInitiated'
  | 'WithdrawRefundRequested'
  | 'WithdrawRefundInitiated'
  | 'SubmitResultRequested'
  | 'SubmitResultInitiated'
  | 'WithdrawRequested'
  | 'WithdrawInitiated'
  | 'AuthorizeRefundRequested'
  | 'AuthorizeRefundInitiated';

/** Something our node does on chain for one side of an escrow. */
export type EscrowCommand =
  | 'FundsLocking'
  | 'SetRefundRequested'
  | 'UnSetRefundRequested'
  | 'WithdrawRefund'
  | 'SubmitResult'
  | 'Withdraw'
  | 'AuthorizeRefund';

export interface CommandRule {
  role: Role;
  /** On-chain states the command may start from (null: nothing on chain yet). */
  from: readonly (OnChainState | null)[];
  /** Whether an API call may ask for it (the rest are only started by jobs). */
  byApi: boolean;
  requested: RequestedAction;
  initiated: RequestedAction;
}

export const COMMANDS: Readonly<Record<EscrowCommand, CommandRule>> = {
  FundsLocking: { role: 'Buyer', from: [null], byApi: true, requested: 'FundsLockingRequested', initiated: 'FundsLockingInitiated' },
  SetRefundRequested: { role: 'Buyer', from: ['FundsLocked', 'ResultSubmitted'], byApi: true, requested: 'SetRefundRequestedRequested', initiated: 'SetRefundRequestedInitiated' },
  UnSetRefundRequested: { role: 'Buyer', from: ['RefundRequested', 'Disputed'], byApi: true, requested: 'UnSetRefundRequestedRequested', initiated: 'UnSetRefundRequestedInitiated' },
  WithdrawRefund: { role: 'Buyer', from: ['FundsLocked', 'RefundRequested'], byApi: false, requested: 'WithdrawRefundRequested', initiated: 'WithdrawRefundInitiated' },
  SubmitResult: { role: 'Seller', from: ['FundsLocked', 'ResultSubmitted', 'RefundRequested', 'Disputed'], byApi: true, requested: 'SubmitResultRequested', initiated: 'SubmitResultInitiated' },
  Withdraw: { role: 'Seller', from: ['ResultSubmitted'], byApi: false, requested: 'WithdrawRequested', initiated: 'WithdrawInitiated' },
  AuthorizeRefund: { role: 'Seller', from: ['Disputed'], byApi: true, requested: 'AuthorizeRefundRequested', initiated: 'AuthorizeRefundInitiated' },
};

const BY_REQUESTED = new Map(Object.entries(COMMANDS).map(([command, rule]) => [rule.requested, command as EscrowCommand]));
const BY_INITIATED = new Map(Object.entries(COMMANDS).map(([command, rule]) => [rule.initiated, command as EscrowCommand]));

export function commandOfRequested(action: RequestedAction): EscrowCommand | undefined {
  return BY_REQUESTED.get(action);
}

export function commandOfInitiated(action: RequestedAction): EscrowCommand | undefined {
  return BY_INITIATED.get(action);
}

export const FINAL_STATES: readonly OnChainState[] = ['Withdrawn', 'RefundWithdrawn', 'DisputedWithdrawn', 'FundsOrDatumInvalid'];

export function isFinal(state: OnChainState | null): boolean {
  return state !== null && FINAL_STATES.includes(state);
}

export type CommandRefusal = { ok: false; reason: string };

/**
 * May `command` be requested now? Only when the request waits for something from outside (or, for
 * a new purchase, is new) and the on-chain state allows it.
 */
export function mayRequest(
  command: EscrowCommand,
  current: { role: Role; onChainState: OnChainState | null; nextAction: RequestedAction },
): { ok: true } | CommandRefusal {
  const rule = COMMANDS[command];
  if (rule.role !== current.role) return { ok: false, reason: `${command} is a ${rule.role.toLowerCase()} action` };
  if (!rule.from.includes(current.onChainState)) {
    return { ok: false, reason: `${command} is not possible in on-chain state ${current.onChainState ?? 'none (not locked yet)'}` };
  }
  if (current.nextAction !== 'WaitingForExternalAction' && !(command === 'FundsLocking' && current.nextAction === 'FundsLockingRequested')) {
    return { ok: false, reason: `the request is busy: next action is ${current.nextAction}` };
  }
  return { ok: true };
}

/** What an escrow transaction seen on chain did, read from its redeemer (or its output, for a lock). */
export type ChainEvent =
  | 'Lock'
  | 'SubmitResult'
  | 'SetRefundRequested'
  | 'UnSetRefundRequested'
  | 'AuthorizeRefund'
  | 'Withdraw'
  | 'WithdrawRefund'
  | 'WithdrawDisputed';

/** The state an event leads to, from each state it may follow (the contract's table). */
export const CHAIN_EFFECTS: Readonly<Record<ChainEvent, Partial<Record<OnChainState | 'none', OnChainState>>>> = {
  Lock: { none: 'FundsLocked' },
  SubmitResult: { FundsLocked: 'ResultSubmitted', ResultSubmitted: 'ResultSubmitted', RefundRequested: 'Disputed', Disputed: 'Disputed' },
  SetRefundRequested: { FundsLocked: 'RefundRequested', ResultSubmitted: 'Disputed', Disputed: 'Disputed' },
  UnSetRefundRequested: { RefundRequested: 'FundsLocked', Disputed: 'ResultSubmitted' },
  AuthorizeRefund: { Disputed: 'RefundRequested' },
  Withdraw: { ResultSubmitted: 'Withdrawn' },
  WithdrawRefund: { FundsLocked: 'RefundWithdrawn', RefundRequested: 'RefundWithdrawn' },
  WithdrawDisputed: { Disputed: 'DisputedWithdrawn' },
};

/** The event our own command produces on chain. */
export const EVENT_OF_COMMAND: Readonly<Record<EscrowCommand, ChainEvent>> = {
  FundsLocking: 'Lock',
  SetRefundRequested: 'SetRefundRequested',
  UnSetRefundRequested: 'UnSetRefundRequested',
  WithdrawRefund: 'WithdrawRefund',
  SubmitResult: 'SubmitResult',
  Withdraw: 'Withdraw',
  AuthorizeRefund: 'AuthorizeRefund',
};

export function stateAfter(event: ChainEvent, from: OnChainState | null): OnChainState | undefined {
  return CHAIN_EFFECTS[event][from ?? 'none'];
}

/**
 * The next action after the chain moved the escrow to `state`. A command of ours still waiting
 * (Requested) stays if it is still possible; one in flight (Initiated) that this event completes
 * is done; anything else waits for the outside world, or is over.
 */
export function nextActionAfter(
  role: Role,
  event: ChainEvent,
  state: OnChainState,
  current: RequestedAction,
): RequestedAction {
  if (isFinal(state)) return 'None';
  // An operator has to look at it; the chain moving on does not change that.
  if (current === 'WaitingForManualAction') return current;
  const pending = commandOfRequested(current);
  if (pending && COMMANDS[pending].role === role && COMMANDS[pending].from.includes(state)) return current;
  const inFlight = commandOfInitiated(current);
  if (inFlight && EVENT_OF_COMMAND[inFlight] !== event && COMMANDS[inFlight].from.includes(state)) {
    // Another party's transaction landed first; ours spends the old output and cannot confirm.
    return COMMANDS[inFlight].requested;
  }
  return 'WaitingForExternalAction';
}
