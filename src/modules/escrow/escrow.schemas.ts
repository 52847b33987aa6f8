import { z } from 'zod';
import { PageQuery } from '../../http/pagination.js';
import { AmountDto, BooleanLike, Network } from '../../http/wire-types.js';

export const OnChainStateEnum = z.enum(['FundsLocked', 'FundsOrDatumInvalid', 'ResultSubmitted', 'RefundRequested', 'Disputed', 'Withdrawn', 'RefundWithdrawn', 'DisputedWithdrawn']);
export const RequestedActionEnum = z.enum([
  'None', 'Ignore', 'WaitingForManualAction', 'WaitingForExternalAction',
  'FundsLockingRequested', 'FundsLockingInitiated', 'SetRefundRequestedRequested', 'SetRefundRequestedInitiated',
  'UnSetRefundRequestedRequested', 'UnSetRefundRequestedInitiated', 'WithdrawRefundRequested', 'WithdrawRefundInitiated',
  'SubmitResultRequested', 'SubmitResultInitiated', 'WithdrawRequested', 'WithdrawInitiated',
  'AuthorizeRefundRequested', 'AuthorizeRefundInitiated',
]);

/** The blockchain identifier as clients send it back; its own length bound keeps junk cheap to refuse. */
export const BlockchainIdentifier = z.string().min(1).max(8000);

export const ListEscrowQuery = z.strictObject({
  network: Network,
  ...PageQuery,
  filterSmartContractAddress: z.string().max(250).optional(),
  includeHistory: BooleanLike.optional(),
  filterBlockchainIdentifier: BlockchainIdentifier.optional(),
  filterOnChainState: OnChainStateEnum.optional(),
  filterNextAction: RequestedActionEnum.optional(),
  updatedSince: z.string().max(40).optional().describe('ISO-8601 or unix ms: only rows changed at or after it, oldest change first'),
});
export type ListEscrowQuery = z.infer<typeof ListEscrowQuery>;

export const ResolveEscrowBody = z.strictObject({
  network: Network,
  blockchainIdentifier: BlockchainIdentifier,
  includeHistory: BooleanLike.optional(),
  filterSmartContractAddress: z.string().max(250).nullable().optional(),
});

export const EscrowActionBody = z.strictObject({ network: Network, blockchainIdentifier: BlockchainIdentifier });

export const ErrorStateRecoveryBody = z.strictObject({
  network: Network,
  blockchainIdentifier: BlockchainIdentifier,
  updatedAt: z.string().min(1).max(40).describe('the updatedAt you last saw (ISO-8601 or unix ms): an optimistic lock'),
  retryPreviousAction: BooleanLike.optional(),
});

const Transaction = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  txHash: z.string(),
  status: z.string(),
  fees: z.string().nullable(),
  blockHeight: z.number().nullable(),
  confirmations: z.number(),
});

const Wallet = z.object({ id: z.string(), walletVkey: z.string(), walletAddress: z.string() });
const Counterparty = z.object({ walletVkey: z.string(), walletAddress: z.string().nullable() });

const EscrowFields = {
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  blockchainIdentifier: z.string(),
  agentIdentifier: z.string(),
  identifierFromPurchaser: z.string(),
  lastCheckedAt: z.string().nullable(),
  payByTime: z.string(),
  submitResultTime: z.string(),
  unlockTime: z.string(),
  externalDisputeUnlockTime: z.string(),
  collateralReturnLovelace: z.string().nullable(),
  requestedById: z.string(),
  inputHash: z.string(),
  resultHash: z.string().nullable(),
  onChainState: OnChainStateEnum.nullable(),
  cooldownTime: z.number(),
  cooldownTimeOtherParty: z.number(),
  NextAction: z.object({ requestedAction: RequestedActionEnum, errorType: z.string().nullable(), errorNote: z.string().nullable(), resultHash: z.string().nullable() }),
  CurrentTransaction: Transaction.nullable(),
  TransactionHistory: z.array(Transaction).nullable(),
  ActionHistory: z
    .array(z.object({ id: z.string(), createdAt: z.string(), requestedAction: RequestedActionEnum, errorType: z.string().nullable(), errorNote: z.string().nullable(), resultHash: z.string().nullable() }))
    .nullable(),
  WithdrawnForSeller: z.array(AmountDto),
  WithdrawnForBuyer: z.array(AmountDto),
  WithdrawnForFee: z.array(AmountDto).describe('beyond Masumi: what the fee receiver got'),
  PaymentSource: z.object({ id: z.string(), network: Network, smartContractAddress: z.string(), policyId: z.string(), paymentType: z.literal('Web3CardanoV1') }),
  SmartContractWallet: Wallet.nullable(),
  metadata: z.string().nullable(),
};

export const PaymentDto = z
  .object({ ...EscrowFields, RequestedFunds: z.array(AmountDto), BuyerWallet: Counterparty.nullable(), sellerVKey: z.string().nullable() })
  .meta({ id: 'Payment' });
export const PurchaseDto = z.object({ ...EscrowFields, PaidFunds: z.array(AmountDto), SellerWallet: Counterparty.nullable() }).meta({ id: 'Purchase' });
