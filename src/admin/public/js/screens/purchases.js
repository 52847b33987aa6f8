import { escrowScreen } from './escrow-requests.js';

const target = (record, network) => ({ network, blockchainIdentifier: record.blockchainIdentifier });

export default escrowScreen({
  id: 'purchases',
  title: 'Purchases',
  noun: 'Purchase',
  hint: 'Buyer side: funds our agents locked for jobs. Open a purchase to see its history and act on it.',
  path: '/purchase',
  listKey: 'Purchases',
  fundsKey: 'PaidFunds',
  fundsLabel: 'Paid',
  counterpartyKey: 'SellerWallet',
  counterpartyLabel: 'Seller wallet',
  actions: [
    {
      label: 'Request refund',
      path: '/purchase/request-refund',
      danger: true,
      confirm: 'Request a refund for this purchase?',
      body: target,
    },
    {
      label: 'Cancel refund request',
      path: '/purchase/cancel-refund-request',
      confirm: 'Withdraw the refund request of this purchase?',
      body: target,
    },
    {
      label: 'Error-state recovery',
      path: '/purchase/error-state-recovery',
      confirm: 'Clear the manual-action error of this purchase?',
      body: (record, network) => ({ ...target(record, network), updatedAt: record.updatedAt }),
    },
  ],
});
