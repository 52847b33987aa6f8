import { deserializeAddress, MeshWallet, mnemonicToEntropy } from '@meshsdk/core';

export interface WalletIdentity {
  /** base address (payment + stake key) */
  address: string;
  /** payment key hash, hex: Masumi's "vkey" */
  vkey: string;
}

export class InvalidMnemonicError extends Error {}

export function generateMnemonic(): string[] {
  const words = MeshWallet.brew(false, 256);
  if (!Array.isArray(words)) throw new Error("mnemonic generation returned no words");
  return words;
}

export function normaliseMnemonic(text: string): string[] {
  const words = text.trim().toLowerCase().split(/\s+/);
  if (![12, 15, 24].includes(words.length)) throw new InvalidMnemonicError('must have 12, 15 or 24 words');
  try {
    mnemonicToEntropy(words.join(' '));
  } catch {
    throw new InvalidMnemonicError('is not a valid BIP-39 mnemonic (unknown word or bad checksum)');
  }
  return words;
}

export async function meshWalletFromMnemonic(words: string[], networkId: 0 | 1): Promise<MeshWallet> {
  const wallet = new MeshWallet({ networkId, key: { type: 'mnemonic', words } });
  await wallet.init();
  return wallet;
}

export async function identityOf(wallet: MeshWallet): Promise<WalletIdentity> {
  const address = await wallet.getChangeAddress();
  return { address, vkey: paymentKeyHashOf(address) };
}

/** Payment key hash of a key address; throws for script or malformed addresses. */
export function paymentKeyHashOf(address: string): string {
  const { pubKeyHash } = deserializeAddress(address);
  if (!/^[0-9a-f]{56}$/.test(pubKeyHash)) throw new Error('address has no payment key hash');
  return pubKeyHash;
}

/** Network id of a bech32 address (addr_test → 0, addr → 1), or undefined when it is not one. */
export function networkIdOfAddress(address: string): 0 | 1 | undefined {
  if (/^addr_test1[02-9ac-hj-np-z]{20,}$/.test(address)) return 0;
  if (/^addr1[02-9ac-hj-np-z]{20,}$/.test(address)) return 1;
  return undefined;
}
