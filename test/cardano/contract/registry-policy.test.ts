import { beforeAll, describe, expect, it } from 'vitest';
import { agentAssetName, buildBurnAgentTx, planMintAgent } from '../../../src/cardano/builders/registry-builders.js';
import { assemblePlan, type TxPlan } from '../../../src/cardano/builders/tx-plan.js';
import { atLeastMinUtxo } from '../../../src/cardano/builders/value.js';
import { constr } from '../../../src/cardano/contract/plutus-json.js';
import { registryPolicy } from '../../../src/cardano/contract/scripts.js';
import { recordExUnits } from '../../helpers/emulator-actions.js';
import { makeActors, makeWorld, type Actors, type EscrowWorld } from '../../helpers/emulator-escrow.js';
import { expectScriptRejection } from '../../helpers/emulator-failures.js';
import { signWith } from '../../helpers/emulator.js';

let actors: Actors;
beforeAll(async () => {
  actors = await makeActors();
});

const agentMetadata = {
  name: 'Summarizer',
  description: 'Summarises long documents into short briefs; this description is longer than sixty-four bytes — ünïcödé too.',
  api_base_url: 'https://agents.example.com/summarizer',
  capability: { name: 'summarize', version: '1.0.0' },
  tags: ['nlp', 'summary'],
  agentPricing: { pricingType: 'Fixed', fixedPricing: [{ unit: 'lovelace', amount: '10000000' }] },
  metadata_version: 1,
};

function setup(): { world: EscrowWorld; registry: { policy: ReturnType<typeof registryPolicy> } } {
  const world = makeWorld(actors);
  return { world, registry: { policy: registryPolicy(world.source.script.address) } };
}

const mintPlan = (world: EscrowWorld, registry: { policy: ReturnType<typeof registryPolicy> }) =>
  planMintAgent({
    ctx: world.chain.ctx,
    wallet: world.chain.funding(actors.seller.address),
    registry,
    recipient: actors.seller.address,
    metadata: agentMetadata,
  });

describe('registry minting policy', () => {
  it('is parameterised by the escrow address', () => {
    const { world } = setup();
    const other = makeWorld(actors, { feePermille: 10 });
    expect(registryPolicy(world.source.script.address).policyId).not.toBe(registryPolicy(other.source.script.address).policyId);
  });

  it('mints one agent NFT named after a spent output reference, with CIP-25 metadata; burns it', async () => {
    const { world, registry } = setup();
    const { plan, assetName, agentIdentifier } = mintPlan(world, registry);
    expect(assetName).toBe(agentAssetName([...plan.walletInputs].sort((a, b) => (a.input.txHash < b.input.txHash ? -1 : 1))[0]!));
    const built = await assemblePlan(world.chain.ctx, plan);
    const minted = world.chain.submit(await signWith(built.txHex, actors.seller));
    expect(minted).toMatchObject({ ok: true });
    recordExUnits('Mint agent', built.txHex);
    const holder = world.chain.utxosAt(actors.seller.address).find((u) => u.output.amount.some((a) => a.unit === agentIdentifier));
    expect(holder).toBeDefined();
    const burn = await buildBurnAgentTx({
      ctx: world.chain.ctx,
      wallet: world.chain.funding(actors.seller.address),
      registry,
      assetName,
    });
    expect(world.chain.submit(await signWith(burn.txHex, actors.seller))).toMatchObject({ ok: true });
    recordExUnits('Burn agent', burn.txHex);
    expect(world.chain.allUtxos().some((u) => u.output.amount.some((a) => a.unit === agentIdentifier))).toBe(false);
  });

  it('rejects an asset name that is not derived from a spent input', async () => {
    const { world, registry } = setup();
    const { plan } = mintPlan(world, registry);
    const stranger = world.chain.funding(actors.stranger.address).utxos[0]!;
    const wrongName = agentAssetName(stranger);
    const unit = `${registry.policy.policyId}${wrongName}`;
    const bad: TxPlan = {
      ...plan,
      mints: plan.mints.map((m) => ({ ...m, assetName: wrongName })),
      outputs: plan.outputs.map((o) => ({ ...o, amount: [o.amount[0]!, { unit, quantity: '1' }] })),
    };
    await expectScriptRejection(world.chain, bad, [actors.seller]);
  });

  it('rejects a quantity of 2 and two asset names in one transaction', async () => {
    const { world, registry } = setup();
    const { plan, assetName } = mintPlan(world, registry);
    const unit = `${registry.policy.policyId}${assetName}`;
    const two: TxPlan = {
      ...plan,
      mints: plan.mints.map((m) => ({ ...m, quantity: 2n })),
      outputs: plan.outputs.map((o) => ({ ...o, amount: [o.amount[0]!, { unit, quantity: '2' }] })),
    };
    await expectScriptRejection(world.chain, two, [actors.seller]);
    const extraInput = world.chain.funding(actors.seller.address).utxos.find((u) => !plan.walletInputs.includes(u))!;
    const secondName = agentAssetName(extraInput);
    const pair: TxPlan = {
      ...plan,
      walletInputs: [...plan.walletInputs, extraInput],
      mints: [...plan.mints, { ...plan.mints[0]!, assetName: secondName }],
      outputs: plan.outputs.map((o) => ({
        ...o,
        amount: atLeastMinUtxo(world.chain.ctx.protocolParams, o.address, [
          { unit: 'lovelace', quantity: '0' },
          { unit, quantity: '1' },
          { unit: `${registry.policy.policyId}${secondName}`, quantity: '1' },
        ]),
      })),
    };
    await expectScriptRejection(world.chain, pair, [actors.seller]);
  });

  it('rejects minting with the Burn redeemer', async () => {
    const { world, registry } = setup();
    const { plan } = mintPlan(world, registry);
    await expectScriptRejection(world.chain, { ...plan, mints: plan.mints.map((m) => ({ ...m, redeemer: constr(1) })) }, [actors.seller]);
  });
});
