import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlockfrostProvider, mConStr0, serializePlutusScript, type UTxO } from '@meshsdk/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Devnet } from '../../src/devnet/index.js';
import { alwaysSucceedsV3, builderFor, fundedWallet, getJson, newWallet, payWithMesh, startTestDevnet } from './devnet-fixtures.js';

/** Every answer a client could compare across the restart. */
async function chainView(devnet: Devnet, addresses: readonly string[], txHashes: readonly string[]): Promise<unknown> {
  const paths = [
    '/blocks/latest',
    ...addresses.map((address) => `/addresses/${address}/utxos`),
    ...addresses.map((address) => `/addresses/${address}/transactions`),
    ...txHashes.flatMap((hash) => [`/txs/${hash}`, `/txs/${hash}/utxos`, `/txs/${hash}/redeemers`]),
  ];
  const answers = await Promise.all(paths.map(async (p) => [p, await getJson(devnet, p)] as const));
  return Object.fromEntries(answers);
}

/** Locks 12 ADA at an always-succeeds V3 address and spends it back; returns both hashes. */
async function lockAndSpend(devnet: Devnet, provider: BlockfrostProvider, owner: Awaited<ReturnType<typeof fundedWallet>>): Promise<{ scriptAddress: string; hashes: string[] }> {
  const code = alwaysSucceedsV3();
  const scriptAddress = serializePlutusScript({ code, version: 'V3' }, undefined, 0).address;
  const lockTx = await (await builderFor(provider))
    .txOut(scriptAddress, [{ unit: 'lovelace', quantity: '12000000' }])
    .txOutInlineDatumValue(mConStr0([42]))
    .changeAddress(owner.address)
    .selectUtxosFrom(await provider.fetchAddressUTxOs(owner.address))
    .complete();
  const lockHash = await provider.submitTx(await owner.wallet.signTx(lockTx));
  devnet.produceBlock();
  const walletUtxos: UTxO[] = await provider.fetchAddressUTxOs(owner.address);
  const collateral = walletUtxos.find((u) => BigInt(u.output.amount[0]?.quantity ?? '0') >= 5_000_000n);
  if (!collateral) throw new Error('no collateral');
  const spendTx = await (await builderFor(provider, true))
    .spendingPlutusScriptV3()
    .txIn(lockHash, 0, [{ unit: 'lovelace', quantity: '12000000' }], scriptAddress)
    .txInInlineDatumPresent()
    .txInRedeemerValue(mConStr0([]))
    .txInScript(code)
    .txInCollateral(collateral.input.txHash, collateral.input.outputIndex, collateral.output.amount, collateral.output.address)
    .changeAddress(owner.address)
    .selectUtxosFrom(walletUtxos)
    .complete();
  const spendHash = await provider.submitTx(await owner.wallet.signTx(spendTx));
  devnet.produceBlock();
  return { scriptAddress, hashes: [lockHash, spendHash] };
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('devnet with a state directory', () => {
  let stateDir: string;
  const open: Devnet[] = [];

  async function start(options: Parameters<typeof startTestDevnet>[0] = {}): Promise<Devnet> {
    const devnet = await startTestDevnet({ stateDir, ...options });
    open.push(devnet);
    return devnet;
  }

  async function stop(devnet: Devnet): Promise<void> {
    open.splice(open.indexOf(devnet), 1);
    await devnet.close();
  }

  beforeEach(() => {
    stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'devnet-state-')), 'devnet');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((devnet) => devnet.close()));
    fs.rmSync(path.dirname(stateDir), { recursive: true, force: true });
  });

  it('restarts as the same chain: blocks, UTxOs, transactions, faucet and clock; then extends it', async () => {
    const first = await start();
    const provider = new BlockfrostProvider(first.url);
    const alice = await fundedWallet(first, 100_000_000n, provider);
    const bob = await newWallet();
    const payment = await payWithMesh(provider, alice, bob.address, 9_000_000n);
    first.produceBlock();
    const { scriptAddress, hashes: scriptTxs } = await lockAndSpend(first, provider, alice);
    first.advanceTime(3_600_000);
    const rolledBack = await payWithMesh(provider, alice, bob.address, 2_000_000n);
    first.produceBlock();
    first.rollback(1, 'discard');
    first.produceBlock();
    // Still in the mempool at shutdown: the mempool is not kept.
    const unconfirmed = await first.topup(bob.address, 3_000_000n);

    const addresses = [alice.address, bob.address, scriptAddress, first.faucetAddress];
    const txHashes = [payment, ...scriptTxs];
    const before = await chainView(first, addresses, txHashes);
    const tipBefore = first.tip();
    const nowBefore = first.nowMs();
    await stop(first);

    expect(modeOf(stateDir)).toBe(0o700);
    expect(fs.readdirSync(stateDir).sort()).toEqual(['genesis.json', 'journal.jsonl']);
    for (const file of fs.readdirSync(stateDir)) expect(modeOf(path.join(stateDir, file))).toBe(0o600);

    const second = await start();
    expect(second.restored).toMatchObject({ height: tipBefore.height, rollbacks: 1, discardedBytes: 0 });
    expect(second.tip()).toEqual(tipBefore);
    expect(second.faucetAddress).toBe(first.faucetAddress);
    expect(second.slotConfig).toEqual(first.slotConfig);
    expect(await chainView(second, addresses, txHashes)).toEqual(before);
    expect((await getJson(second, `/txs/${rolledBack}`)).status).toBe(404);
    expect((await getJson(second, `/txs/${unconfirmed}`)).status).toBe(404);
    expect(second.mempool()).toEqual([]);
    expect(second.checkConsistency().ok).toBe(true);
    expect(second.nowMs()).toBeGreaterThanOrEqual(nowBefore);
    expect(second.nowMs() - Date.now()).toBeGreaterThanOrEqual(3_600_000);

    const topup = await second.topup(bob.address, 5_000_000n);
    const next = second.produceBlock();
    expect(next).toMatchObject({ height: tipBefore.height + 1, txHashes: [topup] });
    expect(next.slot).toBeGreaterThanOrEqual(tipBefore.slot);
    expect((await getJson(second, '/blocks/latest')).body).toMatchObject({ hash: next.hash, previous_block: tipBefore.hash });
    const bobUtxos = (await getJson(second, `/addresses/${bob.address}/utxos`)).body as { tx_hash: string }[];
    expect(bobUtxos.map((u) => u.tx_hash)).toEqual([payment, topup]);
    await stop(second);

    const third = await start();
    expect(third.tip()).toEqual(second.tip());
    expect(third.checkConsistency().ok).toBe(true);
  });

  it('drops a torn last journal line, refuses a damaged one in the middle, a second user and a different genesis', async () => {
    const first = await start();
    first.produceBlock();
    const tip = first.produceBlock();
    await expect(startTestDevnet({ stateDir })).rejects.toThrow(/in use by process/);
    await stop(first);

    const journal = path.join(stateDir, 'journal.jsonl');
    const intact = fs.readFileSync(journal, 'utf8');
    const lines = intact.trimEnd().split('\n');
    const last = lines[lines.length - 1] ?? '';
    // A crash in the middle of the next block's write, by an earlier process with our pid (a restarted container).
    fs.appendFileSync(journal, last.replace(`"height":${tip.height}`, `"height":${tip.height + 1}`).slice(0, 40));
    fs.writeFileSync(path.join(stateDir, 'lock'), JSON.stringify({ pid: process.pid, since: 0 }));

    const second = await start();
    expect(second.restored).toMatchObject({ height: tip.height, discardedBytes: 40 });
    expect(second.tip()).toEqual(tip);
    expect(fs.readFileSync(journal, 'utf8')).toBe(intact);
    const next = second.produceBlock();
    await stop(second);

    const third = await start();
    expect(third.tip()).toEqual(next);
    await stop(third);

    const withNext = fs.readFileSync(journal, 'utf8').trimEnd().split('\n');
    withNext.splice(-1, 0, '{"type":"block","hei');
    fs.writeFileSync(journal, `${withNext.join('\n')}\n`);
    await expect(startTestDevnet({ stateDir })).rejects.toThrow(/line \d+ is damaged/);
    await expect(startTestDevnet({ stateDir, securityParam: 10 })).rejects.toThrow(/another securityParam/);
  });
});
