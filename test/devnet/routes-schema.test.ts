import { BlockfrostProvider, ForgeScript, mConStr0, resolveScriptHash, serializePlutusScript, stringToHex, type UTxO } from '@meshsdk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { expectBlockfrostShape } from './blockfrost-schema.js';
import { alwaysSucceedsV3, builderFor, fundedWallet, getJson, type TestWallet } from './devnet-fixtures.js';
import { startTestDevnet } from './devnet-fixtures.js';

const KEEP = stringToHex('Keep');
const GONE = stringToHex('Gone');

/**
 * One chain with every kind of content the routes serve (inline datum, datum hash, reference script,
 * metadata, a CIP-25 mint, a script spend, a burn), then every route's body against Blockfrost's schema.
 */
describe('Blockfrost routes match the published schemas', () => {
  let devnet: Devnet;
  let provider: BlockfrostProvider;
  let alice: TestWallet;
  const code = alwaysSucceedsV3();
  const scriptHash = resolveScriptHash(code, 'V3');
  const scriptAddress = serializePlutusScript({ code, version: 'V3' }, undefined, 0).address;
  let policyId: string;
  const tx: Record<'lock' | 'mint' | 'spend' | 'burn', string> = { lock: '', mint: '', spend: '', burn: '' };

  async function submit(build: (utxos: UTxO[]) => Promise<string>): Promise<string> {
    const unsigned = await build(await provider.fetchAddressUTxOs(alice.address));
    const txHash = await provider.submitTx(await alice.wallet.signTx(unsigned));
    devnet.produceBlock();
    await devnet.waitForTx(txHash, 1000);
    return txHash;
  }

  beforeAll(async () => {
    devnet = await startTestDevnet();
    provider = new BlockfrostProvider(devnet.url);
    alice = await fundedWallet(devnet, 1_000_000_000n, provider);
    const forgingScript = ForgeScript.withOneSignature(alice.address);
    policyId = resolveScriptHash(forgingScript);

    tx.lock = await submit(async (utxos) =>
      (await builderFor(provider))
        .txOut(scriptAddress, [{ unit: 'lovelace', quantity: '10000000' }])
        .txOutInlineDatumValue(mConStr0([42]))
        // At the script address, so no wallet transaction spends it by chance and owes its reference-script fee.
        .txOut(scriptAddress, [{ unit: 'lovelace', quantity: '20000000' }])
        .txOutReferenceScript(code, 'V3')
        .txOut(scriptAddress, [{ unit: 'lovelace', quantity: '5000000' }])
        .txOutDatumHashValue(mConStr0([7]))
        .metadataValue(674, { msg: ['devnet schema test'] })
        .changeAddress(alice.address)
        .selectUtxosFrom(utxos)
        .complete(),
    );
    tx.spend = await submit(async (utxos) => {
      const collateral = utxos.find((u) => u.output.amount.length === 1 && BigInt(u.output.amount[0]?.quantity ?? 0) >= 5_000_000n);
      if (!collateral) throw new Error('no collateral');
      return (await builderFor(provider, true))
        .spendingPlutusScriptV3()
        .txIn(tx.lock, 0, [{ unit: 'lovelace', quantity: '10000000' }], scriptAddress)
        .spendingTxInReference(tx.lock, 1, String(code.length / 2), scriptHash)
        .txInInlineDatumPresent()
        .txInRedeemerValue(mConStr0([]))
        .txInCollateral(collateral.input.txHash, collateral.input.outputIndex, collateral.output.amount, collateral.output.address)
        .changeAddress(alice.address)
        .selectUtxosFrom(utxos)
        .complete();
    });
    tx.mint = await submit(async (utxos) =>
      (await builderFor(provider))
        .mint('2', policyId, KEEP)
        .mintingScript(forgingScript)
        .mint('1', policyId, GONE)
        .mintingScript(forgingScript)
        .metadataValue(721, {
          [policyId]: {
            Keep: { name: 'Keep', image: 'ipfs://keep', mediaType: 'image/png', description: 'stays' },
            Gone: { name: 'Gone', image: 'ipfs://gone' },
          },
        })
        .changeAddress(alice.address)
        .selectUtxosFrom(utxos)
        .complete(),
    );
    tx.burn = await submit(async (utxos) =>
      (await builderFor(provider))
        .mint('-1', policyId, KEEP)
        .mintingScript(forgingScript)
        .mint('-1', policyId, GONE)
        .mintingScript(forgingScript)
        .changeAddress(alice.address)
        .selectUtxosFrom(utxos)
        .complete(),
    );
  });
  afterAll(() => devnet.close());

  async function expectRoute(endpoint: string, path: string): Promise<unknown> {
    const { status, body } = await getJson(devnet, path);
    expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
    expectBlockfrostShape(endpoint, body);
    return body;
  }

  it('root, health, genesis, network, epochs', async () => {
    await expectRoute('/', '/');
    await expectRoute('/health', '/health');
    await expectRoute('/health/clock', '/health/clock');
    const genesis = (await expectRoute('/genesis', '/genesis')) as { system_start: number; slot_length: number };
    expect(genesis.system_start * 1000).toBe(devnet.slotConfig.zeroTime);
    expect(genesis.slot_length).toBe(1);
    await expectRoute('/network', '/network');
    await expectRoute('/epochs/latest', '/epochs/latest');
    await expectRoute('/epochs/{number}', '/epochs/0');
    const params = (await expectRoute('/epochs/latest/parameters', '/epochs/latest/parameters')) as Record<string, unknown>;
    expect(params['min_fee_a']).toBe(44);
    expect((params['cost_models_raw'] as Record<string, number[]>)['PlutusV3']).toHaveLength(297);
    await expectRoute('/epochs/{number}/parameters', '/epochs/0/parameters');
  });

  it('blocks', async () => {
    const latest = (await expectRoute('/blocks/latest', '/blocks/latest')) as { hash: string; height: number };
    await expectRoute('/blocks/latest/txs', '/blocks/latest/txs');
    await expectRoute('/blocks/{hash_or_number}', `/blocks/${latest.hash}`);
    const genesis = (await expectRoute('/blocks/{hash_or_number}', '/blocks/0')) as { next_block: string; confirmations: number };
    expect(genesis.confirmations).toBe(latest.height);
    const txs = (await expectRoute('/blocks/{hash_or_number}/txs', `/blocks/${latest.height}/txs`)) as string[];
    expect(txs).toEqual([tx.burn]);
  });

  it('addresses', async () => {
    await expectRoute('/addresses/{address}', `/addresses/${alice.address}`);
    const script = (await expectRoute('/addresses/{address}', `/addresses/${scriptAddress}`)) as { script: boolean };
    expect(script.script).toBe(true);
    await expectRoute('/addresses/{address}/utxos', `/addresses/${alice.address}/utxos`);
    const scriptUtxos = (await expectRoute('/addresses/{address}/utxos', `/addresses/${scriptAddress}/utxos`)) as {
      output_index: number;
      data_hash: string | null;
      inline_datum: string | null;
      reference_script_hash: string | null;
    }[];
    expect(scriptUtxos.map((u) => u.output_index)).toEqual([1, 2]);
    expect(scriptUtxos[0]?.reference_script_hash).toBe(scriptHash);
    expect(scriptUtxos[1]).toMatchObject({ inline_datum: null, reference_script_hash: null });
    expect(scriptUtxos[1]?.data_hash).toMatch(/^[0-9a-f]{64}$/);
    await expectRoute('/addresses/{address}/utxos/{asset}', `/addresses/${alice.address}/utxos/${policyId}${KEEP}`);
    await expectRoute('/addresses/{address}/transactions', `/addresses/${alice.address}/transactions`);
  });

  it('transactions', async () => {
    for (const hash of Object.values(tx)) {
      await expectRoute('/txs/{hash}', `/txs/${hash}`);
      await expectRoute('/txs/{hash}/utxos', `/txs/${hash}/utxos`);
      await expectRoute('/txs/{hash}/metadata', `/txs/${hash}/metadata`);
      await expectRoute('/txs/{hash}/cbor', `/txs/${hash}/cbor`);
      await expectRoute('/txs/{hash}/redeemers', `/txs/${hash}/redeemers`);
    }
    const lockUtxos = (await getJson(devnet, `/txs/${tx.lock}/utxos`)).body as { outputs: { inline_datum: string | null; consumed_by_tx: string | null }[] };
    expect(lockUtxos.outputs[0]).toMatchObject({ inline_datum: 'd8799f182aff', consumed_by_tx: tx.spend });
    const metadata = (await getJson(devnet, `/txs/${tx.lock}/metadata`)).body;
    expect(metadata).toEqual([{ label: '674', json_metadata: { msg: ['devnet schema test'] } }]);
    const spend = (await getJson(devnet, `/txs/${tx.spend}`)).body as { redeemer_count: number; valid_contract: boolean };
    expect(spend).toMatchObject({ redeemer_count: 1, valid_contract: true });
    const spendUtxos = (await getJson(devnet, `/txs/${tx.spend}/utxos`)).body as { inputs: { reference: boolean; collateral: boolean }[] };
    expect(spendUtxos.inputs.filter((input) => input.reference)).toHaveLength(1);
    expect(spendUtxos.inputs.filter((input) => input.collateral)).toHaveLength(1);
  });

  it('scripts and datums', async () => {
    const plutus = (await expectRoute('/scripts/{script_hash}', `/scripts/${scriptHash}`)) as { type: string };
    expect(plutus.type).toBe('plutusV3');
    await expectRoute('/scripts/{script_hash}/cbor', `/scripts/${scriptHash}/cbor`);
    const native = (await expectRoute('/scripts/{script_hash}', `/scripts/${policyId}`)) as { type: string };
    expect(native.type).toBe('timelock');
    const json = (await expectRoute('/scripts/{script_hash}/json', `/scripts/${policyId}/json`)) as { json: { type: string } };
    expect(json.json.type).toBe('sig');
    const { outputs } = (await getJson(devnet, `/txs/${tx.lock}/utxos`)).body as { outputs: { data_hash: string }[] };
    const datumHash = outputs[0]?.data_hash ?? '';
    const datum = (await expectRoute('/scripts/datum/{datum_hash}', `/scripts/datum/${datumHash}`)) as { json_value: unknown };
    expect(datum.json_value).toEqual({ constructor: 0, fields: [{ int: 42 }] });
    await expectRoute('/scripts/datum/{datum_hash}/cbor', `/scripts/datum/${datumHash}/cbor`);
  });

  it('assets: CIP-25 metadata, history, holders, burned to zero', async () => {
    const keep = (await expectRoute('/assets/{asset}', `/assets/${policyId}${KEEP}`)) as Record<string, unknown>;
    expect(keep).toMatchObject({
      quantity: '1',
      initial_mint_tx_hash: tx.mint,
      mint_or_burn_count: 2,
      onchain_metadata: { name: 'Keep', image: 'ipfs://keep' },
      onchain_metadata_standard: 'CIP25v1',
    });
    const gone = (await expectRoute('/assets/{asset}', `/assets/${policyId}${GONE}`)) as Record<string, unknown>;
    expect(gone['quantity']).toBe('0');
    const holders = await expectRoute('/assets/{asset}/addresses', `/assets/${policyId}${KEEP}/addresses`);
    expect(holders).toEqual([{ address: alice.address, quantity: '1' }]);
    expect(await expectRoute('/assets/{asset}/addresses', `/assets/${policyId}${GONE}/addresses`)).toEqual([]);
    const history = await expectRoute('/assets/{asset}/history', `/assets/${policyId}${KEEP}/history`);
    expect(history).toEqual([
      { tx_hash: tx.mint, action: 'minted', amount: '2' },
      { tx_hash: tx.burn, action: 'burned', amount: '1' },
    ]);
    await expectRoute('/assets/{asset}/transactions', `/assets/${policyId}${KEEP}/transactions`);
    await expectRoute('/assets/policy/{policy_id}', `/assets/policy/${policyId}`);
  });

  it('submit and evaluate', async () => {
    const utxos = await provider.fetchAddressUTxOs(alice.address);
    const unsigned = await (await builderFor(provider))
      .txOut(alice.address, [{ unit: 'lovelace', quantity: '2000000' }])
      .changeAddress(alice.address)
      .selectUtxosFrom(utxos)
      .complete();
    const signed = await alice.wallet.signTx(unsigned);
    const evaluated = await fetch(`${devnet.url}/utils/txs/evaluate`, { method: 'POST', headers: { 'content-type': 'application/cbor' }, body: signed });
    expectBlockfrostShape('/utils/txs/evaluate', await evaluated.json());
    const withUtxos = await fetch(`${devnet.url}/utils/txs/evaluate/utxos?version=6`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cbor: signed, additionalUtxoSet: [] }),
    });
    const v6 = await withUtxos.json();
    expectBlockfrostShape('/utils/txs/evaluate/utxos', v6);
    // A transaction without scripts evaluates to no budgets.
    expect(v6).toMatchObject({ jsonrpc: '2.0', method: 'evaluateTransaction', result: [] });
    const submitted = await fetch(`${devnet.url}/tx/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/cbor' },
      body: Buffer.from(signed, 'hex'),
    });
    const hash = await submitted.json();
    expectBlockfrostShape('/tx/submit', hash);
    expect(devnet.mempool()).toEqual([hash]);
  });

  it('errors: 404 for unknown resources and 400 for bad input, in Blockfrost shape', async () => {
    const missing = await getJson(devnet, `/txs/${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expectBlockfrostShape('/txs/{hash}', missing.body, '404');
    expect(missing.body).toEqual({ status_code: 404, error: 'Not Found', message: 'The requested component has not been found.' });
    const unknownRoute = await getJson(devnet, '/no/such/route');
    expect(unknownRoute.status).toBe(404);
    const badAddress = await getJson(devnet, '/addresses/not-an-address/utxos');
    expect(badAddress.status).toBe(400);
    expectBlockfrostShape('/addresses/{address}/utxos', badAddress.body, '400');
    const badCount = await getJson(devnet, `/addresses/${alice.address}/utxos?count=101`);
    expect(badCount.status).toBe(400);
  });
});
