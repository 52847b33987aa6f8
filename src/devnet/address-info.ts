import { Cardano } from '@meshsdk/core-cst';
import { optionalText, text } from './sdk-values.js';

export interface AddressInfo {
  readonly stakeAddress: string | null;
  readonly isScript: boolean;
  readonly paymentHash: string | null;
}

/** A bech32 address of this (testnet) network, or undefined for anything else. */
export function parseAddress(address: string): AddressInfo | undefined {
  let parsed: Cardano.Address;
  try {
    parsed = Cardano.Address.fromBech32(address);
  } catch {
    return undefined;
  }
  if (parsed.getNetworkId() !== Cardano.NetworkId.Testnet) return undefined;
  const props = parsed.getProps();
  const stake = props.delegationPart;
  return {
    stakeAddress: stake ? text(Cardano.RewardAddress.fromCredentials(Cardano.NetworkId.Testnet, stake).toAddress().toBech32()) : null,
    isScript: props.paymentPart?.type === Cardano.CredentialType.ScriptHash,
    paymentHash: optionalText(props.paymentPart?.hash),
  };
}
