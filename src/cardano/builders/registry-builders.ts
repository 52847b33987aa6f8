/**
 * Agent registry: mint an agent NFT (asset name = blake2b-256 of one spent output reference,
 * CIP-25 metadata) to a selling wallet, and burn it. Redeemers: Mint = Constr 0, Burn = Constr 1.
 */
import type { UTxO } from '@meshsdk/core';
import { blake2b } from '@meshsdk/core-cst';
import { constr } from '../contract/plutus-json.js';
import { toSlotWindow } from '../chain-types.js';
import type { ChainContext, FundingWallet, RegistryPolicySource, UnsignedTx, ValidityWindowMs } from './builder-types.js';
import { TxBuildError } from './builder-types.js';
import { CIP25_LABEL, cip25Metadata } from './cip25-metadata.js';
import { compareOutRefs, selectFunding } from './input-order.js';
import { assemblePlan, emptyPlan, type TxPlan } from './tx-plan.js';
import { atLeastMinUtxo } from './value.js';

/** blake2b-256(tx id ‖ output index as 4 bytes big-endian), hex. */
export function agentAssetName(utxo: UTxO): string {
  const index = Buffer.alloc(4);
  index.writeUInt32BE(utxo.input.outputIndex);
  return blake2b.hash(utxo.input.txHash + index.toString('hex'), 32);
}

const policyRef = (source: RegistryPolicySource) =>
  source.referenceUtxo === undefined ? { script: source.policy } : { script: source.policy, referenceUtxo: source.referenceUtxo };

export interface MintAgentInput {
  readonly ctx: ChainContext;
  readonly wallet: FundingWallet;
  readonly registry: RegistryPolicySource;
  /** The selling wallet that will hold the NFT. */
  readonly recipient: string;
  /** CIP-25 body for this agent (name, description, api_base_url, …); long strings are split. */
  readonly metadata: object;
  /** Bounds the transaction so an unconfirmed one is known never to land after `toMs`. */
  readonly window?: ValidityWindowMs;
}

const windowOf = (ctx: ChainContext, window: ValidityWindowMs | undefined) =>
  window === undefined ? {} : { window: toSlotWindow(ctx.slotConfig, window.fromMs, window.toMs) };

export interface MintAgentPlan {
  readonly plan: TxPlan;
  readonly assetName: string;
  /** policy id + asset name */
  readonly agentIdentifier: string;
}

export function planMintAgent(input: MintAgentInput): MintAgentPlan {
  const { policyId } = input.registry.policy;
  const placeholder = [{ unit: `${policyId}${'00'.repeat(32)}`, quantity: '1' }];
  const reserve = atLeastMinUtxo(input.ctx.protocolParams, input.recipient, placeholder);
  const walletInputs = selectFunding(input.wallet, new Map([['lovelace', BigInt(reserve[0]?.quantity ?? 0)]]));
  const seed = [...walletInputs].sort(compareOutRefs)[0];
  if (seed === undefined) throw new TxBuildError('minting needs a wallet input');
  const assetName = agentAssetName(seed);
  const unit = `${policyId}${assetName}`;
  const plan: TxPlan = {
    ...emptyPlan(input.wallet.changeAddress),
    walletInputs,
    outputs: [
      { address: input.recipient, amount: atLeastMinUtxo(input.ctx.protocolParams, input.recipient, [{ unit, quantity: '1' }]) },
    ],
    mints: [{ policy: policyRef(input.registry), assetName, quantity: 1n, redeemer: constr(0) }],
    ...(input.wallet.collateral === undefined ? {} : { collateral: input.wallet.collateral }),
    metadata: { label: CIP25_LABEL, value: cip25Metadata(policyId, assetName, input.metadata) },
    ...windowOf(input.ctx, input.window),
  };
  return { plan, assetName, agentIdentifier: unit };
}

export async function buildMintAgentTx(
  input: MintAgentInput,
): Promise<UnsignedTx & { readonly assetName: string; readonly agentIdentifier: string }> {
  const { plan, assetName, agentIdentifier } = planMintAgent(input);
  return { ...(await assemblePlan(input.ctx, plan)), assetName, agentIdentifier };
}

export interface BurnAgentInput {
  readonly ctx: ChainContext;
  /** The wallet holding the NFT; it signs and receives the freed lovelace. */
  readonly wallet: FundingWallet;
  readonly registry: RegistryPolicySource;
  readonly assetName: string;
  readonly window?: ValidityWindowMs;
}

export function planBurnAgent(input: BurnAgentInput): TxPlan {
  const unit = `${input.registry.policy.policyId}${input.assetName}`;
  const holding = input.wallet.utxos.find((u) => u.output.amount.some((a) => a.unit === unit && BigInt(a.quantity) > 0n));
  if (holding === undefined) throw new TxBuildError(`the wallet does not hold ${unit}`);
  const others = selectFunding({ ...input.wallet, utxos: input.wallet.utxos.filter((u) => u !== holding) }, new Map());
  return {
    ...emptyPlan(input.wallet.changeAddress),
    walletInputs: [holding, ...others],
    mints: [{ policy: policyRef(input.registry), assetName: input.assetName, quantity: -1n, redeemer: constr(1) }],
    ...(input.wallet.collateral === undefined ? {} : { collateral: input.wallet.collateral }),
    ...windowOf(input.ctx, input.window),
  };
}

export const buildBurnAgentTx = (input: BurnAgentInput): Promise<UnsignedTx> => assemblePlan(input.ctx, planBurnAgent(input));
