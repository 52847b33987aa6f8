import { batchLimit } from '../../cardano/builders/batch-limits.js';
import type { EscrowUtxo } from '../../cardano/builders/builder-types.js';
import { type Chain, ChainError } from '../../cardano/chain.js';
import { decodeEscrowDatum } from '../../cardano/contract/escrow-datum.js';
import { escrowScriptOf } from '../../chain/escrow-script-of.js';
import { COMMANDS, type EscrowCommand } from '../../domain/escrow-transitions.js';
import type { PaymentSource } from '../../generated/prisma/client.js';
import { changeEscrow } from '../../modules/escrow/escrow-state.js';
import type { Job, JobContext } from '../job.js';
import { chainContextOf, fundingWalletOf } from '../tx/chain-context.js';
import { sendTransaction } from '../tx/send-transaction.js';
import { claimWallet, releaseWallet } from '../tx/wallet-claim.js';
import { BATCH_ACTION, type BuildArgs, COMMAND_BUILDERS, type CommandRequest } from './command-builders.js';
import { batchWindow, boundsFor } from './command-window.js';
import { failBuild, isInsufficientFunds } from './command-failures.js';

type Pending = CommandRequest & { paymentSource: PaymentSource };

async function escrowUtxoOf(chain: Chain, request: Pending): Promise<EscrowUtxo | undefined> {
  if (!request.escrowTxHash || request.escrowOutputIndex === null) return undefined;
  const utxos = await chain.txUtxos(request.escrowTxHash);
  const utxo = utxos?.outputs.find((output) => output.input.outputIndex === request.escrowOutputIndex);
  if (!utxo?.output.plutusData) return undefined;
  return { utxo, datum: decodeEscrowDatum(utxo.output.plutusData, chain.networkId) };
}

/** The oldest due requests that fit one transaction: one validity window must suit them all. */
function pickBatch(command: EscrowCommand, requests: Pending[], tipMs: bigint, timeoutMs: number): { batch: Pending[]; window: { fromMs: bigint; toMs: bigint } } | undefined {
  const limit = batchLimit(BATCH_ACTION[command], 'inline');
  const batch: Pending[] = [];
  let window: { fromMs: bigint; toMs: bigint } | undefined;
  for (const request of requests) {
    if (batch.length >= limit) break;
    const candidate = batchWindow([...batch, request].map((r) => boundsFor(command, r)), tipMs, timeoutMs);
    if (!candidate) continue;
    batch.push(request);
    window = candidate;
  }
  return window && batch.length > 0 ? { batch, window } : undefined;
}

/** A request whose contract deadline has passed can never be done: an operator has to decide. */
async function giveUpOverdue(ctx: JobContext, command: EscrowCommand, requests: Pending[], tipMs: bigint): Promise<Pending[]> {
  const overdue = requests.filter((request) => {
    const before = boundsFor(command, request).before;
    return before !== undefined && before <= tipMs;
  });
  if (overdue.length > 0) {
    await ctx.db.$transaction(async (tx) => {
      for (const request of overdue) {
        const deadline = new Date(Number(boundsFor(command, request).before)).toISOString();
        await changeEscrow(tx, request.id, { nextAction: 'WaitingForManualAction', errorType: 'DeadlinePassed', errorNote: `${command} was not done before its deadline ${deadline}` });
      }
    });
    ctx.log.warn({ command, requests: overdue.map((request) => request.id) }, 'deadline passed before the transaction could be made');
  }
  return requests.filter((request) => !overdue.includes(request));
}

async function runForWallet(ctx: JobContext, command: EscrowCommand, pending: Pending[]): Promise<void> {
  const source = pending[0]!.paymentSource;
  const chain = ctx.chains.forSource(source);
  const tip = await chain.tip();
  const requests = await giveUpOverdue(ctx, command, pending, tip.time);
  const picked = pickBatch(command, requests, tip.time, ctx.config.txTimeoutMs);
  if (!picked) return;
  const items: BuildArgs['items'] = [];
  for (const request of picked.batch) {
    const utxo = command === 'FundsLocking' ? undefined : await escrowUtxoOf(chain, request);
    // Not found: the watcher has not seen the escrow's latest move yet; try again next run.
    if (command !== 'FundsLocking' && !utxo) continue;
    items.push({ request, utxo });
  }
  if (items.length === 0) return;
  const walletRow = picked.batch[0]!.wallet!;
  const [chainContext, wallet] = await Promise.all([chainContextOf(chain), fundingWalletOf(chain, walletRow.walletAddress)]);
  let unsigned;
  for (;;) {
    try {
      unsigned = await COMMAND_BUILDERS[command]({ ctx: chainContext, wallet, escrow: { script: escrowScriptOf(source) }, window: picked.window, items });
      break;
    } catch (error) {
      if (error instanceof ChainError) throw error;
      // The wallet may afford part of the batch: halve it; the rest waits for the next run.
      if (isInsufficientFunds(error) && items.length > 1) {
        items.splice(Math.ceil(items.length / 2));
        continue;
      }
      await failBuild(ctx, command, items.map((item) => item.request), error);
      return;
    }
  }
  const rule = COMMANDS[command];
  await sendTransaction(ctx, {
    chain,
    paymentSourceId: source.id,
    wallet: walletRow,
    unsignedTxHex: unsigned.txHex,
    kind: command,
    fee: unsigned.fee,
    validUntil: picked.window.toMs,
    record: async (tx, chainTransactionId) => {
      for (const { request } of items) {
        await changeEscrow(tx, request.id, {
          nextAction: rule.initiated,
          actionResultHash: request.currentAction?.resultHash ?? null,
          data: { currentTransactionId: chainTransactionId, transactionHistory: { connect: { id: chainTransactionId } } },
        });
      }
    },
    onRejected: async (tx, _id, reason) => {
      for (const { request } of items) {
        await changeEscrow(tx, request.id, { nextAction: rule.requested, errorNote: `the ledger refused the transaction: ${reason}`.slice(0, 1000), actionResultHash: request.currentAction?.resultHash ?? null });
      }
    },
  });
}

/**
 * Turns every `<command>Requested` into one transaction per hot wallet (batched up to the measured
 * limit), signed by the wallet that owns the escrows' side.
 */
export function escrowCommandJob(command: EscrowCommand): Job {
  const rule = COMMANDS[command];
  return {
    name: `escrow-${command}`,
    intervalMs: (config) => config.jobIntervalMs,
    async run(ctx) {
      const requests = await ctx.db.escrowRequest.findMany({
        where: { role: rule.role, currentAction: { requestedAction: rule.requested }, walletId: { not: null }, paymentSource: { deletedAt: null } },
        include: { amounts: true, wallet: true, currentAction: true, paymentSource: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 2000,
      });
      const byWallet = new Map<string, Pending[]>();
      for (const request of requests) byWallet.set(request.walletId!, [...(byWallet.get(request.walletId!) ?? []), request]);
      for (const [walletId, group] of byWallet) {
        const holder = `${command}:${walletId}:${Date.now()}`;
        if (!(await claimWallet(ctx.db, walletId, holder))) continue;
        try {
          await runForWallet(ctx, command, group);
        } catch (error) {
          ctx.log.warn({ command, walletId, err: error }, 'escrow command failed; retrying next run');
        } finally {
          await releaseWallet(ctx.db, walletId, holder);
        }
      }
    },
  };
}
