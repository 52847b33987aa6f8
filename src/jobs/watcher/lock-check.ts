import type { EscrowDatum } from '../../cardano/contract/escrow-datum.js';
import type { AssetAmount } from '../../cardano/contract/escrow-tx-decoder.js';
import { referenceKeyOf } from '../../domain/blockchain-identifier.js';
import type { EscrowAmount, EscrowRequest, HotWallet } from '../../generated/prisma/client.js';

export type LockedRequest = EscrowRequest & { amounts: EscrowAmount[]; wallet: HotWallet | null };

function sellerAddressOf(request: LockedRequest): string | null {
  return request.role === 'Seller' ? (request.wallet?.walletAddress ?? null) : request.counterpartyAddress;
}

/**
 * Checks a new escrow strictly against what was agreed: every datum field, and a value of at
 * least the price (plus the collateral return in lovelace). Returns what is wrong, or nothing.
 */
export function lockMismatch(request: LockedRequest, datum: EscrowDatum | null, value: readonly AssetAmount[]): string | undefined {
  if (!datum) return 'the escrow output has no valid inline datum';
  const expected: [string, unknown, unknown][] = [
    ['seller', datum.seller, sellerAddressOf(request)],
    ['reference_key', datum.referenceKey, referenceKeyOf(request.blockchainIdentifier)],
    ['reference_signature', datum.referenceSignature, request.referenceSignature],
    ['seller_nonce', datum.sellerNonce, request.sellerNonce],
    ['buyer_nonce', datum.buyerNonce, request.identifierFromPurchaser],
    ['input_hash', datum.inputHash, request.inputHash],
    ['result_hash', datum.resultHash, ''],
    ['pay_by_time', datum.payByTime, request.payByTime],
    ['submit_result_time', datum.submitResultTime, request.submitResultTime],
    ['unlock_time', datum.unlockTime, request.unlockTime],
    ['external_dispute_unlock_time', datum.externalDisputeUnlockTime, request.externalDisputeUnlockTime],
    ['seller_cooldown_time', datum.sellerCooldownTime, 0n],
    ['buyer_cooldown_time', datum.buyerCooldownTime, 0n],
    ['state', datum.state, 'FundsLocked'],
  ];
  if (request.role === 'Buyer') expected.push(['buyer', datum.buyer, request.wallet?.walletAddress ?? null]);
  for (const [field, actual, wanted] of expected) {
    if (actual !== wanted) return `datum field ${field} is ${String(actual)}, expected ${String(wanted)}`;
  }
  if (datum.collateralReturnLovelace < 0n) return 'datum field collateral_return_lovelace is negative';
  const needed = new Map<string, bigint>([['lovelace', datum.collateralReturnLovelace]]);
  for (const price of request.amounts.filter((amount) => amount.kind === 'Price')) {
    const unit = price.unit === '' ? 'lovelace' : price.unit;
    needed.set(unit, (needed.get(unit) ?? 0n) + price.amount);
  }
  const held = new Map(value.map(({ unit, quantity }) => [unit, quantity]));
  for (const [unit, amount] of needed) {
    if ((held.get(unit) ?? 0n) < amount) return `the escrow holds ${held.get(unit) ?? 0n} of ${unit}, less than the ${amount} agreed`;
  }
  return undefined;
}
