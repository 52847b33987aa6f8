import type { ChainTransaction, EscrowAction, EscrowAmount, EscrowRequest, HotWallet, PaymentSource, Prisma } from '../../generated/prisma/client.js';

export type EscrowRow = EscrowRequest & {
  paymentSource: PaymentSource;
  wallet: HotWallet | null;
  currentAction: EscrowAction | null;
  currentTransaction: ChainTransaction | null;
  amounts: EscrowAmount[];
  transactionHistory: ChainTransaction[];
  actions: EscrowAction[];
};

const HISTORY_LIMIT = 500;

/** Histories are always selected (empty unless asked for) so every query has one result type. */
export const escrowInclude = (includeHistory: boolean) =>
  ({
    paymentSource: true,
    wallet: true,
    currentAction: true,
    currentTransaction: true,
    amounts: { orderBy: { unit: 'asc' } },
    transactionHistory: { orderBy: { createdAt: 'desc' }, take: includeHistory ? HISTORY_LIMIT : 0 },
    actions: { orderBy: { createdAt: 'desc' }, take: includeHistory ? HISTORY_LIMIT : 0 },
  }) satisfies Prisma.EscrowRequestInclude;

const ms = (value: bigint | null): string | null => (value === null ? null : value.toString());

function transactionDto(tx: ChainTransaction) {
  return {
    id: tx.id,
    createdAt: tx.createdAt.toISOString(),
    updatedAt: tx.updatedAt.toISOString(),
    txHash: tx.txHash,
    status: tx.status,
    fees: tx.fee === null ? null : tx.fee.toString(),
    blockHeight: tx.blockHeight,
    confirmations: tx.confirmations,
  };
}

function amountsOf(row: EscrowRow, kind: EscrowAmount['kind']) {
  return row.amounts.filter((amount) => amount.kind === kind).map(({ unit, amount }) => ({ unit, amount: amount.toString() }));
}

function walletDto(wallet: HotWallet | null) {
  return wallet ? { id: wallet.id, walletVkey: wallet.walletVkey, walletAddress: wallet.walletAddress } : null;
}

/** The fields payments and purchases share (SPEC §4, Masumi's shape). */
export function escrowDto(row: EscrowRow, includeHistory: boolean) {
  const action = row.currentAction;
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    blockchainIdentifier: row.blockchainIdentifier,
    agentIdentifier: row.agentIdentifier,
    identifierFromPurchaser: row.identifierFromPurchaser,
    lastCheckedAt: row.lastCheckedAt === null ? null : new Date(Number(row.lastCheckedAt)).toISOString(),
    payByTime: row.payByTime.toString(),
    submitResultTime: row.submitResultTime.toString(),
    unlockTime: row.unlockTime.toString(),
    externalDisputeUnlockTime: row.externalDisputeUnlockTime.toString(),
    collateralReturnLovelace: ms(row.collateralReturnLovelace),
    requestedById: row.requestedById,
    inputHash: row.inputHash,
    resultHash: row.resultHash,
    onChainState: row.onChainState,
    cooldownTime: Number(row.cooldownTime),
    cooldownTimeOtherParty: Number(row.cooldownTimeOtherParty),
    NextAction: {
      requestedAction: action?.requestedAction ?? 'None',
      errorType: action?.errorType ?? null,
      errorNote: action?.errorNote ?? null,
      resultHash: action?.resultHash ?? null,
    },
    CurrentTransaction: row.currentTransaction ? transactionDto(row.currentTransaction) : null,
    TransactionHistory: includeHistory ? row.transactionHistory.map(transactionDto) : null,
    ActionHistory: includeHistory
      ? row.actions.map((entry) => ({ id: entry.id, createdAt: entry.createdAt.toISOString(), requestedAction: entry.requestedAction, errorType: entry.errorType, errorNote: entry.errorNote, resultHash: entry.resultHash }))
      : null,
    WithdrawnForSeller: amountsOf(row, 'WithdrawnForSeller'),
    WithdrawnForBuyer: amountsOf(row, 'WithdrawnForBuyer'),
    WithdrawnForFee: amountsOf(row, 'WithdrawnForFee'),
    PaymentSource: {
      id: row.paymentSource.id,
      network: row.paymentSource.network,
      smartContractAddress: row.paymentSource.smartContractAddress,
      policyId: row.paymentSource.policyId,
      paymentType: 'Web3CardanoV1' as const,
    },
    SmartContractWallet: walletDto(row.wallet),
    metadata: row.metadata,
  };
}

export function paymentDto(row: EscrowRow, includeHistory = false) {
  return {
    ...escrowDto(row, includeHistory),
    RequestedFunds: amountsOf(row, 'Price'),
    BuyerWallet: row.counterpartyVkey ? { walletVkey: row.counterpartyVkey, walletAddress: row.counterpartyAddress } : null,
    sellerVKey: row.wallet?.walletVkey ?? null,
  };
}

export function purchaseDto(row: EscrowRow, includeHistory = false) {
  return {
    ...escrowDto(row, includeHistory),
    PaidFunds: amountsOf(row, 'Price'),
    SellerWallet: row.counterpartyVkey ? { walletVkey: row.counterpartyVkey, walletAddress: row.counterpartyAddress } : null,
  };
}
