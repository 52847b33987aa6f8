import type { MeshWallet } from '@meshsdk/core';
import type { SecretBox } from '../crypto/secret-box.js';
import { meshWalletFromMnemonic } from './wallet-keys.js';

/**
 * The only place a stored mnemonic is decrypted. The wallet lives for one signing step; neither
 * the words nor the wallet leave this module's callers' stack frames.
 */
export async function withHotWallet<T>(
  secretBox: SecretBox,
  encryptedMnemonic: string,
  networkId: 0 | 1,
  use: (wallet: MeshWallet) => Promise<T>,
): Promise<T> {
  const wallet = await meshWalletFromMnemonic(secretBox.decrypt(encryptedMnemonic).split(' '), networkId);
  return use(wallet);
}

export async function signTransaction(secretBox: SecretBox, encryptedMnemonic: string, networkId: 0 | 1, unsignedTxHex: string): Promise<string> {
  return withHotWallet(secretBox, encryptedMnemonic, networkId, (wallet) => wallet.signTx(unsignedTxHex, true));
}
