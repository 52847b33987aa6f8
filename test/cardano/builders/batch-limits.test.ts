import { beforeAll, describe, expect, it } from 'vitest';
import { BATCH_LIMITS, chunkForBatch } from '../../../src/cardano/builders/batch-limits.js';
import { perform, totalExUnits } from '../../helpers/emulator-actions.js';
import { lockEscrows, makeActors, makeTerms, makeWorld, type Actors } from '../../helpers/emulator-escrow.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

describe('batch limits', () => {
  it('meet the targets: ≥ 30 locks and ≥ 20 seller actions per transaction', () => {
    for (const mode of ['reference', 'inline'] as const) {
      expect(BATCH_LIMITS[mode].Lock).toBeGreaterThanOrEqual(30);
      for (const action of ['SubmitResult', 'Withdraw', 'AuthorizeRefund'] as const) {
        expect(BATCH_LIMITS[mode][action]).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('split work into batches no larger than the cap', () => {
    const batches = chunkForBatch(Array.from({ length: 50 }, (_, i) => i), 'SubmitResult', 'inline');
    expect(batches.map((b) => b.length)).toEqual([21, 21, 8]);
  });

  it('a full SubmitResult batch with the script inline is accepted within the limits', async () => {
    const world = makeWorld(actors);
    const cap = BATCH_LIMITS.inline.SubmitResult;
    const escrows = await lockEscrows(world, Array.from({ length: cap }, () => ({ terms: makeTerms(world) })));
    const { built, continuing } = await perform(world, 'SubmitResult', escrows);
    expect(continuing).toHaveLength(cap);
    expect(built.txHex.length / 2).toBeLessThanOrEqual(16_384);
    expect(totalExUnits(built.txHex).mem).toBeLessThanOrEqual(14_000_000n);
  });
});
