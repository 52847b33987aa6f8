/**
 * Random sequences of escrow actions and clock moves, run on the emulator and on a model of
 * CONTRACT.md's state table: the ledger must accept exactly what the model accepts, leave the
 * datum the model predicts, and conserve value (what leaves the UTxO set is the fee).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EscrowUtxo } from '../../../src/cardano/builders/builder-types.js';
import { compareOutRefs } from '../../../src/cardano/builders/input-order.js';
import { toSlotWindow } from '../../../src/cardano/chain-types.js';
import type { EscrowDatum, EscrowState } from '../../../src/cardano/contract/escrow-datum.js';
import type { EscrowActionType } from '../../../src/cardano/contract/escrow-redeemer.js';
import { planAction, windowNow } from '../../helpers/emulator-actions.js';
import {
  COOLDOWN_MS,
  MINUTE,
  lockEscrows,
  makeActors,
  makeTerms,
  makeWorld,
  readEscrow,
  type Actors,
  type EscrowWorld,
} from '../../helpers/emulator-escrow.js';
import { FixedBudgetEvaluator, submitPlan } from '../../helpers/emulator-failures.js';

const ACTIONS: readonly EscrowActionType[] = [
  'SubmitResult',
  'SetRefundRequested',
  'UnSetRefundRequested',
  'WithdrawRefund',
  'Withdraw',
  'WithdrawDisputed',
  'AuthorizeRefund',
];

type Command =
  | { readonly kind: 'advance'; readonly minutes: number }
  | {
      readonly kind: 'act';
      readonly action: EscrowActionType;
      readonly target: 0 | 1 | 'both';
      readonly rightSigner: boolean;
      /** Below 60 (of 100): do an action the model allows now, if any, so runs reach deep states. */
      readonly steer: number;
    };

/** Clock moves span cooldowns (5 min) and the hour-long phases of the escrow time line. */
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.constantFrom(3, 12, 12, 25, 40, 65) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      action: fc.constantFrom(...ACTIONS, 'SubmitResult', 'SetRefundRequested', 'UnSetRefundRequested'),
      target: fc.constantFrom(0 as const, 1 as const, 'both' as const),
      rightSigner: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
      steer: fc.integer({ min: 0, max: 99 }),
    }),
  },
);

/** What the contract should do to one escrow; null = reject. `undefined` next datum = funds leave. */
function model(
  action: EscrowActionType,
  d: EscrowDatum,
  lower: bigint,
  upper: bigint,
): { readonly next?: Partial<EscrowDatum> } | null {
  const state: EscrowState = d.state;
  const hasResult = d.resultHash !== '';
  const cooldown = upper + COOLDOWN_MS;
  switch (action) {
    case 'SubmitResult':
      if (!((upper < d.submitResultTime || (hasResult && upper < d.externalDisputeUnlockTime)) && lower >= d.sellerCooldownTime)) {
        return null;
      }
      return {
        next: {
          resultHash: 'ab'.repeat(32),
          state: state === 'FundsLocked' || state === 'ResultSubmitted' ? 'ResultSubmitted' : 'Disputed',
          sellerCooldownTime: cooldown,
          buyerCooldownTime: 0n,
        },
      };
    case 'SetRefundRequested':
      if (!(upper < d.unlockTime && lower >= d.buyerCooldownTime && state !== 'RefundRequested')) return null;
      return { next: { state: hasResult ? 'Disputed' : 'RefundRequested', sellerCooldownTime: 0n, buyerCooldownTime: cooldown } };
    case 'UnSetRefundRequested':
      if (!(lower >= d.buyerCooldownTime && (state === 'RefundRequested' || state === 'Disputed'))) return null;
      return { next: { state: hasResult ? 'ResultSubmitted' : 'FundsLocked', sellerCooldownTime: 0n, buyerCooldownTime: cooldown } };
    case 'WithdrawRefund':
      return lower >= d.submitResultTime && !hasResult && (state === 'FundsLocked' || state === 'RefundRequested') ? {} : null;
    case 'Withdraw':
      return lower >= d.unlockTime && hasResult && state === 'ResultSubmitted' ? {} : null;
    case 'WithdrawDisputed':
      return lower >= d.externalDisputeUnlockTime && hasResult && state === 'Disputed' ? {} : null;
    case 'AuthorizeRefund':
      if (!(lower >= d.sellerCooldownTime && state === 'Disputed')) return null;
      return { next: { state: 'RefundRequested', resultHash: '', sellerCooldownTime: cooldown, buyerCooldownTime: 0n } };
  }
}

function totalValue(world: EscrowWorld): Map<string, bigint> {
  const total = new Map<string, bigint>();
  for (const u of world.chain.allUtxos()) {
    for (const a of u.output.amount) total.set(a.unit, (total.get(a.unit) ?? 0n) + BigInt(a.quantity));
  }
  return total;
}

function wrongSigner(actors: Actors, action: EscrowActionType) {
  return ['SetRefundRequested', 'UnSetRefundRequested', 'WithdrawRefund'].includes(action) ? actors.seller : actors.buyer;
}

/** Accepted / rejected counts per action over all runs, to show what the runs covered. */
const tally = new Map<string, number>();

async function run(actors: Actors, commands: readonly Command[]): Promise<void> {
  const world = makeWorld(actors);
  const terms = makeTerms(world);
  const live: (EscrowUtxo | undefined)[] = await lockEscrows(world, [{ terms }, { terms }]);
  for (const cmd of commands) {
    if (cmd.kind === 'advance') {
      world.chain.setTimeMs(world.chain.nowMs + BigInt(cmd.minutes) * MINUTE);
      continue;
    }
    // Continuing outputs follow the ledger's input order.
    const indexes = (cmd.target === 'both' ? [0, 1] : [cmd.target])
      .filter((i) => live[i] !== undefined)
      .sort((a, b) => compareOutRefs(live[a]!.utxo, live[b]!.utxo));
    const escrows = indexes.map((i) => live[i]!);
    if (escrows.length === 0) continue;
    const window = windowNow(world);
    const slots = toSlotWindow(world.chain.slotConfig, window.fromMs, window.toMs);
    const allowed = ACTIONS.filter((a) => escrows.every((e) => model(a, e.datum, slots.lowerMs, slots.upperMs) !== null));
    const action = cmd.steer < 60 && allowed.length > 0 ? allowed[cmd.steer % allowed.length]! : cmd.action;
    const predictions = escrows.map((e) => model(action, e.datum, slots.lowerMs, slots.upperMs));
    const accepted = cmd.rightSigner && predictions.every((p) => p !== null);
    const { plan, signers } =
      action === 'WithdrawDisputed' && !cmd.rightSigner
        ? (() => {
            const built = planAction(world, action, escrows, { window });
            return { plan: { ...built.plan, requiredSigners: [actors.admins[0].keyHash] }, signers: [actors.admins[0]] };
          })()
        : planAction(world, action, escrows, {
            window,
            ...(cmd.rightSigner ? {} : { as: wrongSigner(actors, action) }),
          });
    const before = totalValue(world);
    const outcome = await submitPlan(world.chain, { ...world.chain.ctx, evaluator: new FixedBudgetEvaluator() }, plan, signers);
    const label = `${action} on ${indexes.join('+')} at ${world.chain.nowMs - terms.payByTime} ms after pay-by`;
    expect(outcome.ok, `${label}: ${outcome.error ?? 'accepted'}`).toBe(accepted);
    tally.set(`${action} ${accepted ? 'ok' : 'no'}`, (tally.get(`${action} ${accepted ? 'ok' : 'no'}`) ?? 0) + 1);
    const after = totalValue(world);
    if (!outcome.ok) {
      expect(after).toEqual(before);
      continue;
    }
    expect((before.get('lovelace') ?? 0n) - (after.get('lovelace') ?? 0n)).toBe(outcome.fee);
    expect(new Map([...after].filter(([u]) => u !== 'lovelace'))).toEqual(new Map([...before].filter(([u]) => u !== 'lovelace')));
    const continuing = world.chain
      .outputsOf(outcome.txHash!)
      .filter((u) => u.output.address === world.source.script.address)
      .map((u) => readEscrow(world, u));
    indexes.forEach((escrowIndex, k) => {
      const prediction = predictions[k]!;
      if (prediction.next === undefined) {
        live[escrowIndex] = undefined;
        return;
      }
      const next = continuing[k]!;
      expect(next.datum).toEqual({ ...escrows[k]!.datum, ...prediction.next });
      expect(next.utxo.output.amount).toEqual(escrows[k]!.utxo.output.amount);
      live[escrowIndex] = next;
    });
  }
}

describe('escrow state machine (property)', () => {
  let actors: Actors;
  beforeAll(async () => {
    actors = await makeActors();
  });

  it('the ledger agrees with the model and conserves value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 6, maxLength: 14 }), (commands) => run(actors, commands)),
      { numRuns: 12, endOnFailure: true },
    );
    if (process.env.TALLY) console.log(Object.fromEntries([...tally].sort()));
  }, 240_000);
});
