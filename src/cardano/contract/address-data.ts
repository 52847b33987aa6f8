/**
 * Shelley addresses ↔ Plutus `Address` data
 * (Constr 0 [credential, Maybe (StakingHash credential)]). Pointer and Byron addresses
 * cannot appear in an escrow datum and are rejected.
 */
import { LedgerAddress } from './ledger-views.js';
import { PlutusDataError, asBytes, asConstr, bytes, constr, type PlutusJson } from './plutus-json.js';

/** CIP-19 header types and credential kinds, as cardano-sdk numbers them. */
const CredentialType = { KeyHash: 0, ScriptHash: 1 } as const;
const AddressType = {
  BasePaymentKeyStakeKey: 0,
  BasePaymentScriptStakeKey: 1,
  BasePaymentKeyStakeScript: 2,
  BasePaymentScriptStakeScript: 3,
  PointerKey: 4,
  PointerScript: 5,
  EnterpriseKey: 6,
  EnterpriseScript: 7,
} as const;

interface Credential {
  readonly type: number;
  readonly hash: string;
}

const credentialData = (credential: Credential): PlutusJson =>
  constr(credential.type === CredentialType.KeyHash ? 0 : 1, [bytes(credential.hash)]);

function credentialFromData(value: PlutusJson, what: string): Credential {
  const c = asConstr(value, what, 1);
  if (c.constructor > 1) throw new PlutusDataError(`${what}: unknown credential constructor ${c.constructor}`);
  const hash = asBytes(c.fields[0], what);
  if (hash.length !== 56) throw new PlutusDataError(`${what}: credential hash must be 28 bytes`);
  return { type: c.constructor === 0 ? CredentialType.KeyHash : CredentialType.ScriptHash, hash };
}

export function addressToData(bech32: string): PlutusJson {
  const props = LedgerAddress.fromBech32(bech32).getProps();
  if (props.paymentPart === undefined || props.type > AddressType.EnterpriseScript || props.type === AddressType.PointerKey || props.type === AddressType.PointerScript) {
    throw new PlutusDataError(`address ${bech32} cannot be used in a datum`);
  }
  const staking =
    props.delegationPart === undefined
      ? constr(1)
      : constr(0, [constr(0, [credentialData(props.delegationPart)])]);
  return constr(0, [credentialData(props.paymentPart), staking]);
}

export function addressFromData(value: PlutusJson, networkId: number, what = 'address'): string {
  const address = asConstr(value, what, 2);
  if (address.constructor !== 0) throw new PlutusDataError(`${what}: expected constructor 0`);
  const payment = credentialFromData(address.fields[0] as PlutusJson, `${what}.payment`);
  const maybeStaking = asConstr(address.fields[1] as PlutusJson, `${what}.staking`);
  let delegation: Credential | undefined;
  if (maybeStaking.constructor === 0) {
    const stakingHash = asConstr(maybeStaking.fields[0] as PlutusJson, `${what}.staking`, 1);
    if (stakingHash.constructor !== 0) throw new PlutusDataError(`${what}: staking pointers are not supported`);
    delegation = credentialFromData(stakingHash.fields[0] as PlutusJson, `${what}.staking`);
  } else if (maybeStaking.constructor !== 1 || maybeStaking.fields.length !== 0) {
    throw new PlutusDataError(`${what}: malformed staking part`);
  }
  const paymentIsKey = payment.type === CredentialType.KeyHash;
  const type =
    delegation === undefined
      ? paymentIsKey
        ? AddressType.EnterpriseKey
        : AddressType.EnterpriseScript
      : delegation.type === CredentialType.KeyHash
        ? paymentIsKey
          ? AddressType.BasePaymentKeyStakeKey
          : AddressType.BasePaymentScriptStakeKey
        : paymentIsKey
          ? AddressType.BasePaymentKeyStakeScript
          : AddressType.BasePaymentScriptStakeScript;
  return new LedgerAddress({
    type,
    networkId,
    paymentPart: payment,
    ...(delegation === undefined ? {} : { delegationPart: delegation }),
  }).toBech32();
}
