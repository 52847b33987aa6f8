/**
 * Collecting the admins' signatures for WithdrawDisputed: each admin signs the unsigned
 * transaction on their own (e.g. `wallet.signTx(txHex, true)`), and their witnesses are merged
 * into one transaction until enough distinct admins have signed.
 */
import { createPublicKey, verify } from 'node:crypto';
import { addVKeyWitnessSetToTransaction } from '@meshsdk/core-cst';
import { blake2bHex, parseTx, type TxView, type VkeyWitnessView } from '../contract/ledger-views.js';
import type { EscrowParams } from '../contract/scripts.js';
import { TxBuildError } from './builder-types.js';

const ED25519_SPKI_PREFIX = '302a300506032b6570032100';

function signs(witness: VkeyWitnessView, txId: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(ED25519_SPKI_PREFIX + witness.vkey(), 'hex'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(txId, 'hex'), key, Buffer.from(witness.signature(), 'hex'));
  } catch {
    return false;
  }
}

/** Vkey witnesses whose signature over the transaction body is valid. */
const validWitnesses = (tx: TxView): VkeyWitnessView[] =>
  (tx.witnessSet().vkeys()?.values() ?? []).filter((w) => signs(w, tx.getId()));

const cborArrayHeader = (n: number) => (n < 24 ? (0x80 + n).toString(16) : `98${n.toString(16).padStart(2, '0')}`);

/** A witness set holding only vkey witnesses: { 0: [[vkey, signature], …] }. */
const vkeyWitnessSet = (witnesses: readonly VkeyWitnessView[]): string =>
  `a100${cborArrayHeader(witnesses.length)}${witnesses.map((w) => `825820${w.vkey()}5840${w.signature()}`).join('')}`;

/**
 * Adds the vkey witnesses of `signedTxHexes` (the same transaction, signed by someone else) to
 * `txHex`. Witnesses for another body or with a bad signature are rejected or ignored.
 */
export function mergeVkeyWitnesses(txHex: string, ...signedTxHexes: readonly string[]): string {
  const tx = parseTx(txHex);
  const present = new Set((tx.witnessSet().vkeys()?.values() ?? []).map((w) => w.vkey()));
  const added = new Map<string, VkeyWitnessView>();
  for (const signedHex of signedTxHexes) {
    const signed = parseTx(signedHex);
    if (signed.getId() !== tx.getId()) throw new TxBuildError('signed transaction differs from the one being collected');
    for (const w of validWitnesses(signed)) if (!present.has(w.vkey())) added.set(w.vkey(), w);
  }
  return added.size === 0 ? txHex : addVKeyWitnessSetToTransaction(txHex, vkeyWitnessSet([...added.values()]));
}

/** Payment key hashes of the keys that validly signed the transaction. */
export const signerKeyHashes = (txHex: string): string[] => validWitnesses(parseTx(txHex)).map((w) => blake2bHex(w.vkey(), 28));

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
