/**
 * On-chain shapes of the escrow contract (plu-ts structs). The off-chain codecs in
 * ../escrow-datum.ts and ../escrow-redeemer.ts encode exactly these constructors.
 */
import { PAddress, bs, int, list, pstruct } from '@harmoniclabs/plu-ts';

export const EscrowState = pstruct({
  FundsLocked: {},
  ResultSubmitted: {},
  RefundRequested: {},
  Disputed: {},
});

export const EscrowDatum = pstruct({
  EscrowDatum: {
    buyer: PAddress.type,
    seller: PAddress.type,
    referenceKey: bs,
    referenceSignature: bs,
    sellerNonce: bs,
    buyerNonce: bs,
    collateralReturnLovelace: int,
    inputHash: bs,
    resultHash: bs,
    payByTime: int,
    submitResultTime: int,
    unlockTime: int,
    externalDisputeUnlockTime: int,
    sellerCooldownTime: int,
    buyerCooldownTime: int,
    state: EscrowState.type,
  },
});

/**
 * `inputIndex` is the position of the spent escrow in tx.inputs (checked against the
 * spent output reference). Continuing actions pair the k-th input at the script address
 * with the k-th output at the script address, so no output can serve two inputs.
 */
export const EscrowAction = pstruct({
  Withdraw: { inputIndex: int, feeOutputIndex: int, buyerOutputIndex: int },
  SetRefundRequested: { inputIndex: int },
  UnSetRefundRequested: { inputIndex: int },
  WithdrawRefund: {},
  WithdrawDisputed: {},
  SubmitResult: { inputIndex: int },
  AuthorizeRefund: { inputIndex: int },
});

export const EscrowParams = pstruct({
  EscrowParams: {
    adminKeyHashes: list(bs),
    requiredAdminSignatures: int,
    feeAddress: PAddress.type,
    feePermille: int,
    cooldownPeriod: int,
  },
});
