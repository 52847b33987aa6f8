import type { UTxO } from '@meshsdk/core';
import type { ChainContext, FundingWallet } from '../../cardano/builders/builder-types.js';
import type { Chain } from '../../cardano/chain.js';

export async function chainContextOf(chain: Chain): Promise<ChainContext> {
  const [protocolParams, slotConfig] = await Promise.all([chain.protocolParams(), chain.slotConfig()]);
  return { networkId: chain.networkId, protocolParams, slotConfig };
}

const lovelace = (utxo: UTxO): bigint => BigInt(utxo.output.amount.find((asset) => asset.unit === 'lovelace')?.quantity ?? '0');
const isPureAda = (utxo: UTxO): boolean => utxo.output.amount.every((asset) => asset.unit === 'lovelace') && !utxo.output.plutusData && !utxo.output.dataHash;

/** The wallet's UTxOs, with its largest pure-ADA UTxO offered as collateral. */
export async function fundingWalletOf(chain: Chain, address: string): Promise<FundingWallet> {
  const utxos = await chain.utxos(address);
  const collateral = utxos.filter(isPureAda).sort((a, b) => (lovelace(b) > lovelace(a) ? 1 : lovelace(b) < lovelace(a) ? -1 : 0))[0];
  return { utxos, changeAddress: address, ...(collateral ? { collateral } : {}) };
}
