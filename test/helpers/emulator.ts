/**
 * A Scalus ledger emulator with funded test wallets, for offline chain tests: real phase-1 and
 * phase-2 validation, slot control and snapshots.
 */
import { DEFAULT_PROTOCOL_PARAMETERS, MeshWallet, type Asset, type UTxO } from '@meshsdk/core';
import { blake2b, cborMapToUtxos, deserializeTx, utxosToCborMap } from '@meshsdk/core-cst';
import scalus from 'scalus';
import { msToSlotFloor, slotToMs, type ProtocolParams, type SlotConfig } from '../../src/cardano/chain-types.js';
import type { ChainContext, FundingWallet } from '../../src/cardano/builders/builder-types.js';
import { paymentKeyHash } from '../../src/cardano/builders/escrow-inputs.js';

type Emulator = InstanceType<typeof scalus.Emulator>;

export interface TestWallet {
  readonly name: string;
  readonly wallet: MeshWallet;
  readonly address: string;
  readonly keyHash: string;
}

export interface SubmitOutcome {
  readonly ok: boolean;
  readonly txHash?: string;
  readonly error?: string;
  readonly logs?: readonly string[];
}

/** The emulator's own limits (mainnet today): Mesh must not assume less. */
export const EMULATOR_PROTOCOL_PARAMS: ProtocolParams = {
  ...DEFAULT_PROTOCOL_PARAMETERS,
  maxTxExMem: '16500000',
  maxTxExSteps: '10000000000',
};

/** A devnet-like clock that does not start at mainnet's genesis. */
export const TEST_SLOT_CONFIG: SlotConfig = { zeroTime: 1_760_000_000_000, zeroSlot: 0, slotLength: 1000 };

export async function makeWallet(name: string): Promise<TestWallet> {
  const wallet = new MeshWallet({ networkId: 0, key: { type: 'mnemonic', words: MeshWallet.brew() as string[] } });
  await wallet.init();
  const address = await wallet.getChangeAddress();
  return { name, wallet, address, keyHash: paymentKeyHash(address) };
}

export interface Funding {
  readonly address: string;
  /** One UTxO per entry, pure ADA. */
  readonly lovelace: readonly bigint[];
  /** Native tokens placed on the first UTxO (genesis needs no minting policy). */
  readonly tokens?: readonly Asset[];
}

export class EmulatorChain {
  private constructor(
    readonly emulator: Emulator,
    readonly slotConfig: SlotConfig,
  ) {}

  static create(funding: readonly Funding[], slotConfig: SlotConfig = TEST_SLOT_CONFIG): EmulatorChain {
    const genesis: UTxO[] = funding.flatMap((f, w) =>
      f.lovelace.map((lovelace, i) => ({
        input: { txHash: blake2b.hash(Buffer.from(`genesis-${w}-${i}`).toString('hex'), 32), outputIndex: 0 },
        output: {
          address: f.address,
          amount: [{ unit: 'lovelace', quantity: lovelace.toString() }, ...(i === 0 ? (f.tokens ?? []) : [])],
        },
      })),
    );
    const emulator = scalus.Emulator.withState(
      { utxos: Buffer.from(utxosToCborMap(genesis), 'hex') },
      new scalus.SlotConfig(slotConfig.zeroTime, slotConfig.zeroSlot, slotConfig.slotLength),
    );
    const chain = new EmulatorChain(emulator, slotConfig);
    chain.setSlot(1000);
    return chain;
  }

  private currentSlot = 0;

  get ctx(): ChainContext {
    return { networkId: 0, protocolParams: EMULATOR_PROTOCOL_PARAMS, slotConfig: this.slotConfig };
  }

  get nowMs(): bigint {
    return slotToMs(this.slotConfig, this.currentSlot);
  }

  setSlot(slot: number): void {
    this.currentSlot = slot;
    this.emulator.setSlot(slot);
  }

  setTimeMs(ms: bigint): void {
    this.setSlot(msToSlotFloor(this.slotConfig, ms));
  }

  allUtxos(): UTxO[] {
    return cborMapToUtxos([Buffer.from(this.emulator.getUtxosCbor()).toString('hex')]);
  }

  utxosAt(address: string): UTxO[] {
    return cborMapToUtxos(this.emulator.getUtxosForAddress(address).map((entry) => Buffer.from(entry).toString('hex')));
  }

  /**
   * The unspent outputs of one transaction. Entries are filtered on their CBOR key before
   * decoding: decoding every UTxO (datums included) on each lookup is slow.
   */
  outputsOf(txHash: string): UTxO[] {
    const prefix = `a1825820${txHash.toLowerCase()}`;
    const entries = this.emulator
      .getAllUtxos()
      .map((entry) => Buffer.from(entry).toString('hex'))
      .filter((hex) => hex.startsWith(prefix));
    return cborMapToUtxos(entries).sort((a, b) => a.input.outputIndex - b.input.outputIndex);
  }

  utxo(txHash: string, outputIndex: number): UTxO {
    const found = this.outputsOf(txHash).find((u) => u.input.outputIndex === outputIndex);
    if (found === undefined) throw new Error(`no UTxO ${txHash}#${outputIndex}`);
    return found;
  }

  /** A wallet view for builders: its UTxOs, the smallest pure-ADA one ≥ 5 ADA as collateral. */
  funding(address: string): FundingWallet {
    const utxos = this.utxosAt(address);
    const pure = utxos
      .filter((u) => u.output.amount.length === 1 && BigInt(u.output.amount[0]?.quantity ?? 0) >= 5_000_000n)
      .sort((a, b) => Number(BigInt(a.output.amount[0]?.quantity ?? 0) - BigInt(b.output.amount[0]?.quantity ?? 0)));
    const collateral = pure[0];
    return { utxos, changeAddress: address, ...(collateral === undefined ? {} : { collateral }) };
  }

  submit(txHex: string): SubmitOutcome {
    const result = this.emulator.submitTx(Buffer.from(txHex, 'hex'));
    return {
      ok: result.isSuccess,
      ...(result.txHash === undefined ? {} : { txHash: result.txHash }),
      ...(result.error === undefined ? {} : { error: result.error }),
      ...(result.logs === undefined ? {} : { logs: result.logs }),
    };
  }

  snapshot(): EmulatorChain {
    const copy = new EmulatorChain(this.emulator.snapshot(), this.slotConfig);
    copy.currentSlot = this.currentSlot;
    return copy;
  }
}

/** Adds each wallet's vkey witness (as a separate signer would). */
export async function signWith(txHex: string, ...wallets: readonly TestWallet[]): Promise<string> {
  let signed = txHex;
  for (const w of wallets) signed = await w.wallet.signTx(signed, true);
  return signed;
}

export const txHashOf = (txHex: string): string => deserializeTx(txHex).getId();
