/**
 * Collecting the admins' signatures for WithdrawDisputed: each admin signs the unsigned
 * transaction on their own (e.g. `wallet.signTx(txHex, true)`), and their witnesses are merged
 * into one transaction until enough distinct admins have signed.
 */
import {
  CborSet,
  Ed25519PublicKey,
  Ed25519Signature,
  HexBlob,
  Transaction,
  TxCBOR,
  VkeyWitness,
} from '@meshsdk/core-cst';
import type { EscrowParams } from '../contract/scripts.js';
import { TxBuildError } from './builder-types.js';

const parse = (txHex: string) => Transaction.fromCbor(TxCBOR(txHex));

/** Vkey witnesses whose signature over the transaction body is valid. */
function validWitnesses(tx: ReturnType<typeof parse>): VkeyWitness[] {
  const bodyHash = tx.getId();
  return (tx.witnessSet().vkeys()?.values() ?? []).filter((w) =>
    Ed25519PublicKey.fromHex(w.vkey()).verify(Ed25519Signature.fromHex(w.signature()), HexBlob(bodyHash)),
  );
}

/**
 * Adds the vkey witnesses of `signedTxHexes` (the same transaction, signed by someone else) to
 * `txHex`. Witnesses for another body or with a bad signature are rejected.
 */
export function mergeVkeyWitnesses(txHex: string, ...signedTxHexes: readonly string[]): string {
  const tx = parse(txHex);
  const byKey = new Map<string, VkeyWitness>();
  for (const w of tx.witnessSet().vkeys()?.values() ?? []) byKey.set(w.vkey(), w);
  for (const signedHex of signedTxHexes) {
    const signed = parse(signedHex);
    if (signed.getId() !== tx.getId()) throw new TxBuildError('signed transaction differs from the one being collected');
    for (const w of validWitnesses(signed)) byKey.set(w.vkey(), w);
  }
  const witnessSet = tx.witnessSet();
  witnessSet.setVkeys(CborSet.fromCore([...byKey.values()].map((w) => w.toCore()), VkeyWitness.fromCore));
  tx.setWitnessSet(witnessSet);
  return tx.toCbor();
}

/** Payment key hashes of the keys that validly signed the transaction. */
export function signerKeyHashes(txHex: string): string[] {
  return validWitnesses(parse(txHex)).map((w) => Ed25519PublicKey.fromHex(w.vkey()).hash().hex());
}

export interface AdminSignatureStatus {
  readonly signedBy: readonly string[];
  readonly required: number;
  readonly complete: boolean;
}

/** Which distinct admins have signed, and whether that meets required_admin_signatures. */
export function adminSignatureStatus(
  txHex: string,
  params: Pick<EscrowParams, 'adminKeyHashes' | 'requiredAdminSignatures'>,
): AdminSignatureStatus {
  const admins = new Set(params.adminKeyHashes.map((k) => k.toLowerCase()));
  const signedBy = [...new Set(signerKeyHashes(txHex).filter((k) => admins.has(k)))];
  return { signedBy, required: params.requiredAdminSignatures, complete: signedBy.length >= params.requiredAdminSignatures };
}
