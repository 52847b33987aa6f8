import { describe, expect, it } from 'vitest';
import {
  CHAIN_EFFECTS,
  COMMANDS,
  type ChainEvent,
  type EscrowCommand,
  mayRequest,
  nextActionAfter,
  type OnChainState,
  stateAfter,
} from '../../src/domain/escrow-transitions.js';

const STATES: (OnChainState | null)[] = [null, 'FundsLocked', 'FundsOrDatumInvalid', 'ResultSubmitted', 'RefundRequested', 'Disputed', 'Withdrawn', 'RefundWithdrawn', 'DisputedWithdrawn'];

// CONTRACT.md's redeemer table, restated independently: [event, from, to].
const CONTRACT_ROWS: [ChainEvent, OnChainState | null, OnChainState][] = [
  ['Lock', null, 'FundsLocked'],
  ['SubmitResult', 'FundsLocked', 'ResultSubmitted'],
  ['SubmitResult', 'ResultSubmitted', 'ResultSubmitted'],
  ['SubmitResult', 'RefundRequested', 'Disputed'],
  ['SubmitResult', 'Disputed', 'Disputed'],
  ['SetRefundRequested', 'FundsLocked', 'RefundRequested'],
  ['SetRefundRequested', 'ResultSubmitted', 'Disputed'],
  ['SetRefundRequested', 'Disputed', 'Disputed'],
  ['UnSetRefundRequested', 'RefundRequested', 'FundsLocked'],
  ['UnSetRefundRequested', 'Disputed', 'ResultSubmitted'],
  ['AuthorizeRefund', 'Disputed', 'RefundRequested'],
  ['Withdraw', 'ResultSubmitted', 'Withdrawn'],
  ['WithdrawRefund', 'FundsLocked', 'RefundWithdrawn'],
  ['WithdrawRefund', 'RefundRequested', 'RefundWithdrawn'],
  ['WithdrawDisputed', 'Disputed', 'DisputedWithdrawn'],
];

describe('chain effects follow the contract, row by row', () => {
  for (const event of Object.keys(CHAIN_EFFECTS) as ChainEvent[]) {
    for (const from of STATES) {
      const row = CONTRACT_ROWS.find(([e, f]) => e === event && f === from);
      it(`${event} from ${from ?? 'nothing'} → ${row?.[2] ?? 'impossible'}`, () => {
        expect(stateAfter(event, from)).toBe(row?.[2]);
      });
    }
  }
});

// SPEC §3/§5: which API/job command may start from which state.
const ALLOWED: Record<EscrowCommand, (OnChainState | null)[]> = {
  FundsLocking: [null],
  SetRefundRequested: ['FundsLocked', 'ResultSubmitted'],
  UnSetRefundRequested: ['RefundRequested', 'Disputed'],
  WithdrawRefund: ['FundsLocked', 'RefundRequested'],
  SubmitResult: ['FundsLocked', 'ResultSubmitted', 'RefundRequested', 'Disputed'],
  Withdraw: ['ResultSubmitted'],
  AuthorizeRefund: ['Disputed'],
};

describe('commands may start only from their states, by their role, when nothing else is pending', () => {
  for (const command of Object.keys(COMMANDS) as EscrowCommand[]) {
    const rule = COMMANDS[command];
    for (const state of STATES) {
      it(`${command} (${rule.role}) from ${state ?? 'nothing'}`, () => {
        const nextAction = command === 'FundsLocking' ? 'FundsLockingRequested' : 'WaitingForExternalAction';
        expect(mayRequest(command, { role: rule.role, onChainState: state, nextAction }).ok).toBe(ALLOWED[command].includes(state));
        const other = rule.role === 'Seller' ? 'Buyer' : 'Seller';
        expect(mayRequest(command, { role: other, onChainState: state, nextAction }).ok).toBe(false);
      });
    }
    it(`${command} is refused while another action is in flight`, () => {
      const state = ALLOWED[command][0] ?? null;
      const busy = mayRequest(command, { role: rule.role, onChainState: state, nextAction: 'WithdrawInitiated' });
      expect(busy).toMatchObject({ ok: false });
    });
  }
});

describe('next action after a chain event', () => {
  it('our own completed command leaves the request waiting for the outside world', () => {
    expect(nextActionAfter('Seller', 'SubmitResult', 'ResultSubmitted', 'SubmitResultInitiated')).toBe('WaitingForExternalAction');
    expect(nextActionAfter('Buyer', 'Lock', 'FundsLocked', 'FundsLockingInitiated')).toBe('WaitingForExternalAction');
  });
  it('a final state ends the request', () => {
    expect(nextActionAfter('Seller', 'Withdraw', 'Withdrawn', 'WithdrawInitiated')).toBe('None');
    expect(nextActionAfter('Seller', 'WithdrawRefund', 'RefundWithdrawn', 'WaitingForExternalAction')).toBe('None');
    expect(nextActionAfter('Buyer', 'WithdrawDisputed', 'DisputedWithdrawn', 'WaitingForExternalAction')).toBe('None');
  });
  it('a request of ours that is still possible stays requested', () => {
    expect(nextActionAfter('Seller', 'SetRefundRequested', 'RefundRequested', 'SubmitResultRequested')).toBe('SubmitResultRequested');
  });
  it('an in-flight command overtaken by the other party goes back to requested, to be rebuilt on the new output', () => {
    expect(nextActionAfter('Seller', 'SetRefundRequested', 'RefundRequested', 'SubmitResultInitiated')).toBe('SubmitResultRequested');
  });
  it('a request waiting for an operator keeps waiting until the escrow is over', () => {
    expect(nextActionAfter('Seller', 'SetRefundRequested', 'Disputed', 'WaitingForManualAction')).toBe('WaitingForManualAction');
    expect(nextActionAfter('Seller', 'WithdrawDisputed', 'DisputedWithdrawn', 'WaitingForManualAction')).toBe('None');
  });
  it('an in-flight command that became impossible is dropped', () => {
    expect(nextActionAfter('Buyer', 'UnSetRefundRequested', 'ResultSubmitted', 'WithdrawRefundInitiated')).toBe('WaitingForExternalAction');
  });
});
