import type { OnChainState, RequestedAction, Role } from '../../domain/escrow-transitions.js';

/** Masumi's event names, plus next-action changes (which Masumi folds into the others). */
export const WEBHOOK_EVENTS = [
  'PAYMENT_ON_CHAIN_STATUS_CHANGED',
  'PURCHASE_ON_CHAIN_STATUS_CHANGED',
  'PAYMENT_NEXT_ACTION_CHANGED',
  'PURCHASE_NEXT_ACTION_CHANGED',
  'PAYMENT_ON_ERROR',
  'PURCHASE_ON_ERROR',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent only by POST /webhooks/test; nobody subscribes to it. */
export const TEST_EVENT = 'WEBHOOK_TEST';

export interface EscrowSnapshot {
  onChainState: OnChainState | null;
  nextAction: RequestedAction;
}

/** The events one change of a payment (Seller) or purchase (Buyer) raises. */
export function escrowEventsOf(role: Role, before: EscrowSnapshot, after: EscrowSnapshot): WebhookEvent[] {
  const side = role === 'Seller' ? 'PAYMENT' : 'PURCHASE';
  const events: WebhookEvent[] = [];
  if (before.onChainState !== after.onChainState) events.push(`${side}_ON_CHAIN_STATUS_CHANGED`);
  if (before.nextAction !== after.nextAction) {
    events.push(`${side}_NEXT_ACTION_CHANGED`);
    if (after.nextAction === 'WaitingForManualAction') events.push(`${side}_ON_ERROR`);
  }
  return events;
}
