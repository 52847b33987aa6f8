import type { AppDeps } from '../../deps.js';
import { COMMANDS, type EscrowCommand, mayRequest, type Role } from '../../domain/escrow-transitions.js';
import { parseTime } from '../../domain/time-rules.js';
import { AppError, type ErrorCode } from '../../errors.js';
import type { ChainTransaction, EscrowRequest, HotWallet, PaymentSource } from '../../generated/prisma/client.js';
import type { Network } from '../../generated/prisma/enums.js';
import type { AuthenticatedKey } from '../../plugins/auth.js';
import { escrowInclude, type EscrowRow } from './escrow.dto.js';
import type { ListEscrowQuery } from './escrow.schemas.js';
import { displayRows } from './display-rows-cache.js';
import { pageOfEscrows } from './escrow-page-reads.js';
import { changeEscrow } from './escrow-state.js';
import { recentTip } from './chain-tip.service.js';

const NOT_FOUND: Record<Role, ErrorCode> = { Seller: 'PAYMENT_NOT_FOUND', Buyer: 'PURCHASE_NOT_FOUND' };
const NOUN: Record<Role, string> = { Seller: 'payment', Buyer: 'purchase' };

function parseTimeField(value: string, field: string): bigint {
  try {
    return parseTime(value, field);
  } catch (error) {
    throw new AppError('VALIDATION_ERROR', error instanceof Error ? error.message : `${field}: not a time`);
  }
}

/** The relations a page with histories reads with its rows: those that differ from row to row. */
function historyPageInclude() {
  const { paymentSource: _source, wallet: _wallet, currentTransaction: _transaction, ...perRow } = escrowInclude(true);
  return perRow;
}

/**
 * A page's payment sources, hot wallets and current transactions, read once each (and not at all
 * when no row has one) and shared by the rows that point at them: a page of 100 rows has one or
 * two sources and wallets, and Prisma maps an included relation again for every row (the largest
 * part of a list request's CPU) and queries it even when every row's key is null.
 */
async function withSharedRelations<T extends EscrowRequest>(
  db: AppDeps['db'],
  rows: T[],
  options: { forDisplay?: boolean } = {},
): Promise<(T & { paymentSource: PaymentSource; wallet: HotWallet | null; currentTransaction: ChainTransaction | null })[]> {
  if (rows.length === 0) return [];
  const idsOf = (pick: (row: T) => string | null) => [...new Set(rows.flatMap((row) => pick(row) ?? []))];
  const sourceIds = idsOf((row) => row.paymentSourceId);
  const walletIds = idsOf((row) => row.walletId);
  const transactionIds = idsOf((row) => row.currentTransactionId);
  const [[sources, wallets], transactions] = await Promise.all([
    options.forDisplay
      ? displayRows(db, sourceIds, walletIds)
      : Promise.all([db.paymentSource.findMany({ where: { id: { in: sourceIds } } }), walletIds.length > 0 ? db.hotWallet.findMany({ where: { id: { in: walletIds } } }) : Promise.resolve([])]),
    transactionIds.length > 0 ? db.chainTransaction.findMany({ where: { id: { in: transactionIds } } }) : Promise.resolve([]),
  ]);
  const sourceById = new Map(sources.map((source) => [source.id, source]));
  const walletById = new Map(wallets.map((wallet) => [wallet.id, wallet]));
  const transactionById = new Map(transactions.map((transaction) => [transaction.id, transaction]));
  return rows.map((row) => {
    const paymentSource = sourceById.get(row.paymentSourceId);
    if (!paymentSource) throw new Error(`escrow request ${row.id}: payment source ${row.paymentSourceId} not found`);
    // The rows are this read's own: extended in place rather than copied (100 rows × 30 fields).
    return Object.assign(row, {
      paymentSource,
      wallet: row.walletId ? (walletById.get(row.walletId) ?? null) : null,
      currentTransaction: row.currentTransactionId ? (transactionById.get(row.currentTransactionId) ?? null) : null,
    });
  });
}

export async function listEscrows(deps: Pick<AppDeps, 'db'>, role: Role, query: ListEscrowQuery): Promise<EscrowRow[]> {
  const since = query.updatedSince ? new Date(Number(parseTimeField(query.updatedSince, 'updatedSince'))) : undefined;
  const page = await pageOfEscrows(deps.db, role, query, since);
  if (!query.includeHistory) return withSharedRelations(deps.db, page, { forDisplay: true });
  // The same page (one definition of its filters and order), then the histories of its rows.
  const found = await deps.db.escrowRequest.findMany({ where: { id: { in: page.map((row) => row.id) } }, include: historyPageInclude() });
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = page.flatMap((row) => byId.get(row.id) ?? []);
  return withSharedRelations(deps.db, rows, { forDisplay: true });
}

export async function findEscrow(deps: Pick<AppDeps, 'db'>, role: Role, network: Network, blockchainIdentifier: string, includeHistory = false): Promise<EscrowRow> {
  const row = await deps.db.escrowRequest.findFirst({
    where: { role, blockchainIdentifier, paymentSource: { network } },
    include: escrowInclude(includeHistory),
  });
  if (!row) throw new AppError(NOT_FOUND[role], `blockchainIdentifier: no ${NOUN[role]} with this identifier on ${network}`);
  return row;
}

export function assertOwner(caller: AuthenticatedKey, row: { requestedById: string }, role: Role): void {
  if (caller.permission !== 'Admin' && caller.id !== row.requestedById) {
    throw new AppError('NOT_OWNER', `this ${NOUN[role]} was created by another API key; only it or an admin may change it`);
  }
}

/** Deadlines the contract enforces, checked before a doomed transaction is even attempted. */
function assertInTime(command: EscrowCommand, row: EscrowRow, now: bigint): void {
  if (command === 'SubmitResult') {
    const deadline = row.resultHash ? row.externalDisputeUnlockTime : row.submitResultTime;
    if (now >= deadline) throw new AppError('INVALID_STATE', `a result can no longer be submitted: the deadline ${new Date(Number(deadline)).toISOString()} has passed`);
  }
  if (command === 'SetRefundRequested' && now >= row.unlockTime) {
    throw new AppError('INVALID_STATE', `a refund can no longer be requested: unlockTime ${new Date(Number(row.unlockTime)).toISOString()} has passed`);
  }
}

/** An API call asks for an on-chain action: only the owner, only from the states the table allows. */
export async function requestCommand(
  deps: Pick<AppDeps, 'db' | 'chains'>,
  caller: AuthenticatedKey,
  command: EscrowCommand,
  input: { network: Network; blockchainIdentifier: string; resultHash?: string },
): Promise<EscrowRow> {
  const role = COMMANDS[command].role;
  const row = await findEscrow(deps, role, input.network, input.blockchainIdentifier);
  assertOwner(caller, row, role);
  const current = { role, onChainState: row.onChainState, nextAction: (row.currentAction?.requestedAction ?? 'None') };
  const allowed = mayRequest(command, current);
  if (!allowed.ok) throw new AppError('INVALID_STATE', `${allowed.reason} (onChainState ${current.onChainState ?? 'null'}, next action ${current.nextAction})`);
  const now = (await recentTip(deps.chains.forSource(row.paymentSource))).time;
  assertInTime(command, row, now);
  await deps.db.$transaction(async (tx) => {
    // The request may have moved since it was read: change it only if it still is as checked.
    const moved = await tx.escrowRequest.updateMany({ where: { id: row.id, updatedAt: row.updatedAt }, data: { updatedAt: new Date() } });
    if (moved.count !== 1) throw new AppError('CONFLICT', `the ${NOUN[role]} changed while the request was handled; try again`);
    await changeEscrow(tx, row.id, { nextAction: COMMANDS[command].requested, actionResultHash: input.resultHash ?? null });
  });
  return findEscrow(deps, role, input.network, input.blockchainIdentifier);
}
