import { beforeAll, describe, expect, it } from 'vitest';
import { escrowActionFromData, escrowActionToData } from '../../../src/cardano/contract/escrow-redeemer.js';
import { constr } from '../../../src/cardano/contract/plutus-json.js';
import { lovelaceOf, toAssetMap, toAssets } from '../../../src/cardano/builders/value.js';
import type { TxPlan } from '../../../src/cardano/builders/tx-plan.js';
import { perform, planAction } from '../../helpers/emulator-actions.js';
import {
  MINUTE,
  TEST_TOKEN,
  lockEscrows,
  makeActors,
  makeTerms,
  makeWorld,
  type Actors,
  type EscrowWorld,
} from '../../helpers/emulator-escrow.js';
import {
  expectScriptRejection,
  lovelaceMinus,
  withOutput,
  withRedeemer,
  withoutOutput,
} from '../../helpers/emulator-failures.js';
import type { EscrowUtxo } from '../../../src/cardano/builders/builder-types.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

const ADA = 1_000_000n;

/** Escrows with a submitted result, the clock just past unlock_time. */
async function readyToWithdraw(escrows: { price: bigint; tokens?: bigint }[]): Promise<{ world: EscrowWorld; ready: EscrowUtxo[] }> {
  const world = makeWorld(actors);
  const terms = makeTerms(world);
  const locked = await lockEscrows(
    world,
    escrows.map((e) => ({ terms: { ...terms, referenceSignature: makeTerms(world).referenceSignature }, ...e })),
  );
  const { continuing } = await perform(world, 'SubmitResult', locked);
  world.chain.setTimeMs(terms.unlockTime + 2n * MINUTE);
  return { world, ready: continuing };
}

const withdrawPlan = (world: EscrowWorld, escrows: EscrowUtxo[]) => planAction(world, 'Withdraw', escrows);

function redeemerOf(plan: TxPlan, index: number) {
  const action = escrowActionFromData(plan.scriptInputs[index]!.redeemer);
  if (action.type !== 'Withdraw') throw new Error('not a withdraw');
  return action;
}

describe('Withdraw', () => {
  it('pays the seller, the fee (every asset, tagged) and the buyer collateral back (tagged)', async () => {
    const { world, ready } = await readyToWithdraw([{ price: 1n * ADA, tokens: 500n }]);
    const escrow = ready[0]!;
    const { plan } = withdrawPlan(world, [escrow]);
    const { fee, back } = { fee: plan.outputs[redeemerOf(plan, 0).feeOutputIndex]!, back: plan.outputs[redeemerOf(plan, 0).buyerOutputIndex]! };
    expect(toAssetMap(fee.amount).get(TEST_TOKEN)).toBe(25n);
    expect(fee.address).toBe(actors.feeReceiver.address);
    expect(back.address).toBe(actors.buyer.address);
    expect(lovelaceOf(back.amount)).toBeGreaterThanOrEqual(escrow.datum.collateralReturnLovelace);
    expect(escrow.datum.collateralReturnLovelace).toBeGreaterThan(0n);
    const { outcome } = await perform(world, 'Withdraw', [escrow]);
    expect(outcome.ok).toBe(true);
    expect(world.chain.utxosAt(world.source.script.address)).toHaveLength(0);
  });

  it('rejects a signer other than the seller', async () => {
    const { world, ready } = await readyToWithdraw([{ price: 1n * ADA }]);
    const { plan } = planAction(world, 'Withdraw', ready, { as: actors.buyer });
    await expectScriptRejection(world.chain, plan, [actors.buyer]);
  });

  it('rejects a withdrawal before unlock_time', async () => {
    const { world, ready } = await readyToWithdraw([{ price: 1n * ADA }]);
    world.chain.setTimeMs(ready[0]!.datum.unlockTime - 3n * MINUTE);
    const { plan, signers } = withdrawPlan(world, ready);
    await expectScriptRejection(world.chain, plan, signers);
  });

  it('rejects a withdrawal without a result (FundsLocked) and from Disputed', async () => {
    const world = makeWorld(actors);
    const terms = makeTerms(world);
    const [locked, toDispute] = await lockEscrows(world, [{ terms, price: ADA }, { terms: makeTerms(world), price: ADA }]);
    const [submitted] = (await perform(world, 'SubmitResult', [toDispute!])).continuing;
    const [disputed] = (await perform(world, 'SetRefundRequested', [submitted!])).continuing;
    expect(disputed?.datum.state).toBe('Disputed');
    world.chain.setTimeMs(terms.unlockTime + 2n * MINUTE);
    for (const escrow of [locked!, disputed!]) {
      const { plan, signers } = withdrawPlan(world, [escrow]);
      await expectScriptRejection(world.chain, plan, signers);
    }
  });

  it('rejects a short or missing fee, in lovelace and in tokens', async () => {
    const { world, ready } = await readyToWithdraw([{ price: 100n * ADA, tokens: 500n }]);
    const { plan, signers } = withdrawPlan(world, ready);
    const { feeOutputIndex } = redeemerOf(plan, 0);
    expect(plan.outputs).toHaveLength(1);
    expect(lovelaceOf(plan.outputs[feeOutputIndex]!.amount)).toBe(5n * ADA);
    const shortTokens = withOutput(plan, feeOutputIndex, (o) => {
      const assets = toAssetMap(o.amount);
      assets.set(TEST_TOKEN, 24n);
      return { ...o, amount: toAssets(assets) };
    });
    const bad: TxPlan[] = [
      withOutput(plan, feeOutputIndex, (o) => lovelaceMinus(o, 1n)),
      shortTokens,
      withOutput(plan, feeOutputIndex, (o) => ({ ...o, address: actors.stranger.address })),
      withOutput(plan, feeOutputIndex, (o) => ({ ...o, datum: constr(0, []) })),
      withoutOutput(plan, feeOutputIndex),
    ];
    for (const p of bad) await expectScriptRejection(world.chain, p, signers);
  });

  it('rejects a short or untagged buyer collateral return', async () => {
    const { world, ready } = await readyToWithdraw([{ price: 1n * ADA }]);
    const { plan, signers } = withdrawPlan(world, ready);
    const { buyerOutputIndex } = redeemerOf(plan, 0);
    const collateral = ready[0]!.datum.collateralReturnLovelace;
    const bad: TxPlan[] = [
      withOutput(plan, buyerOutputIndex, (o) => ({ ...o, amount: [{ unit: 'lovelace', quantity: (collateral - 1n).toString() }] })),
      withOutput(plan, buyerOutputIndex, (o) => ({ ...o, address: actors.stranger.address })),
      withOutput(plan, buyerOutputIndex, (o) => ({ ...o, datum: constr(0, []) })),
    ];
    for (const p of bad) await expectScriptRejection(world.chain, p, signers);
  });

  it('rejects one fee output serving two escrows with identical datums', async () => {
    const world = makeWorld(actors);
    const terms = makeTerms(world);
    const twins = await lockEscrows(world, [{ terms, price: 100n * ADA }, { terms, price: 100n * ADA }]);
    expect(twins[0]!.datum).toEqual(twins[1]!.datum);
    const { continuing } = await perform(world, 'SubmitResult', twins);
    world.chain.setTimeMs(terms.unlockTime + 2n * MINUTE);
    const { plan, signers } = withdrawPlan(world, continuing);
    const first = redeemerOf(plan, 0);
    const sharing = withRedeemer(plan, 1, escrowActionToData({ ...redeemerOf(plan, 1), feeOutputIndex: first.feeOutputIndex }));
    await expectScriptRejection(world.chain, sharing, signers);
    const { outcome } = await perform(world, 'Withdraw', continuing);
    expect(outcome.ok).toBe(true);
  });
});
