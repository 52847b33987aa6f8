import { badge, code, DASH, fields, formatAmounts, formatDuration, formatTime, h, table, text } from '../dom.js';

export function stateBadge(state) {
  return state ? badge(state, 'state') : badge('no on-chain state yet', 'muted');
}

export function actionBadge(nextAction) {
  const action = nextAction?.requestedAction;
  if (!action) return DASH;
  return badge(action, action === 'WaitingForManualAction' ? 'warn' : 'action');
}

export function errorOf(nextAction) {
  if (!nextAction?.errorType && !nextAction?.errorNote) return DASH;
  return h('span', { class: 'error-text' }, [nextAction.errorType, nextAction.errorNote].filter(Boolean).join(': '));
}

function wallet(value) {
  if (!value) return DASH;
  return h('span', null, code(value.walletVkey, 10, 6), value.walletAddress ? [' · ', code(value.walletAddress, 14, 8)] : null);
}

function transaction(value) {
  if (!value) return DASH;
  return h('span', null, code(value.txHash ?? undefined, 10, 6), ' ', badge(value.status, 'muted'));
}

const historyColumns = [
  { label: 'Created', cell: (tx) => formatTime(tx.createdAt) },
  { label: 'Tx hash', cell: (tx) => code(tx.txHash ?? undefined, 12, 8) },
  { label: 'Status', cell: (tx) => badge(tx.status, 'muted') },
  { label: 'Block', cell: (tx) => text(tx.blockHeight) },
  { label: 'Confirmations', cell: (tx) => text(tx.confirmations) },
  { label: 'Fees', cell: (tx) => text(tx.fees) },
];

const actionColumns = [
  { label: 'Created', cell: (action) => formatTime(action.createdAt) },
  { label: 'Action', cell: (action) => badge(action.requestedAction, 'action') },
  { label: 'Error', cell: (action) => errorOf(action) },
  { label: 'Tx hash', cell: (action) => code(action.submittedTxHash ?? undefined, 12, 8) },
];

/** Everything SPEC §4 lists for a payment or purchase, grouped for an operator. */
export function detailFields(config, record) {
  const nextAction = record.NextAction ?? {};
  return h(
    'div',
    { class: 'detail-grid' },
    h('div', null, h('h4', null, 'State'), fields([
      ['On-chain state', stateBadge(record.onChainState)],
      ['Next action', actionBadge(nextAction)],
      ['Error', errorOf(nextAction)],
      ['Current transaction', transaction(record.CurrentTransaction)],
      ['Result hash', code(record.resultHash ?? nextAction.resultHash ?? undefined, 12, 8)],
      ['Last checked', formatTime(record.lastCheckedAt)],
      ['Updated', formatTime(record.updatedAt)],
    ])),
    h('div', null, h('h4', null, 'Times'), fields([
      ['Pay by', formatTime(record.payByTime)],
      ['Submit result by', formatTime(record.submitResultTime)],
      ['Unlock', formatTime(record.unlockTime)],
      ['External dispute unlock', formatTime(record.externalDisputeUnlockTime)],
      ['Cooldown', formatDuration(record.cooldownTime)],
      ['Cooldown other party', formatDuration(record.cooldownTimeOtherParty)],
      ['Created', formatTime(record.createdAt)],
    ])),
    h('div', null, h('h4', null, 'Funds'), fields([
      [config.fundsLabel, formatAmounts(record[config.fundsKey])],
      ['Withdrawn for seller', formatAmounts(record.WithdrawnForSeller)],
      ['Withdrawn for buyer', formatAmounts(record.WithdrawnForBuyer)],
      ['Collateral return', record.collateralReturnLovelace ? `${text(record.collateralReturnLovelace)} lovelace` : DASH],
    ])),
    h('div', null, h('h4', null, 'Parties'), fields([
      ['Network', text(record.PaymentSource?.network)],
      ['Contract', code(record.PaymentSource?.smartContractAddress, 14, 8)],
      ['Our wallet', wallet(record.SmartContractWallet)],
      [config.counterpartyLabel, wallet(record[config.counterpartyKey])],
      ['Requested by key', code(record.requestedById)],
    ])),
    h('div', { class: 'wide' }, h('h4', null, 'Identifiers'), fields([
      ['Blockchain identifier', h('code', { class: 'wrap blockchain-identifier' }, text(record.blockchainIdentifier))],
      ['Agent identifier', h('code', { class: 'wrap' }, text(record.agentIdentifier))],
      ['Input hash', code(record.inputHash)],
      ['Metadata', text(record.metadata)],
    ])),
    Array.isArray(record.TransactionHistory)
      ? h('div', { class: 'wide' }, h('h4', null, 'Transaction history'), table(historyColumns, record.TransactionHistory, { label: 'Transaction history', empty: 'No transactions.' }))
      : null,
    Array.isArray(record.ActionHistory)
      ? h('div', { class: 'wide' }, h('h4', null, 'Action history'), table(actionColumns, record.ActionHistory, { label: 'Action history', empty: 'No earlier actions.' }))
      : null,
    h('details', { class: 'wide raw' }, h('summary', null, 'Raw record'), h('pre', null, JSON.stringify(record, null, 2))),
  );
}
