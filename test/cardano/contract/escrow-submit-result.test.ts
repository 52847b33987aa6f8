import { beforeAll, describe, expect, it } from 'vitest';
import { escrowDatumFromData, escrowDatumToData } from '../../../src/cardano/contract/escrow-datum.js';
import { bytes, constr, type ConstrJson } from '../../../src/cardano/contract/plutus-json.js';
import { toAssetMap, toAssets } from '../../../src/cardano/builders/value.js';
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
  handSpendPlan,
  lockRaw,
  lovelaceMinus,
  withOutput,
  withOutputDatum,
} from '../../helpers/emulator-failures.js';
import type { TxPlan } from '../../../src/cardano/builders/tx-plan.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

async function lockedOne(tokens?: bigint) {
  const world = makeWorld(actors);
  const [escrow] = await lockEscrows(world, [{ terms: makeTerms(world), ...(tokens === undefined ? {} : { tokens }) }]);
  if (escrow === undefined) throw new Error('no escrow');
  return { world, escrow };
}

const submitPlan = (world: EscrowWorld, escrow: Parameters<typeof planAction>[2][number], options = {}) =>
  planAction(world, 'SubmitResult', [escrow], options);

describe('SubmitResult', () => {
  it('records the result: FundsLocked → ResultSubmitted, seller cooldown set, buyer cooldown 0', async () => {
    const { world, escrow } = await lockedOne();
    const { continuing, built } = await perform(world, 'SubmitResult', [escrow], { resultHash: 'cd'.repeat(32) });
    const next = continuing[0];
    expect(next?.datum).toMatchObject({ resultHash: 'cd'.repeat(32), state: 'ResultSubmitted', buyerCooldownTime: 0n });
    expect(next?.datum.sellerCooldownTime).toBeGreaterThan(world.chain.nowMs);
    expect(next?.utxo.output.amount).toEqual(escrow.utxo.output.amount);
    expect(built.fee).toBeGreaterThan(0n);
  });

  it('turns a refund request into a dispute: RefundRequested → Disputed', async () => {
    const { world, escrow } = await lockedOne();
    const [requested] = (await perform(world, 'SetRefundRequested', [escrow])).continuing;
    const [disputed] = (await perform(world, 'SubmitResult', [requested!])).continuing;
    expect(disputed?.datum.state).toBe('Disputed');
  });

  it('replaces a result after submit_result_time but before external_dispute_unlock_time', async () => {
    const { world, escrow } = await lockedOne();
    const [submitted] = (await perform(world, 'SubmitResult', [escrow])).continuing;
    world.chain.setTimeMs(escrow.datum.submitResultTime + 10n * MINUTE);
    const [again] = (await perform(world, 'SubmitResult', [submitted!], { resultHash: 'ef'.repeat(32) })).continuing;
    expect(again?.datum).toMatchObject({ resultHash: 'ef'.repeat(32), state: 'ResultSubmitted' });
  });

  it('rejects a signer other than the seller', async () => {
    const { world, escrow } = await lockedOne();
    const { plan } = submitPlan(world, escrow, { as: actors.stranger });
    await expectScriptRejection(world.chain, plan, [actors.stranger]);
  });

  it('rejects a first result after submit_result_time', async () => {
    const { world, escrow } = await lockedOne();
    world.chain.setTimeMs(escrow.datum.submitResultTime - 2n * MINUTE);
    const { plan, signers } = submitPlan(world, escrow);
    await expectScriptRejection(world.chain, plan, signers);
  });

  it('rejects a replacement result after external_dispute_unlock_time', async () => {
    const { world, escrow } = await lockedOne();
    const [submitted] = (await perform(world, 'SubmitResult', [escrow])).continuing;
    world.chain.setTimeMs(escrow.datum.externalDisputeUnlockTime - 2n * MINUTE);
    const { plan, signers } = submitPlan(world, submitted!);
    await expectScriptRejection(world.chain, plan, signers);
  });

  it('rejects a second result before the seller cooldown ends', async () => {
    const { world, escrow } = await lockedOne();
    const [submitted] = (await perform(world, 'SubmitResult', [escrow])).continuing;
    const { plan, signers } = submitPlan(world, submitted!);
    await expectScriptRejection(world.chain, plan, signers);
  });

  it('rejects a changed datum field', async () => {
    const { world, escrow } = await lockedOne();
    const { plan, signers } = submitPlan(world, escrow);
    await expectScriptRejection(world.chain, withOutputDatum(plan, 0, (d) => ({ ...d, inputHash: '00'.repeat(32) })), signers);
    await expectScriptRejection(world.chain, withOutputDatum(plan, 0, (d) => ({ ...d, buyer: actors.stranger.address })), signers);
  });

  it('rejects a wrong new state, an empty result and wrong cooldowns', async () => {
    const { world, escrow } = await lockedOne();
    const { plan, signers } = submitPlan(world, escrow);
    const bad: TxPlan[] = [
      withOutputDatum(plan, 0, (d) => ({ ...d, state: 'Disputed' })),
      withOutputDatum(plan, 0, (d) => ({ ...d, resultHash: '' })),
      withOutputDatum(plan, 0, (d) => ({ ...d, sellerCooldownTime: d.sellerCooldownTime - 1n })),
      withOutputDatum(plan, 0, (d) => ({ ...d, buyerCooldownTime: 1n })),
    ];
    for (const p of bad) await expectScriptRejection(world.chain, p, signers);
  });

  it('rejects value taken from the continuing output', async () => {
    const { world, escrow } = await lockedOne();
    const { plan, signers } = submitPlan(world, escrow);
    await expectScriptRejection(world.chain, withOutput(plan, 0, (o) => lovelaceMinus(o, 1_000_000n)), signers);
  });

  it('compares every asset: a token cannot be swapped for more lovelace', async () => {
    const { world, escrow } = await lockedOne(500n);
    const { plan, signers } = submitPlan(world, escrow);
    const swapped = withOutput(plan, 0, (o) => {
      const assets = toAssetMap(o.amount);
      assets.set(TEST_TOKEN, 499n);
      assets.set('lovelace', (assets.get('lovelace') ?? 0n) + 5_000_000n);
      return { ...o, amount: toAssets(assets) };
    });
    await expectScriptRejection(world.chain, swapped, signers);
  });

  it('rejects a reference script on the continuing output', async () => {
    const { world, escrow } = await lockedOne();
    const { plan, signers } = submitPlan(world, escrow);
    const withScript = withOutput(plan, 0, (o) => ({ ...o, referenceScript: world.source.script }));
    await expectScriptRejection(world.chain, withOutput(withScript, 0, (o) => lovelaceMinus(o, -20_000_000n)), signers);
  });

  it('rejects a validity interval that is not finite at both ends', async () => {
    const { world, escrow } = await lockedOne();
    const { plan, signers } = submitPlan(world, escrow);
    const { window, ...unbounded } = plan;
    expect(window).toBeDefined();
    await expectScriptRejection(world.chain, unbounded, signers);
  });

  it('rejects spending an output whose datum is missing or malformed', async () => {
    const world = makeWorld(actors);
    const datum = escrowDatumToData({
      ...makeTerms(world),
      collateralReturnLovelace: 0n,
      resultHash: '',
      sellerCooldownTime: 0n,
      buyerCooldownTime: 0n,
      state: 'FundsLocked',
    }) as ConstrJson;
    const fifteenFields = constr(0, datum.fields.slice(0, 15));
    const wrongType = constr(0, datum.fields.map((f, i) => (i === 6 ? bytes('00') : f)));
    const next = escrowDatumToData({
      ...escrowDatumFromData(datum, 0),
      resultHash: 'ab'.repeat(32),
      sellerCooldownTime: world.chain.nowMs + 10n * MINUTE,
      state: 'ResultSubmitted',
    });
    const utxos = await lockRaw(world, [undefined, fifteenFields, wrongType]);
    for (const utxo of utxos) {
      await expectScriptRejection(world.chain, handSpendPlan(world, utxo, { type: 'SubmitResult', inputIndex: 0 }, next), [
        actors.seller,
      ]);
    }
  });
});
