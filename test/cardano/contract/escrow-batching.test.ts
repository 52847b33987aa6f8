import { beforeAll, describe, expect, it } from 'vitest';
import { escrowActionFromData, escrowActionToData } from '../../../src/cardano/contract/escrow-redeemer.js';
import { perform, planAction } from '../../helpers/emulator-actions.js';
import {
  COOLDOWN_MS,
  MINUTE,
  lockEscrows,
  makeActors,
  makeTerms,
  makeWorld,
  type Actors,
} from '../../helpers/emulator-escrow.js';
import type { EscrowActionType } from '../../../src/cardano/contract/escrow-redeemer.js';
import { expectScriptRejection, withRedeemer, withoutOutput } from '../../helpers/emulator-failures.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

const ADA = 1_000_000n;

describe('batching several escrows in one transaction', () => {
  it('continues each escrow into its own output, even two locked with the same identifier', async () => {
    const world = makeWorld(actors);
    const terms = makeTerms(world);
    const escrows = await lockEscrows(world, [
      { terms, price: 10n * ADA },
      { terms, price: 10n * ADA },
      { terms: makeTerms(world), price: 7n * ADA },
    ]);
    expect(escrows[0]!.datum).toEqual(escrows[1]!.datum);
    const { continuing } = await perform(world, 'SubmitResult', escrows);
    expect(continuing).toHaveLength(3);
    const values = continuing.map((e) => e.utxo.output.amount[0]?.quantity).sort();
    expect(values).toEqual(escrows.map((e) => e.utxo.output.amount[0]?.quantity).sort());
  });

  it('rejects two escrows with identical datums continued by one output (the seller pockets the other)', async () => {
    const world = makeWorld(actors);
    const terms = makeTerms(world);
    const twins = await lockEscrows(world, [{ terms }, { terms }]);
    const { plan, signers } = planAction(world, 'SubmitResult', twins);
    await expectScriptRejection(world.chain, withoutOutput(plan, 1), signers);
  });

  it('rejects two inputs naming the same input position', async () => {
    const world = makeWorld(actors);
    const terms = makeTerms(world);
    const twins = await lockEscrows(world, [{ terms }, { terms }]);
    const { plan, signers } = planAction(world, 'SubmitResult', twins);
    const first = escrowActionFromData(plan.scriptInputs[0]!.redeemer);
    await expectScriptRejection(world.chain, withoutOutput(withRedeemer(plan, 1, escrowActionToData(first)), 1), signers);
  });

  it('pairs by order: swapping two continuing outputs of different value is rejected', async () => {
    const world = makeWorld(actors);
    const terms = makeTerms(world);
    const escrows = await lockEscrows(world, [
      { terms, price: 10n * ADA },
      { terms, price: 30n * ADA },
    ]);
    const { plan, signers } = planAction(world, 'SubmitResult', escrows);
    const swapped = { ...plan, outputs: [plan.outputs[1]!, plan.outputs[0]!, ...plan.outputs.slice(2)] };
    await expectScriptRejection(world.chain, swapped, signers);
  });

  it('every continuing action rejects two twin escrows sharing one output', async () => {
    const world = makeWorld(actors);
    const terms = makeTerms(world);
    let twins = await lockEscrows(world, [{ terms }, { terms }]);
    const tryShared = async (action: EscrowActionType) => {
      const { plan, signers } = planAction(world, action, twins);
      await expectScriptRejection(world.chain, withoutOutput(plan, 1), signers);
      twins = (await perform(world, action, twins)).continuing;
    };
    await tryShared('SetRefundRequested');
    world.chain.setTimeMs(world.chain.nowMs + COOLDOWN_MS + 7n * MINUTE);
    await tryShared('UnSetRefundRequested');
    await tryShared('SubmitResult');
    twins = (await perform(world, 'SetRefundRequested', twins)).continuing;
    expect(twins.map((t) => t.datum.state)).toEqual(['Disputed', 'Disputed']);
    await tryShared('AuthorizeRefund');
  });
});
