import { beforeAll, describe, expect, it } from 'vitest';
import { buildLockTx } from '../../../src/cardano/builders/lock-builder.js';
import { minLovelace } from '../../../src/cardano/builders/value.js';
import { escrowDatumToData } from '../../../src/cardano/contract/escrow-datum.js';
import { recordExUnits } from '../../helpers/emulator-actions.js';
import { TEST_TOKEN, makeActors, makeTerms, makeWorld, readEscrow, type Actors } from '../../helpers/emulator-escrow.js';
import { signWith } from '../../helpers/emulator.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

describe('lock builder', () => {
  it('locks 30 escrows in one transaction, each topped up to the minimum and recording the top-up', async () => {
    const world = makeWorld(actors);
    const { chain } = world;
    const built = await buildLockTx({
      ctx: chain.ctx,
      wallet: chain.funding(actors.buyer.address),
      escrowAddress: world.source.script.address,
      escrows: Array.from({ length: 30 }, (_, i) => ({
        price:
          i % 3 === 0
            ? [{ unit: 'lovelace', quantity: '0' }, { unit: TEST_TOKEN, quantity: '10' }]
            : [{ unit: 'lovelace', quantity: String(500_000 + i * 1_000_000) }],
        terms: makeTerms(world),
      })),
    });
    expect(built.txHex.length / 2).toBeLessThanOrEqual(16_384);
    const outcome = chain.submit(await signWith(built.txHex, actors.buyer));
    expect(outcome).toMatchObject({ ok: true });
    recordExUnits('Lock x30', built.txHex);
    const outputs = chain.outputsOf(outcome.txHash!);
    for (const locked of built.escrows) {
      const onChain = readEscrow(world, outputs[locked.outputIndex]!);
      expect(onChain.datum).toEqual(locked.datum);
      const lovelace = BigInt(onChain.utxo.output.amount.find((a) => a.unit === 'lovelace')!.quantity);
      const widest = escrowDatumToData({
        ...locked.datum,
        resultHash: 'ff'.repeat(32),
        sellerCooldownTime: 2n ** 53n,
        buyerCooldownTime: 2n ** 53n,
      });
      expect(lovelace).toBeGreaterThanOrEqual(minLovelace(chain.ctx.protocolParams, world.source.script.address, onChain.utxo.output.amount, widest));
    }
    const tokenOnly = built.escrows[0]!;
    expect(tokenOnly.datum.collateralReturnLovelace).toBeGreaterThan(1_000_000n);
    const rich = built.escrows[29]!;
    expect(rich.datum.collateralReturnLovelace).toBe(0n);
    expect(built.escrows[1]!.datum.collateralReturnLovelace).toBeGreaterThan(0n);
  });
});
