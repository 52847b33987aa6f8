import { escrowScreen } from './escrow-requests.js';

const target = (record, network) => ({ network, blockchainIdentifier: record.blockchainIdentifier });

export default escrowScreen({
  id: 'payments',
  title: 'Payments',
  noun: 'Payment',
  hint: 'Seller side: jobs our agents sell. Open a payment to see its history and act on it.',
  path: '/payment',
  listKey: 'Payments',
  fundsKey: 'RequestedFunds',
  fundsLabel: 'Requested',
  counterpartyKey: 'BuyerWallet',
  counterpartyLabel: 'Buyer wallet',
  actions: [
    {
      label: 'Authorize refund',
      path: '/payment/authorize-refund',
      danger: true,
      confirm: 'Authorize a refund to the buyer for this payment?',
      body: target,
    },
    {
      label: 'Error-state recovery',
      path: '/payment/error-state-recovery',
      confirm: 'Clear the manual-action error of this payment?',
      // updatedAt is the optimistic lock: the recovery fails if the payment changed meanwhile.
      body: (record, network) => ({ ...target(record, network), updatedAt: record.updatedAt }),
    },
  ],
});
