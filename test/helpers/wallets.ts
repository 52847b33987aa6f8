import { generateMnemonic, identityOf, meshWalletFromMnemonic } from '../../src/cardano/wallet-keys.js';

export interface TestWallet {
  mnemonic: string;
  address: string;
  vkey: string;
}

export async function newTestWallet(networkId: 0 | 1 = 0): Promise<TestWallet> {
  const words = generateMnemonic();
  const identity = await identityOf(await meshWalletFromMnemonic(words, networkId));
  return { mnemonic: words.join(' '), ...identity };
}

export interface ContractParties {
  admins: TestWallet[];
  fee: TestWallet;
}

export async function newContractParties(networkId: 0 | 1 = 0): Promise<ContractParties> {
  const [a1, a2, a3, fee] = await Promise.all(Array.from({ length: 4 }, () => newTestWallet(networkId)));
  return { admins: [a1!, a2!, a3!], fee: fee! };
}

/**
 * A POST /payment-source-extended body with fresh hot wallets. Nodes given the same `parties`
 * share one contract (same address), as sellers and buyers must.
 */
export async function paymentSourceBody(overrides: Record<string, unknown> = {}, networkId: 0 | 1 = 0, shared?: ContractParties) {
  const parties = shared ?? (await newContractParties(networkId));
  const [buyer, seller] = await Promise.all([newTestWallet(networkId), newTestWallet(networkId)]);
  return {
    wallets: { admins: parties.admins, fee: parties.fee, buyer: buyer, seller: seller },
    body: {
      network: networkId === 1 ? 'Mainnet' : 'Preprod',
      feeRatePermille: 50,
      cooldownTime: 60_000,
      AdminWallets: parties.admins.map((w) => ({ walletAddress: w.address })),
      FeeReceiverNetworkWallet: { walletAddress: parties.fee.address },
      PurchasingWallets: [{ walletMnemonic: buyer.mnemonic, collectionAddress: null, note: 'buyer' }],
      SellingWallets: [{ walletMnemonic: seller.mnemonic, collectionAddress: null, note: 'seller' }],
      ...overrides,
    },
  };
}
