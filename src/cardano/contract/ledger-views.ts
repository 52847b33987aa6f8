/**
 * Typed views of the few cardano-sdk objects we use through @meshsdk/core-cst. Under NodeNext,
 * TypeScript cannot resolve @cardano-sdk's declarations from core-cst's types, so those values
 * arrive untyped; this file states the shapes we rely on, once, at the boundary.
 */
import {
  Address,
  PlutusData,
  blake2b,
  deserializeTx,
  fromJsonToPlutusData,
  fromPlutusDataToJson,
} from '@meshsdk/core-cst';

export interface CredentialView {
  readonly type: number;
  readonly hash: string;
}

export interface AddressProps {
  readonly type: number;
  readonly networkId: number;
  readonly paymentPart?: CredentialView;
  readonly delegationPart?: CredentialView;
}

interface AddressView {
  getProps(): AddressProps;
  toBech32(): string;
}

interface AddressClass {
  new (props: AddressProps): AddressView;
  fromBech32(bech32: string): AddressView;
}

export interface DataView {
  toCbor(): string;
}

export interface RedeemerView {
  tag(): number;
  index(): bigint;
  data(): DataView;
  exUnits(): { mem(): bigint; steps(): bigint };
}

export interface VkeyWitnessView {
  vkey(): string;
  signature(): string;
}

export interface OutputView {
  address(): { toBech32(): string };
  amount(): { coin(): bigint; multiasset(): Map<string, bigint> | undefined };
  datum(): { asInlineData(): DataView | undefined } | undefined;
}

export interface TxView {
  getId(): string;
  toCbor(): string;
  body(): {
    inputs(): { values(): { transactionId(): string; index(): bigint }[] };
    outputs(): OutputView[];
    fee(): bigint;
    validityStartInterval(): number | bigint | undefined;
    ttl(): number | bigint | undefined;
  };
  witnessSet(): {
    redeemers(): { values(): RedeemerView[] } | undefined;
    vkeys(): { values(): VkeyWitnessView[] } | undefined;
  };
}

export const LedgerAddress = Address as unknown as AddressClass;

export const parseTx = (txHex: string): TxView => deserializeTx(txHex) as unknown as TxView;

export const blake2bHex = (hex: string, bytes: 28 | 32): string =>
  (blake2b as unknown as { hash(hex: string, size: number): string }).hash(hex, bytes);

export const dataToCbor = (json: unknown): string =>
  (fromJsonToPlutusData as unknown as (value: unknown) => DataView)(json).toCbor();

export const dataFromCbor = (cborHex: string): unknown =>
  (fromPlutusDataToJson as unknown as (data: unknown) => unknown)(
    (PlutusData as unknown as { fromCbor(hex: string): unknown }).fromCbor(cborHex),
  );
