import { beforeAll, describe, expect, it } from 'vitest';
import type { EscrowUtxo } from '../../../src/cardano/builders/builder-types.js';
import type { TxPlan } from '../../../src/cardano/builders/tx-plan.js';
import type { EscrowActionType } from '../../../src/cardano/contract/escrow-redeemer.js';
import { perform, planAction } from '../../helpers/emulator-actions.js';
import {
  COOLDOWN_MS,
  MINUTE,
  lockEscrows,
  makeActors,
  makeTerms,
  makeWorld,
  type Actors,
  type EscrowWorld,
} from '../../helpers/emulator-escrow.js';
import { expectScriptRejection, lovelaceMinus, withOutput, withOutputDatum } from '../../helpers/emulator-failures.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

async function locked(): Promise<{ world: EscrowWorld; escrow: EscrowUtxo }> {
  const world = makeWorld(actors);
  const [escrow] = await lockEscrows(world, [{ terms: makeTerms(world) }]);
  return { world, escrow: escrow! };
}

async function step(world: EscrowWorld, action: EscrowActionType, escrow: EscrowUtxo): Promise<EscrowUtxo> {
  const [next] = (await perform(world, action, [escrow])).continuing;
  if (next === undefined) throw new Error(`${action} did not continue`);
  return next;
}

const rejects = async (world: EscrowWorld, action: EscrowActionType, escrow: EscrowUtxo, change: (p: TxPlan) => TxPlan = (p) => p) => {
  const { plan, signers } = planAction(world, action, [escrow]);
  await expectScriptRejection(world.chain, change(plan), signers);
};

describe('SetRefundRequested', () => {
  it('FundsLocked → RefundRequested and ResultSubmitted → Disputed, with the buyer cooldown', async () => {
    const { world, escrow } = await locked();
    const requested = await step(world, 'SetRefundRequested', escrow);
    expect(requested.datum).toMatchObject({ state: 'RefundRequested', sellerCooldownTime: 0n });
    expect(requested.datum.buyerCooldownTime).toBeGreaterThanOrEqual(world.chain.nowMs + COOLDOWN_MS);
    const second = await locked();
    const submitted = await step(second.world, 'SubmitResult', second.escrow);
    const disputed = await step(second.world, 'SetRefundRequested', submitted);
    expect(disputed.datum).toMatchObject({ state: 'Disputed', resultHash: submitted.datum.resultHash });
  });

  it('rejects the seller as signer', async () => {
    const { world, escrow } = await locked();
    const { plan } = planAction(world, 'SetRefundRequested', [escrow], { as: actors.seller });
    await expectScriptRejection(world.chain, plan, [actors.seller]);
  });

  it('rejects a request at or after unlock_time', async () => {
    const { world, escrow } = await locked();
    world.chain.setTimeMs(escrow.datum.unlockTime - 2n * MINUTE);
    await rejects(world, 'SetRefundRequested', escrow);
  });

  it('rejects a request before the buyer cooldown ends', async () => {
    const { world, escrow } = await locked();
    const requested = await step(world, 'SetRefundRequested', escrow);
    world.chain.setTimeMs(world.chain.nowMs + COOLDOWN_MS + 7n * MINUTE);
    const cancelled = await step(world, 'UnSetRefundRequested', requested);
    await rejects(world, 'SetRefundRequested', cancelled);
  });

  it('rejects a request from RefundRequested', async () => {
    const { world, escrow } = await locked();
    const requested = await step(world, 'SetRefundRequested', escrow);
    world.chain.setTimeMs(world.chain.nowMs + COOLDOWN_MS + 7n * MINUTE);
    await rejects(world, 'SetRefundRequested', requested);
  });

  it('rejects a changed datum, a wrong state, wrong cooldowns and value taken', async () => {
    const { world, escrow } = await locked();
    const bad: ((p: TxPlan) => TxPlan)[] = [
      (p) => withOutputDatum(p, 0, (d) => ({ ...d, unlockTime: d.unlockTime + 1n })),
      (p) => withOutputDatum(p, 0, (d) => ({ ...d, state: 'Disputed' })),
      (p) => withOutputDatum(p, 0, (d) => ({ ...d, buyerCooldownTime: d.buyerCooldownTime - 1n })),
      (p) => withOutputDatum(p, 0, (d) => ({ ...d, sellerCooldownTime: 5n })),
      (p) => withOutput(p, 0, (o) => lovelaceMinus(o, 1n)),
    ];
    for (const change of bad) await rejects(world, 'SetRefundRequested', escrow, change);
  });
});

describe('UnSetRefundRequested', () => {
  it('RefundRequested → FundsLocked and Disputed → ResultSubmitted', async () => {
    const { world, escrow } = await locked();
    const requested = await step(world, 'SetRefundRequested', escrow);
    world.chain.setTimeMs(world.chain.nowMs + COOLDOWN_MS + 7n * MINUTE);
    const cancelled = await step(world, 'UnSetRefundRequested', requested);
    expect(cancelled.datum).toMatchObject({ state: 'FundsLocked', sellerCooldownTime: 0n });
    const second = await locked();
    const disputed = await step(second.world, 'SetRefundRequested', await step(second.world, 'SubmitResult', second.escrow));
    second.world.chain.setTimeMs(second.world.chain.nowMs + COOLDOWN_MS + 7n * MINUTE);
    expect((await step(second.world, 'UnSetRefundRequested', disputed)).datum.state).toBe('ResultSubmitted');
  });

  it('rejects the seller as signer, a cancel inside the buyer cooldown, and FundsLocked', async () => {
    const { world, escrow } = await locked();
    await rejects(world, 'UnSetRefundRequested', escrow);
    const requested = await step(world, 'SetRefundRequested', escrow);
    await rejects(world, 'UnSetRefundRequested', requested);
    world.chain.setTimeMs(world.chain.nowMs + COOLDOWN_MS + 7n * MINUTE);
    const { plan } = planAction(world, 'UnSetRefundRequested', [requested], { as: actors.seller });
    await expectScriptRejection(world.chain, plan, [actors.seller]);
    await rejects(world, 'UnSetRefundRequested', requested, (p) => withOutputDatum(p, 0, (d) => ({ ...d, state: 'ResultSubmitted' })));
    await rejects(world, 'UnSetRefundRequested', requested, (p) => withOutputDatum(p, 0, (d) => ({ ...d, sellerNonce: '00' })));
  });
});

describe('WithdrawRefund', () => {
  it('returns the funds to the buyer after submit_result_time without a result (FundsLocked and RefundRequested)', async () => {
    const { world, escrow } = await locked();
    const second = (await lockEscrows(world, [{ terms: makeTerms(world) }]))[0]!;
    const requested = await step(world, 'SetRefundRequested', second);
    world.chain.setTimeMs(escrow.datum.submitResultTime + MINUTE * 2n);
    const { outcome } = await perform(world, 'WithdrawRefund', [escrow, requested]);
    expect(outcome.ok).toBe(true);
    expect(world.chain.utxosAt(world.source.script.address)).toHaveLength(0);
  });

  it('rejects the seller as signer and a refund before submit_result_time', async () => {
    const { world, escrow } = await locked();
    await rejects(world, 'WithdrawRefund', escrow);
    world.chain.setTimeMs(escrow.datum.submitResultTime + MINUTE * 2n);
    const { plan } = planAction(world, 'WithdrawRefund', [escrow], { as: actors.seller });
    await expectScriptRejection(world.chain, plan, [actors.seller]);
  });

  it('rejects a refund once a result exists (ResultSubmitted, Disputed)', async () => {
    const { world, escrow } = await locked();
    const submitted = await step(world, 'SubmitResult', escrow);
    const [other] = await lockEscrows(world, [{ terms: makeTerms(world) }]);
    const disputed = await step(world, 'SetRefundRequested', await step(world, 'SubmitResult', other!));
    world.chain.setTimeMs(escrow.datum.submitResultTime + MINUTE * 2n);
    await rejects(world, 'WithdrawRefund', submitted);
    await rejects(world, 'WithdrawRefund', disputed);
  });
});
