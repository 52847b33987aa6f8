import { createHash } from 'node:crypto';
import { type Account, EmbeddedWallet } from '@meshsdk/core';
import { Address, signData } from '@meshsdk/core-cst';
import type { SecretBox } from '../crypto/secret-box.js';
import { meshWalletFromMnemonic } from './wallet-keys.js';

/**
 * How long derived hot-wallet keys are kept after their derivation (not after their last use):
 * deriving costs ~15 ms of CPU (PBKDF2 and BIP32), and Mesh derives the account keys again for
 * every signData (~5 ms); both dominated a POST /payment. Within this bound the keys sit in this
 * process's memory only, in this module's map; they are never logged or returned.
 */
export const HOT_WALLET_TTL_MS = 60_000;
const MAX_WALLETS = 64;

/** What callers may do with a hot wallet: sign, nothing else. */
export interface HotWalletSigner {
  /** CIP-8, as MeshWallet#signData(payloadHex, address) does it. */
  signData(payloadHex: string, address: string): Promise<{ signature: string; key: string }>;
  signTx(unsignedTxHex: string, partialSign: boolean): Promise<string>;
}

interface CachedWallet {
  signer: Promise<HotWalletSigner>;
  expiresAt: number;
}

// Per SecretBox: an envelope is only ever served to the box that authenticated it.
const caches = new WeakMap<SecretBox, Map<string, CachedWallet>>();

function cacheOf(secretBox: SecretBox): Map<string, CachedWallet> {
  let cache = caches.get(secretBox);
  if (!cache) {
    cache = new Map();
    caches.set(secretBox, cache);
  }
  return cache;
}

/** Account 0, key 0: the keys and addresses MeshWallet signs with, derived once. */
async function accountOf(words: string[], networkId: 0 | 1): Promise<Account> {
  const embedded = new EmbeddedWallet({ networkId, key: { type: 'mnemonic', words } });
  await embedded.init();
  return embedded.getAccount(0, 0);
}

async function signerOf(words: string[], networkId: 0 | 1): Promise<HotWalletSigner> {
  const [wallet, account] = await Promise.all([meshWalletFromMnemonic(words, networkId), accountOf(words, networkId)]);
  return {
    async signData(payloadHex, address) {
      // As Mesh's EmbeddedWallet: the payment key for the base or enterprise address, the stake key for the reward address.
      const key = address === account.rewardAddressBech32 ? account.stakeKey : [account.baseAddressBech32, account.enterpriseAddressBech32].includes(address) ? account.paymentKey : undefined;
      if (!key) throw new Error(`address ${address} does not belong to this wallet`);
      return signData(payloadHex, { address: Address.fromBech32(address), key });
    },
    signTx: (unsignedTxHex, partialSign) => wallet.signTx(unsignedTxHex, partialSign),
  };
}

function derive(secretBox: SecretBox, encryptedMnemonic: string, networkId: 0 | 1): Promise<HotWalletSigner> {
  const cache = cacheOf(secretBox);
  const key = `${networkId}:${createHash('sha256').update(encryptedMnemonic).digest('hex')}`;
  const now = Date.now();
  const cached = cache.get(key);
  if (cached && cached.expiresAt > now) return cached.signer;
  if (cache.size >= MAX_WALLETS) {
    for (const [oldKey, entry] of cache) if (entry.expiresAt <= now || cache.size >= MAX_WALLETS) cache.delete(oldKey);
  }
  const signer = signerOf(secretBox.decrypt(encryptedMnemonic).split(' '), networkId);
  const entry: CachedWallet = { signer, expiresAt: now + HOT_WALLET_TTL_MS };
  cache.set(key, entry);
  // Dropped at expiry even if never asked for again, so idle keys do not linger; a failed derivation is not kept.
  setTimeout(() => cache.get(key) === entry && cache.delete(key), HOT_WALLET_TTL_MS).unref();
  signer.catch(() => cache.get(key) === entry && cache.delete(key));
  return signer;
}

/**
 * The only place a stored mnemonic is decrypted. The derived keys are kept here for at most
 * HOT_WALLET_TTL_MS; neither the words nor the keys leave this module.
 */
export async function withHotWallet<T>(
  secretBox: SecretBox,
  encryptedMnemonic: string,
  networkId: 0 | 1,
  use: (wallet: HotWalletSigner) => Promise<T>,
): Promise<T> {
  return use(await derive(secretBox, encryptedMnemonic, networkId));
}

export async function signTransaction(secretBox: SecretBox, encryptedMnemonic: string, networkId: 0 | 1, unsignedTxHex: string): Promise<string> {
  return withHotWallet(secretBox, encryptedMnemonic, networkId, (wallet) => wallet.signTx(unsignedTxHex, true));
}
