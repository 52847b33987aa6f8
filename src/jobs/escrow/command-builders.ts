import type { Asset } from '@meshsdk/core';
import type { ChainContext, EscrowScriptSource, EscrowUtxo, FundingWallet, UnsignedTx, ValidityWindowMs } from '../../cardano/builders/builder-types.js';
import { buildAuthorizeRefundTx } from '../../cardano/builders/authorize-refund-builder.js';
import type { BatchAction } from '../../cardano/builders/batch-limits.js';
import { buildLockTx } from '../../cardano/builders/lock-builder.js';
import { buildSetRefundRequestedTx } from '../../cardano/builders/set-refund-requested-builder.js';
import { buildSubmitResultTx } from '../../cardano/builders/submit-result-builder.js';
import { buildUnSetRefundRequestedTx } from '../../cardano/builders/unset-refund-requested-builder.js';
import { buildWithdrawRefundTx } from '../../cardano/builders/withdraw-refund-builder.js';
import { buildWithdrawTx } from '../../cardano/builders/withdraw-builder.js';
import { referenceKeyOf } from '../../domain/blockchain-identifier.js';
import type { EscrowCommand } from '../../domain/escrow-transitions.js';
import type { EscrowAction, EscrowAmount, EscrowRequest, HotWallet } from '../../generated/prisma/client.js';

export type CommandRequest = EscrowRequest & { amounts: EscrowAmount[]; wallet: HotWallet | null; currentAction: EscrowAction | null };

export interface BuildArgs {
  ctx: ChainContext;
  wallet: FundingWallet;
  escrow: EscrowScriptSource;
  window: ValidityWindowMs;
  items: { request: CommandRequest; utxo: EscrowUtxo | undefined }[];
}

export const BATCH_ACTION: Record<EscrowCommand, BatchAction> = {
  FundsLocking: 'Lock',
  SubmitResult: 'SubmitResult',
  Withdraw: 'Withdraw',
  AuthorizeRefund: 'AuthorizeRefund',
  SetRefundRequested: 'SetRefundRequested',
  UnSetRefundRequested: 'UnSetRefundRequested',
  WithdrawRefund: 'WithdrawRefund',
};

function priceAssets(request: CommandRequest): Asset[] {
  return request.amounts.filter((amount) => amount.kind === 'Price').map(({ unit, amount }) => ({ unit: unit === '' ? 'lovelace' : unit, quantity: amount.toString() }));
}

function escrowsOf(items: BuildArgs['items']): EscrowUtxo[] {
  return items.map(({ utxo, request }) => {
    if (!utxo) throw new Error(`escrow output of request ${request.id} is not known`);
    return utxo;
  });
}

function lockTerms(request: CommandRequest) {
  if (!request.wallet || !request.counterpartyAddress || !request.referenceSignature) throw new Error(`purchase ${request.id} lacks its wallet, seller address or signature`);
  return {
    buyer: request.wallet.walletAddress,
    seller: request.counterpartyAddress,
    referenceKey: referenceKeyOf(request.blockchainIdentifier),
    referenceSignature: request.referenceSignature,
    sellerNonce: request.sellerNonce,
    buyerNonce: request.identifierFromPurchaser,
    inputHash: request.inputHash,
    payByTime: request.payByTime,
    submitResultTime: request.submitResultTime,
    unlockTime: request.unlockTime,
    externalDisputeUnlockTime: request.externalDisputeUnlockTime,
  };
}

/** One builder per command; every one takes the whole batch. */
export const COMMAND_BUILDERS: Record<EscrowCommand, (args: BuildArgs) => Promise<UnsignedTx>> = {
  FundsLocking: (args) =>
    buildLockTx({
      ctx: args.ctx,
      wallet: args.wallet,
      escrowAddress: args.escrow.script.address,
      window: args.window,
      escrows: args.items.map(({ request }) => ({ price: priceAssets(request), terms: lockTerms(request) })),
    }),
  SubmitResult: (args) =>
    buildSubmitResultTx({
      ...args,
      results: args.items.map(({ request, utxo }) => {
        const resultHash = request.currentAction?.resultHash;
        if (!utxo || !resultHash) throw new Error(`payment ${request.id} lacks its escrow output or result hash`);
        return { escrow: utxo, resultHash };
      }),
    }),
  Withdraw: (args) => buildWithdrawTx({ ...args, escrows: escrowsOf(args.items) }),
  AuthorizeRefund: (args) => buildAuthorizeRefundTx({ ...args, escrows: escrowsOf(args.items) }),
  SetRefundRequested: (args) => buildSetRefundRequestedTx({ ...args, escrows: escrowsOf(args.items) }),
  UnSetRefundRequested: (args) => buildUnSetRefundRequestedTx({ ...args, escrows: escrowsOf(args.items) }),
  WithdrawRefund: (args) => buildWithdrawRefundTx({ ...args, escrows: escrowsOf(args.items) }),
};
