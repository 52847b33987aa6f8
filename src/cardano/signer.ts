import { createHash } from 'node:crypto';
import type { MeshWallet } from '@meshsdk/core';
import type { SecretBox } from '../crypto/secret-box.js';
import { meshWalletFromMnemonic } from './wallet-keys.js';

/**
 * How long a derived wallet is kept after its derivation (not after its last use): deriving one
 * costs ~15 ms of CPU (PBKDF2 and BIP32), which dominated a POST /payment. Within this bound the
 * keys sit in this process's memory only, in this module's map; they are never logged or returned.
 */
export const HOT_WALLET_TTL_MS = 60_000;
const MAX_WALLETS = 64;

interface CachedWallet {
  wallet: Promise<MeshWallet>;
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

function derive(secretBox: SecretBox, encryptedMnemonic: string, networkId: 0 | 1): Promise<MeshWallet> {
  const cache = cacheOf(secretBox);
  const key = `${networkId}:${createHash('sha256').update(encryptedMnemonic).digest('hex')}`;
  const now = Date.now();
  const cached = cache.get(key);
  if (cached && cached.expiresAt > now) return cached.wallet;
  if (cache.size >= MAX_WALLETS) {
    for (const [oldKey, entry] of cache) if (entry.expiresAt <= now || cache.size >= MAX_WALLETS) cache.delete(oldKey);
  }
  const wallet = meshWalletFromMnemonic(secretBox.decrypt(encryptedMnemonic).split(' '), networkId);
  const entry: CachedWallet = { wallet, expiresAt: now + HOT_WALLET_TTL_MS };
  cache.set(key, entry);
  // Dropped at expiry even if never asked for again, so idle keys do not linger; a failed derivation is not kept.
  setTimeout(() => cache.get(key) === entry && cache.delete(key), HOT_WALLET_TTL_MS).unref();
  wallet.catch(() => cache.get(key) === entry && cache.delete(key));
  return wallet;
}

/**
 * The only place a stored mnemonic is decrypted. The derived wallet is kept here for at most
 * HOT_WALLET_TTL_MS; neither the words nor the wallet leave this module's callers' stack frames.
 */
export async function withHotWallet<T>(
  secretBox: SecretBox,
  encryptedMnemonic: string,
  networkId: 0 | 1,
  use: (wallet: MeshWallet) => Promise<T>,
): Promise<T> {
  return use(await derive(secretBox, encryptedMnemonic, networkId));
}

export async function signTransaction(secretBox: SecretBox, encryptedMnemonic: string, networkId: 0 | 1, unsignedTxHex: string): Promise<string> {
  return withHotWallet(secretBox, encryptedMnemonic, networkId, (wallet) => wallet.signTx(unsignedTxHex, true));
}
