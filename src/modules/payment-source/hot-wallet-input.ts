import { identityOf, InvalidMnemonicError, meshWalletFromMnemonic, networkIdOfAddress, normaliseMnemonic } from '../../cardano/wallet-keys.js';
import type { SecretBox } from '../../crypto/secret-box.js';
import { AppError } from '../../errors.js';
import type { WalletType } from '../../generated/prisma/enums.js';
import type { WalletInput } from './payment-source.schemas.js';

export interface HotWalletRow {
  type: WalletType;
  walletVkey: string;
  walletAddress: string;
  encryptedMnemonic: string;
  collectionAddress: string | null;
  note: string | null;
}

export function assertAddressOnNetwork(address: string, networkId: 0 | 1, field: string): void {
  if (networkIdOfAddress(address) !== networkId) {
    throw new AppError('VALIDATION_ERROR', `${field}: not a ${networkId === 1 ? 'Mainnet' : 'testnet'} address`);
  }
}

/** Hot wallets from mnemonics: derived address and key hash, mnemonic encrypted. */
export async function hotWalletRows(secretBox: SecretBox, networkId: 0 | 1, type: WalletType, inputs: WalletInput[], field: string): Promise<HotWalletRow[]> {
  const rows: HotWalletRow[] = [];
  for (const [index, input] of inputs.entries()) {
    let words: string[];
    try {
      words = normaliseMnemonic(input.walletMnemonic);
    } catch (error) {
      if (error instanceof InvalidMnemonicError) throw new AppError('VALIDATION_ERROR', `${field}.${index}.walletMnemonic: ${error.message}`);
      throw error;
    }
    if (input.collectionAddress) assertAddressOnNetwork(input.collectionAddress, networkId, `${field}.${index}.collectionAddress`);
    const identity = await identityOf(await meshWalletFromMnemonic(words, networkId));
    rows.push({
      type,
      walletVkey: identity.vkey,
      walletAddress: identity.address,
      encryptedMnemonic: secretBox.encrypt(words.join(' ')),
      collectionAddress: input.collectionAddress ?? null,
      note: input.note ?? null,
    });
  }
  return rows;
}

export function assertDistinctWallets(rows: { walletVkey: string }[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.walletVkey)) throw new AppError('VALIDATION_ERROR', `walletMnemonic: the same wallet is given twice (${row.walletVkey})`);
    seen.add(row.walletVkey);
  }
}
