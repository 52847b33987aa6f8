import { beforeAll, describe, expect, it } from 'vitest';
import type { EscrowUtxo } from '../../../src/cardano/builders/builder-types.js';
import { planBurnAgent, planMintAgent } from '../../../src/cardano/builders/registry-builders.js';
import { assemblePlan, planUtxos, type TxPlan } from '../../../src/cardano/builders/tx-plan.js';
import type { EscrowActionType } from '../../../src/cardano/contract/escrow-redeemer.js';
import { registryPolicy } from '../../../src/cardano/contract/scripts.js';
import { planAction, recordExUnits } from '../../helpers/emulator-actions.js';
import {
  COOLDOWN_MS,
  MINUTE,
  lockEscrows,
  makeActors,
  makeTerms,
  makeWorld,
  readEscrow,
  withReferenceScript,
  type Actors,
  type EscrowWorld,
} from '../../helpers/emulator-escrow.js';
import { signWith, type TestWallet } from '../../helpers/emulator.js';
import { budgetsByUplc, budgetsInTx } from '../../helpers/emulator-uplc.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

/** Builds with Scalus' ex-units, checks Aiken's machine computes the same, submits. */
async function crossChecked(world: EscrowWorld, label: string, plan: TxPlan, signers: readonly TestWallet[]) {
  const built = await assemblePlan(world.chain.ctx, plan);
  const scalus = budgetsInTx(built.txHex);
  expect(scalus.length).toBeGreaterThan(0);
  expect(budgetsByUplc(built.txHex, planUtxos(plan), world.chain.slotConfig), label).toEqual(scalus);
  const outcome = world.chain.submit(await signWith(built.txHex, ...signers));
  expect(outcome.ok, `${label}: ${outcome.error}`).toBe(true);
  recordExUnits(label, built.txHex);
  return world.chain
    .outputsOf(outcome.txHash!)
    .filter((u) => u.output.address === world.source.script.address)
    .map((u) => readEscrow(world, u));
}

async function act(world: EscrowWorld, action: EscrowActionType, escrows: readonly EscrowUtxo[]): Promise<EscrowUtxo[]> {
  const { plan, signers } = planAction(world, action, escrows);
  return crossChecked(world, `${action} x${escrows.length}`, plan, signers);
}

describe('Scalus and Aiken (lucid-evolution uplc) agree on ex-units', () => {
  it('for every escrow action, batched, with a reference script', async () => {
    const world = await withReferenceScript(makeWorld(actors));
    const terms = makeTerms(world);
    const locked = await lockEscrows(world, [{ terms }, { terms }, { terms: makeTerms(world), price: 1_000_000n }]);
    let pair = await act(world, 'SetRefundRequested', locked.slice(0, 2));
    world.chain.setTimeMs(world.chain.nowMs + COOLDOWN_MS + 7n * MINUTE);
    pair = await act(world, 'UnSetRefundRequested', pair);
    const all = await act(world, 'SubmitResult', [...pair, locked[2]!]);
    const third = all.find((e) => e.datum.collateralReturnLovelace > 0n)!;
    const [disputed] = await act(world, 'SetRefundRequested', [third]);
    const [refundable] = await act(world, 'AuthorizeRefund', [disputed!]);
    world.chain.setTimeMs(terms.submitResultTime + 2n * MINUTE);
    await act(world, 'WithdrawRefund', [refundable!]);
    world.chain.setTimeMs(terms.unlockTime + 2n * MINUTE);
    await act(world, 'Withdraw', all.filter((e) => e !== third));
  });

  it('for WithdrawDisputed and the registry policy', async () => {
    const world = makeWorld(actors);
    const [escrow] = await lockEscrows(world, [{ terms: makeTerms(world) }]);
    const [submitted] = await act(world, 'SubmitResult', [escrow!]);
    const [disputed] = await act(world, 'SetRefundRequested', [submitted!]);
    world.chain.setTimeMs(disputed!.datum.externalDisputeUnlockTime + 2n * MINUTE);
    await act(world, 'WithdrawDisputed', [disputed!]);

    const registry = { policy: registryPolicy(world.source.script.address) };
    const { plan, assetName } = planMintAgent({
      ctx: world.chain.ctx,
      wallet: world.chain.funding(actors.seller.address),
      registry,
      recipient: actors.seller.address,
      metadata: { name: 'agent' },
    });
    await crossChecked(world, 'Mint agent', plan, [actors.seller]);
    const burn = planBurnAgent({ ctx: world.chain.ctx, wallet: world.chain.funding(actors.seller.address), registry, assetName });
    await crossChecked(world, 'Burn agent', burn, [actors.seller]);
  });
});
