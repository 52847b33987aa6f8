/**
 * Publishes a script as a reference script, so that escrow transactions point at it instead of
 * carrying ~3 KB of script each (more escrows fit in one transaction). Lock it at an address
 * nobody spends from casually (e.g. an admin's address).
 */
import type { PlutusV3Script } from '../contract/scripts.js';
import type { ChainContext, FundingWallet, UnsignedTx } from './builder-types.js';
import { selectFunding } from './input-order.js';
import { assemblePlan, emptyPlan, type PlannedOutput } from './tx-plan.js';
import { minLovelace } from './value.js';

export interface DeployReferenceScriptInput {
  readonly ctx: ChainContext;
  readonly wallet: FundingWallet;
  readonly script: PlutusV3Script;
  readonly holderAddress: string;
}

export function buildDeployReferenceScriptTx(input: DeployReferenceScriptInput): Promise<UnsignedTx> {
  const { ctx, wallet, script } = input;
  // The ledger's minimum counts the script bytes; add them to the bare output's minimum.
  const lovelace =
    minLovelace(ctx.protocolParams, input.holderAddress, [{ unit: 'lovelace', quantity: '0' }]) +
    BigInt(script.size + 16) * BigInt(ctx.protocolParams.coinsPerUtxoSize);
  const output: PlannedOutput = {
    address: input.holderAddress,
    amount: [{ unit: 'lovelace', quantity: lovelace.toString() }],
    referenceScript: script,
  };
  return assemblePlan(ctx, {
    ...emptyPlan(wallet.changeAddress),
    walletInputs: selectFunding(wallet, new Map([['lovelace', lovelace]])),
    outputs: [output],
  });
}
