import { DEFAULT_V1_COST_MODEL_LIST, DEFAULT_V2_COST_MODEL_LIST, DEFAULT_V3_COST_MODEL_LIST } from '@meshsdk/core';

/**
 * The parameters the Scalus 0.17 emulator enforces (its built-in Conway defaults, read from scalus.js).
 * Its cost models are exactly Mesh's default lists (checked element by element), so the script data hash
 * Mesh computes matches the ledger's. Serving other values would make Mesh build transactions the
 * ledger rejects.
 */
export const LEDGER_PARAMS = {
  minFeeA: 44,
  minFeeB: 155381,
  maxBlockSize: 90112,
  maxTxSize: 16384,
  maxBlockHeaderSize: 1100,
  keyDeposit: 2_000_000n,
  poolDeposit: 500_000_000n,
  eMax: 18,
  nOpt: 500,
  a0: 0.3,
  rho: 0.003,
  tau: 0.2,
  protocolMajor: 10,
  protocolMinor: 0,
  minPoolCost: 170_000_000n,
  priceMem: 0.0577,
  priceStep: 0.0000721,
  maxTxExMem: 16_500_000n,
  maxTxExSteps: 10_000_000_000n,
  maxBlockExMem: 72_000_000n,
  maxBlockExSteps: 20_000_000_000n,
  maxValSize: 5000n,
  collateralPercent: 150,
  maxCollateralInputs: 3,
  coinsPerUtxoByte: 4310n,
  minFeeRefScriptCostPerByte: 15,
  govActionLifetime: 6n,
  govActionDeposit: 100_000_000_000n,
  drepDeposit: 500_000_000n,
  drepActivity: 20n,
  committeeMinSize: 7n,
  committeeMaxTermLength: 146n,
  poolVotingThreshold: 0.51,
} as const;

/** Cost models in ledger order [PlutusV1, PlutusV2, PlutusV3], as Scalus' evaluator takes them. */
export const COST_MODELS: number[][] = [
  [...DEFAULT_V1_COST_MODEL_LIST],
  [...DEFAULT_V2_COST_MODEL_LIST],
  [...DEFAULT_V3_COST_MODEL_LIST],
];

/** Script execution fee of one redeemer, rounded up as the ledger does. */
export function redeemerFee(mem: bigint, steps: bigint): bigint {
  const scale = 10_000_000n;
  const priceMem = 577_000n; // 0.0577 × scale
  const priceStep = 721n; // 0.0000721 × scale
  const scaled = mem * priceMem + steps * priceStep;
  return (scaled + scale - 1n) / scale;
}

/** GET /epochs/latest/parameters, field for field as Blockfrost returns it. */
export function blockfrostParameters(epoch: number, nonce: string): Record<string, unknown> {
  const p = LEDGER_PARAMS;
  const [v1 = [], v2 = [], v3 = []] = COST_MODELS;
  return {
    epoch,
    min_fee_a: p.minFeeA,
    min_fee_b: p.minFeeB,
    max_block_size: p.maxBlockSize,
    max_tx_size: p.maxTxSize,
    max_block_header_size: p.maxBlockHeaderSize,
    key_deposit: p.keyDeposit.toString(),
    pool_deposit: p.poolDeposit.toString(),
    e_max: p.eMax,
    n_opt: p.nOpt,
    a0: p.a0,
    rho: p.rho,
    tau: p.tau,
    decentralisation_param: 0,
    extra_entropy: null,
    protocol_major_ver: p.protocolMajor,
    protocol_minor_ver: p.protocolMinor,
    min_utxo: p.coinsPerUtxoByte.toString(),
    min_pool_cost: p.minPoolCost.toString(),
    nonce,
    cost_models: { PlutusV1: indexed(v1), PlutusV2: indexed(v2), PlutusV3: indexed(v3) },
    cost_models_raw: { PlutusV1: v1, PlutusV2: v2, PlutusV3: v3 },
    price_mem: p.priceMem,
    price_step: p.priceStep,
    max_tx_ex_mem: p.maxTxExMem.toString(),
    max_tx_ex_steps: p.maxTxExSteps.toString(),
    max_block_ex_mem: p.maxBlockExMem.toString(),
    max_block_ex_steps: p.maxBlockExSteps.toString(),
    max_val_size: p.maxValSize.toString(),
    collateral_percent: p.collateralPercent,
    max_collateral_inputs: p.maxCollateralInputs,
    coins_per_utxo_size: p.coinsPerUtxoByte.toString(),
    coins_per_utxo_word: p.coinsPerUtxoByte.toString(),
    pvt_motion_no_confidence: p.poolVotingThreshold,
    pvt_committee_normal: p.poolVotingThreshold,
    pvt_committee_no_confidence: p.poolVotingThreshold,
    pvt_hard_fork_initiation: p.poolVotingThreshold,
    dvt_motion_no_confidence: 0.67,
    dvt_committee_normal: 0.67,
    dvt_committee_no_confidence: 0.6,
    dvt_update_to_constitution: 0.75,
    dvt_hard_fork_initiation: 0.6,
    dvt_p_p_network_group: 0.67,
    dvt_p_p_economic_group: 0.67,
    dvt_p_p_technical_group: 0.67,
    dvt_p_p_gov_group: 0.75,
    dvt_treasury_withdrawal: 0.67,
    committee_min_size: p.committeeMinSize.toString(),
    committee_max_term_length: p.committeeMaxTermLength.toString(),
    gov_action_lifetime: p.govActionLifetime.toString(),
    gov_action_deposit: p.govActionDeposit.toString(),
    drep_deposit: p.drepDeposit.toString(),
    drep_activity: p.drepActivity.toString(),
    pvtpp_security_group: p.poolVotingThreshold,
    pvt_p_p_security_group: p.poolVotingThreshold,
    min_fee_ref_script_cost_per_byte: p.minFeeRefScriptCostPerByte,
  };
}

/**
 * Blockfrost names each cost by its builtin; those names are not shipped offline, so the deprecated
 * keyed form uses positions. Clients read `cost_models_raw` (Mesh and blockfrost-js both do).
 */
function indexed(costs: readonly number[]): Record<string, number> {
  return Object.fromEntries(costs.map((cost, position) => [String(position).padStart(3, '0'), cost]));
}
