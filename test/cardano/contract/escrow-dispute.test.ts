import { beforeAll, describe, expect, it } from 'vitest';
import type { EscrowUtxo } from '../../../src/cardano/builders/builder-types.js';
import { adminSignatureStatus, mergeVkeyWitnesses } from '../../../src/cardano/builders/multisig-witness.js';
import { buildWithdrawDisputedTx } from '../../../src/cardano/builders/withdraw-disputed-builder.js';
import type { EscrowActionType } from '../../../src/cardano/contract/escrow-redeemer.js';
import { perform, planAction, recordExUnits, windowNow } from '../../helpers/emulator-actions.js';
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
import { expectScriptRejection, withOutputDatum } from '../../helpers/emulator-failures.js';
import type { EscrowParams } from '../../../src/cardano/contract/scripts.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

async function step(world: EscrowWorld, action: EscrowActionType, escrow: EscrowUtxo): Promise<EscrowUtxo> {
  const [next] = (await perform(world, action, [escrow])).continuing;
  if (next === undefined) throw new Error(`${action} did not continue`);
  return next;
}

/** A disputed escrow: result submitted, then the buyer asked for a refund. */
async function disputed(params: Partial<EscrowParams> = {}): Promise<{ world: EscrowWorld; escrow: EscrowUtxo }> {
  const world = makeWorld(actors, params);
  const [escrow] = await lockEscrows(world, [{ terms: makeTerms(world) }]);
  const result = await step(world, 'SetRefundRequested', await step(world, 'SubmitResult', escrow!));
  expect(result.datum.state).toBe('Disputed');
  return { world, escrow: result };
}

describe('AuthorizeRefund', () => {
  it('Disputed → RefundRequested with the result cleared; the buyer can then take the refund', async () => {
    const { world, escrow } = await disputed();
    const authorized = await step(world, 'AuthorizeRefund', escrow);
    expect(authorized.datum).toMatchObject({ state: 'RefundRequested', resultHash: '', buyerCooldownTime: 0n });
    expect(authorized.datum.sellerCooldownTime).toBeGreaterThanOrEqual(world.chain.nowMs + COOLDOWN_MS);
    world.chain.setTimeMs(escrow.datum.submitResultTime + 2n * MINUTE);
    expect((await perform(world, 'WithdrawRefund', [authorized])).outcome.ok).toBe(true);
  });

  it('rejects the buyer as signer, a result kept, and states other than Disputed', async () => {
    const { world, escrow } = await disputed();
    const { plan } = planAction(world, 'AuthorizeRefund', [escrow], { as: actors.buyer });
    await expectScriptRejection(world.chain, plan, [actors.buyer]);
    const own = planAction(world, 'AuthorizeRefund', [escrow]);
    await expectScriptRejection(world.chain, withOutputDatum(own.plan, 0, (d) => ({ ...d, resultHash: escrow.datum.resultHash })), own.signers);
    await expectScriptRejection(world.chain, withOutputDatum(own.plan, 0, (d) => ({ ...d, state: 'FundsLocked' })), own.signers);
    const submitted = await step(world, 'UnSetRefundRequested', escrow).catch(async () => {
      world.chain.setTimeMs(world.chain.nowMs + COOLDOWN_MS + 7n * MINUTE);
      return step(world, 'UnSetRefundRequested', escrow);
    });
    expect(submitted.datum.state).toBe('ResultSubmitted');
    const again = planAction(world, 'AuthorizeRefund', [submitted]);
    await expectScriptRejection(world.chain, again.plan, again.signers);
  });

  it('rejects an authorization inside the seller cooldown', async () => {
    const world = makeWorld(actors);
    const [escrow] = await lockEscrows(world, [{ terms: makeTerms(world) }]);
    const requested = await step(world, 'SetRefundRequested', escrow!);
    const fresh = await step(world, 'SubmitResult', requested);
    expect(fresh.datum.state).toBe('Disputed');
    const { plan, signers } = planAction(world, 'AuthorizeRefund', [fresh]);
    await expectScriptRejection(world.chain, plan, signers);
  });
});

describe('WithdrawDisputed', () => {
  it('two admins sign separately; their witnesses are merged and the funds split as they decide', async () => {
    const { world, escrow } = await disputed();
    world.chain.setTimeMs(escrow.datum.externalDisputeUnlockTime + 2n * MINUTE);
    const [a1, a2] = actors.admins;
    const feePayer = actors.stranger;
    const { txHex } = await buildWithdrawDisputedTx({
      ctx: world.chain.ctx,
      wallet: world.chain.funding(feePayer.address),
      escrow: world.source,
      window: windowNow(world),
      escrows: [escrow],
      payouts: [{ address: actors.buyer.address, amount: [{ unit: 'lovelace', quantity: '6000000' }] }],
      adminSigners: [a1.keyHash, a2.keyHash],
    });
    const byFeePayer = await feePayer.wallet.signTx(txHex, true);
    const byFirst = await a1.wallet.signTx(txHex, true);
    expect(adminSignatureStatus(mergeVkeyWitnesses(txHex, byFeePayer, byFirst), world.params)).toMatchObject({ complete: false });
    expect(world.chain.submit(mergeVkeyWitnesses(txHex, byFeePayer, byFirst)).ok).toBe(false);
    const bySecond = await a2.wallet.signTx(txHex, true);
    const complete = mergeVkeyWitnesses(txHex, byFeePayer, byFirst, bySecond);
    expect(adminSignatureStatus(complete, world.params)).toEqual({
      signedBy: expect.arrayContaining([a1.keyHash, a2.keyHash]) as unknown,
      required: 2,
      complete: true,
    });
    const outcome = world.chain.submit(complete);
    expect(outcome).toMatchObject({ ok: true });
    recordExUnits('WithdrawDisputed x1', complete);
    expect(world.chain.utxosAt(actors.buyer.address).some((u) => u.output.amount[0]?.quantity === '6000000')).toBe(true);
  });

  it('rejects a single admin, and one admin plus a non-admin', async () => {
    const { world, escrow } = await disputed();
    world.chain.setTimeMs(escrow.datum.externalDisputeUnlockTime + 2n * MINUTE);
    const { plan, signers } = planAction(world, 'WithdrawDisputed', [escrow]);
    const first = actors.admins[0];
    await expectScriptRejection(world.chain, { ...plan, requiredSigners: [first.keyHash] }, [first]);
    await expectScriptRejection(world.chain, { ...plan, requiredSigners: [first.keyHash, actors.stranger.keyHash] }, [first, actors.stranger]);
    expect(signers).toHaveLength(2);
  });

  it('counts an admin listed twice once', async () => {
    const [a1, a2] = actors.admins;
    const { world, escrow } = await disputed({ adminKeyHashes: [a1.keyHash, a1.keyHash, a2.keyHash] });
    world.chain.setTimeMs(escrow.datum.externalDisputeUnlockTime + 2n * MINUTE);
    const { plan } = planAction(world, 'WithdrawDisputed', [escrow], { admins: [a1, a2] });
    await expectScriptRejection(world.chain, { ...plan, requiredSigners: [a1.keyHash] }, [a1]);
    expect((await perform(world, 'WithdrawDisputed', [escrow], { admins: [a1, a2] })).outcome.ok).toBe(true);
  });

  it('rejects a withdrawal before external_dispute_unlock_time and outside Disputed', async () => {
    const { world, escrow } = await disputed();
    world.chain.setTimeMs(escrow.datum.externalDisputeUnlockTime - 3n * MINUTE);
    const early = planAction(world, 'WithdrawDisputed', [escrow]);
    await expectScriptRejection(world.chain, early.plan, early.signers);
    const [other] = await lockEscrows(world, [{ terms: makeTerms(world, { start: escrow.datum.payByTime - 10n * MINUTE }) }]);
    world.chain.setTimeMs(escrow.datum.externalDisputeUnlockTime + 2n * MINUTE);
    const notDisputed = planAction(world, 'WithdrawDisputed', [other!]);
    await expectScriptRejection(world.chain, notDisputed.plan, notDisputed.signers);
  });
});
