import { MeshTxBuilder, MeshWallet } from '@meshsdk/core';
import type { DecodedTx } from './chain-types.js';
import { LedgerError, type Ledger } from './ledger.js';
import { blake2b256Hex, lovelaceOutputCbor } from './utxo-cbor.js';

const GENESIS_OUTPUTS = 10;

/**
 * The genesis key: it owns every coin at start and pays top-ups with ordinary signed transactions,
 * so a top-up is validated, indexed and confirmed like any other transaction.
 * Its mnemonic is random per chain, so no test depends on a known key; a devnet with a state
 * directory keeps it with the genesis, so after a restart the faucet is the same wallet.
 */
export class Faucet {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly wallet: MeshWallet,
    readonly address: string,
  ) {}

  static newMnemonic(): string[] {
    const words = MeshWallet.brew();
    if (!Array.isArray(words)) throw new Error('MeshWallet.brew returned no mnemonic');
    return words;
  }

  static async create(words: readonly string[]): Promise<Faucet> {
    const wallet = new MeshWallet({ networkId: 0, key: { type: 'mnemonic', words: [...words] } });
    await wallet.init();
    return new Faucet(wallet, await wallet.getChangeAddress());
  }

  /** The pseudo-transaction that creates the genesis UTxOs (it has no CBOR: nothing was ever submitted). */
  genesisTx(totalLovelace: bigint, systemStartMs: number): DecodedTx {
    const hash = blake2b256Hex(`agent-pay devnet genesis ${systemStartMs}`);
    const share = totalLovelace / BigInt(GENESIS_OUTPUTS);
    const outputs = Array.from({ length: GENESIS_OUTPUTS }, (_, index) => {
      return {
        txHash: hash,
        index,
        address: this.address,
        amounts: new Map([['lovelace', share]]),
        dataHash: null,
        inlineDatum: null,
        referenceScriptHash: null,
        cbor: lovelaceOutputCbor(this.address, share),
        collateral: false,
      };
    });
    return {
      hash,
      cbor: '',
      size: 0,
      fee: 0n,
      withdrawals: 0n,
      invalidBefore: null,
      invalidHereafter: null,
      validContract: true,
      inputs: [],
      collateralInputs: [],
      referenceInputs: [],
      outputs,
      mint: new Map(),
      metadata: [],
      redeemers: [],
      scripts: [],
      datums: new Map(),
      withdrawalCount: 0,
      certificateCounts: { stake: 0, delegation: 0, poolUpdate: 0, poolRetire: 0, mir: 0 },
      treasuryDonation: 0n,
    };
  }

  /**
   * Pays `lovelace` to `address` in a transaction that enters the mempool (the next block confirms it).
   * Top-ups run one at a time, each spending the change of the one before (the mempool view has it).
   */
  topup(ledger: Ledger, address: string, lovelace: bigint): Promise<string> {
    const run = this.queue.then(() => this.pay(ledger, address, lovelace));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async pay(ledger: Ledger, address: string, lovelace: bigint): Promise<string> {
    const utxos = ledger.pendingUtxosAt(this.address);
    const richest = utxos
      .map((utxo) => ({ utxo, coin: utxo.output.amount().coin() }))
      .sort((a, b) => (a.coin > b.coin ? -1 : a.coin < b.coin ? 1 : 0))[0];
    if (!richest || richest.coin < lovelace + 5_000_000n) throw new LedgerError('the faucet has no UTxO large enough');
    const builder = new MeshTxBuilder();
    const unsigned = await builder
      .txIn(richest.utxo.ref.txHash, richest.utxo.ref.index, [{ unit: 'lovelace', quantity: richest.coin.toString() }], this.address, 0)
      .txOut(address, [{ unit: 'lovelace', quantity: lovelace.toString() }])
      .changeAddress(this.address)
      .complete();
    const signed = await this.wallet.signTx(unsigned);
    const outcome = ledger.submit(Buffer.from(signed, 'hex'));
    if (!outcome.ok) throw new LedgerError(outcome.error);
    return outcome.txHash;
  }
}
