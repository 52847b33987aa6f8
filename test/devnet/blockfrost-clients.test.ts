import { BlockFrostAPI, BlockfrostServerError } from '@blockfrost/blockfrost-js';
import { BlockfrostProvider, mConStr0, resolveScriptHash, serializePlutusScript, type UTxO } from '@meshsdk/core';
import { Serialization } from '@meshsdk/core-cst';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { alwaysFailsV3, alwaysSucceedsV3, builderFor, fundedWallet, newWallet, payWithMesh, startTestDevnet, type TestWallet } from './devnet-fixtures.js';

describe('devnet with unchanged Blockfrost clients', () => {
  let devnet: Devnet;
  let provider: BlockfrostProvider;
  let alice: TestWallet;

  beforeAll(async () => {
    devnet = await startTestDevnet();
    provider = new BlockfrostProvider(devnet.url);
    alice = await fundedWallet(devnet, 500_000_000n, provider);
  });
  afterAll(() => devnet.close());

  it('serves /blocks/latest to blockfrost-js through customBackend', async () => {
    const api = new BlockFrostAPI({ customBackend: devnet.url, rateLimiter: false });
    devnet.produceBlock();
    const latest = await api.blocksLatest();
    expect(latest.height).toBe(devnet.tip().height);
    expect(latest.hash).toBe(devnet.tip().hash);
    const [utxo] = await api.addressesUtxos(alice.address);
    expect(utxo?.amount[0]).toEqual({ unit: 'lovelace', quantity: '500000000' });
  });

  it('confirms a Mesh-built payment submitted through BlockfrostProvider', async () => {
    const bob = await newWallet();
    const txHash = await payWithMesh(provider, alice, bob.address, 7_000_000n);
    expect(devnet.mempool()).toContain(txHash);
    devnet.produceBlock();

    const info = await provider.fetchTxInfo(txHash);
    expect(info.block).toBe(devnet.tip().hash);
    const bobUtxos = await provider.fetchAddressUTxOs(bob.address);
    expect(bobUtxos).toHaveLength(1);
    expect(bobUtxos[0]?.output.amount).toEqual([{ unit: 'lovelace', quantity: '7000000' }]);
    expect(devnet.checkConsistency().ok).toBe(true);
  });

  it('locks to an always-succeeds Plutus V3 address and spends from it, with budgets from /utils/txs/evaluate/utxos', async () => {
    const code = alwaysSucceedsV3();
    const scriptAddress = serializePlutusScript({ code, version: 'V3' }, undefined, 0).address;

    const lockBuilder = await builderFor(provider);
    const lockTx = await lockBuilder
      .txOut(scriptAddress, [{ unit: 'lovelace', quantity: '12000000' }])
      .txOutInlineDatumValue(mConStr0([42]))
      .changeAddress(alice.address)
      .selectUtxosFrom(await provider.fetchAddressUTxOs(alice.address))
      .complete();
    const lockHash = await provider.submitTx(await alice.wallet.signTx(lockTx));
    devnet.produceBlock();

    const [locked] = await provider.fetchAddressUTxOs(scriptAddress);
    expect(locked?.input.txHash).toBe(lockHash);
    // Constr 0 [42], as Mesh encodes it (tag 121, indefinite list): served byte for byte.
    expect(locked?.output.plutusData).toBe('d8799f182aff');

    const walletUtxos: UTxO[] = await provider.fetchAddressUTxOs(alice.address);
    const collateral = walletUtxos.find((u) => BigInt(u.output.amount[0]?.quantity ?? '0') >= 5_000_000n);
    if (!locked || !collateral) throw new Error('missing UTxOs');
    const spendBuilder = await builderFor(provider, true);
    const spendTx = await spendBuilder
      .spendingPlutusScriptV3()
      .txIn(locked.input.txHash, locked.input.outputIndex, locked.output.amount, scriptAddress)
      .txInInlineDatumPresent()
      .txInRedeemerValue(mConStr0([]))
      .txInScript(code)
      .txInCollateral(collateral.input.txHash, collateral.input.outputIndex, collateral.output.amount, collateral.output.address)
      .changeAddress(alice.address)
      .selectUtxosFrom(walletUtxos)
      .complete();
    const spendHash = await provider.submitTx(await alice.wallet.signTx(spendTx));
    expect(devnet.stats().routes['POST /utils/txs/evaluate/utxos']).toBeGreaterThan(0);
    devnet.produceBlock();

    expect(await provider.fetchAddressUTxOs(scriptAddress)).toEqual([]);
    const api = new BlockFrostAPI({ customBackend: devnet.url, rateLimiter: false });
    const [redeemer] = await api.txsRedeemers(spendHash);
    expect(redeemer?.purpose).toBe('spend');
    expect(redeemer?.script_hash).toBe(resolveScriptHash(code, 'V3'));
    expect(Number(redeemer?.unit_mem)).toBeGreaterThan(0);
  });

  it('a failing script: /utils/txs/evaluate/utxos reports the failure and /tx/submit refuses the transaction', async () => {
    const code = alwaysFailsV3();
    const scriptAddress = serializePlutusScript({ code, version: 'V3' }, undefined, 0).address;
    const lockTx = await (await builderFor(provider))
      .txOut(scriptAddress, [{ unit: 'lovelace', quantity: '6000000' }])
      .txOutInlineDatumValue(mConStr0([]))
      .changeAddress(alice.address)
      .selectUtxosFrom(await provider.fetchAddressUTxOs(alice.address))
      .complete();
    const lockHash = await provider.submitTx(await alice.wallet.signTx(lockTx));
    devnet.produceBlock();

    const walletUtxos = await provider.fetchAddressUTxOs(alice.address);
    const [collateral] = walletUtxos;
    if (!collateral) throw new Error('no collateral');
    const spend = async (withEvaluator: boolean): Promise<string> =>
      (await builderFor(provider, withEvaluator))
        .spendingPlutusScriptV3()
        .txIn(lockHash, 0, [{ unit: 'lovelace', quantity: '6000000' }], scriptAddress)
        .txInInlineDatumPresent()
        .txInRedeemerValue(mConStr0([]))
        .txInScript(code)
        .txInCollateral(collateral.input.txHash, collateral.input.outputIndex, collateral.output.amount, collateral.output.address)
        .changeAddress(alice.address)
        .selectUtxosFrom(walletUtxos)
        .complete();

    await expect(spend(true)).rejects.toThrow(/EvaluationFailure/);
    const unevaluated = await alice.wallet.signTx(await spend(false));
    const response = await fetch(`${devnet.url}/tx/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/cbor' },
      body: Buffer.from(unevaluated, 'hex'),
    });
    expect(response.status).toBe(400);
    expect(devnet.mempool()).toEqual([]);
  });

  it('rejects a transaction whose signature was tampered with: 400 with the ledger message', async () => {
    const bob = await newWallet();
    const builder = await builderFor(provider);
    const unsigned = await builder
      .txOut(bob.address, [{ unit: 'lovelace', quantity: '3000000' }])
      .changeAddress(alice.address)
      .selectUtxosFrom(await provider.fetchAddressUTxOs(alice.address))
      .complete();
    const signed = await alice.wallet.signTx(unsigned);
    const signature = Serialization.Transaction.fromCbor(Serialization.TxCBOR(signed)).witnessSet().vkeys()?.values()[0]?.signature();
    if (!signature) throw new Error('no signature');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('00') ? '01' : '00'}`;
    const tampered = signed.replace(signature, flipped);

    const api = new BlockFrostAPI({ customBackend: devnet.url, rateLimiter: false });
    const error = await api.txSubmit(tampered).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockfrostServerError);
    expect((error as BlockfrostServerError).status_code).toBe(400);
    expect((error as BlockfrostServerError).message).toMatch(/signature/i);
    expect(devnet.mempool()).toEqual([]);
  });

  it('serves the fee parameters the ledger enforces: min_fee_a × size + min_fee_b passes, one lovelace less does not', async () => {
    const params = await provider.fetchProtocolParameters();
    const [input] = (await provider.fetchAddressUTxOs(alice.address)).sort((a, b) =>
      Number(BigInt(b.output.amount[0]?.quantity ?? 0) - BigInt(a.output.amount[0]?.quantity ?? 0)),
    );
    if (!input) throw new Error('alice has no UTxO');
    const bob = await newWallet();
    const signedWithFee = async (fee?: bigint): Promise<string> => {
      const builder = await builderFor(provider);
      if (fee !== undefined) builder.setFee(fee.toString());
      const unsigned = await builder
        .txIn(input.input.txHash, input.input.outputIndex, input.output.amount, input.output.address)
        .txOut(bob.address, [{ unit: 'lovelace', quantity: '4000000' }])
        .changeAddress(alice.address)
        .complete();
      return alice.wallet.signTx(unsigned);
    };
    const size = (await signedWithFee()).length / 2;
    // The ledger sizes a transaction without its one-byte is_valid flag (Alonzo's toCBORForSizeComputation).
    const minimum = BigInt(params.minFeeA * (size - 1) + params.minFeeB);

    const tooCheap = await signedWithFee(minimum - 1n);
    expect(tooCheap.length / 2).toBe(size);
    const api = new BlockFrostAPI({ customBackend: devnet.url, rateLimiter: false });
    const error = await api.txSubmit(tooCheap).catch((e: unknown) => e);
    expect((error as BlockfrostServerError).status_code).toBe(400);
    expect((error as BlockfrostServerError).message).toMatch(/fee/i);

    const exact = await signedWithFee(minimum);
    expect(await api.txSubmit(exact)).toMatch(/^[0-9a-f]{64}$/);
  });
});
