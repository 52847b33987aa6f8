import { randomUUID } from 'node:crypto';
import { type Db, type DbTx, runSql } from '../../db/prisma.js';
import type { RequestedAction, Role } from '../../domain/escrow-transitions.js';
import { type EscrowAction, type EscrowAmount, type EscrowRequest, type HotWallet, type PaymentSource, Prisma } from '../../generated/prisma/client.js';
import { escrowEventsOf } from '../webhook/webhook-events.js';
import { subscribedEndpointsWhere, webhookBody } from '../webhook/webhook-outbox.js';
import { paymentDto, purchaseDto, type EscrowRow } from './escrow.dto.js';

export interface NewEscrow {
  role: Role;
  nextAction: RequestedAction;
  paymentSource: PaymentSource;
  wallet: HotWallet;
  requestedById: string;
  price: { unit: string; amount: bigint }[];
  fields: Pick<
    EscrowRequest,
    | 'blockchainIdentifier'
    | 'agentIdentifier'
    | 'identifierFromPurchaser'
    | 'sellerNonce'
    | 'referenceSignature'
    | 'inputHash'
    | 'payByTime'
    | 'submitResultTime'
    | 'unlockTime'
    | 'externalDisputeUnlockTime'
    | 'metadata'
  > &
    Partial<Pick<EscrowRequest, 'counterpartyVkey' | 'counterpartyAddress'>>;
}

/** The row as the database will hold it: every column is known before the insert. */
function rowOf(input: NewEscrow, ids: { request: string; action: string }, now: Date): EscrowRow {
  const request: EscrowRequest = {
    id: ids.request,
    createdAt: now,
    updatedAt: now,
    role: input.role,
    paymentSourceId: input.paymentSource.id,
    requestedById: input.requestedById,
    walletId: input.wallet.id,
    counterpartyVkey: input.fields.counterpartyVkey ?? null,
    counterpartyAddress: input.fields.counterpartyAddress ?? null,
    ...input.fields,
    resultHash: null,
    collateralReturnLovelace: null,
    cooldownTime: 0n,
    cooldownTimeOtherParty: 0n,
    onChainState: null,
    escrowTxHash: null,
    escrowOutputIndex: null,
    lastCheckedAt: null,
    currentActionId: ids.action,
    currentTransactionId: null,
  };
  const action: EscrowAction = { id: ids.action, createdAt: now, requestId: ids.request, requestedAction: input.nextAction, errorType: null, errorNote: null, resultHash: null };
  const amounts: EscrowAmount[] = input.price
    .map(({ unit, amount }) => ({ id: randomUUID(), requestId: ids.request, kind: 'Price' as const, unit, amount }))
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return { ...request, paymentSource: input.paymentSource, wallet: input.wallet, currentAction: action, currentTransaction: null, amounts, transactionHistory: [], actions: [] };
}

/**
 * A new payment or purchase — request, price, first action and the webhook deliveries it raises —
 * in ONE statement. This is the hot path of POST /payment and POST /purchase: through Prisma's
 * models it took eleven round trips, each compiled by the query engine (most of the request's CPU).
 * The two foreign keys between request and action are checked at the end of the statement.
 */
export async function insertEscrow(db: Db | DbTx, input: NewEscrow): Promise<EscrowRow> {
  const now = new Date();
  const row = rowOf(input, { request: randomUUID(), action: randomUUID() }, now);
  const network = input.paymentSource.network;
  const events = escrowEventsOf(input.role, { onChainState: null, nextAction: 'None' }, { onChainState: null, nextAction: input.nextAction });
  const data = input.role === 'Seller' ? paymentDto(row) : purchaseDto(row);
  const eventRows = events.map((event) => {
    const eventId = randomUUID();
    return Prisma.sql`(${eventId}, ${event}, ${webhookBody(eventId, event, now, data)})`;
  });
  const amountRows = row.amounts.map((amount) => Prisma.sql`(${amount.id}, ${row.id}, CAST('Price' AS "AmountKind"), ${amount.unit}, ${amount.amount}::bigint)`);
  const deliveries =
    eventRows.length === 0
      ? Prisma.empty
      : Prisma.sql`, deliveries AS (
          INSERT INTO "WebhookDelivery" ("id", "createdAt", "updatedAt", "endpointId", "eventId", "event", "requestId", "network", "payload", "nextAttemptAt")
          SELECT gen_random_uuid()::text, ${now}::timestamp(3), ${now}::timestamp(3), e."id", ev."eventId", ev."event", ${row.id}, CAST(${network} AS "Network"), ev."payload", ${now}::timestamp(3)
          FROM "WebhookEndpoint" e JOIN "ApiKey" k ON k."id" = e."createdById"
          CROSS JOIN (VALUES ${Prisma.join(eventRows)}) AS ev("eventId", "event", "payload")
          WHERE ${subscribedEndpointsWhere(network)} AND ev."event" = ANY(e."events"))`;
  const amounts = amountRows.length === 0 ? Prisma.empty : Prisma.sql`, amounts AS (INSERT INTO "EscrowAmount" ("id", "requestId", "kind", "unit", "amount") VALUES ${Prisma.join(amountRows)})`;
  await runSql(db, Prisma.sql`
    WITH action AS (
      INSERT INTO "EscrowAction" ("id", "createdAt", "requestId", "requestedAction")
      VALUES (${row.currentActionId}, ${now}::timestamp(3), ${row.id}, CAST(${input.nextAction} AS "RequestedAction"))
    ), request AS (
      INSERT INTO "EscrowRequest" ("id", "createdAt", "updatedAt", "role", "paymentSourceId", "requestedById", "walletId",
        "counterpartyVkey", "counterpartyAddress", "blockchainIdentifier", "agentIdentifier", "identifierFromPurchaser",
        "sellerNonce", "referenceSignature", "inputHash", "payByTime", "submitResultTime", "unlockTime",
        "externalDisputeUnlockTime", "metadata", "currentActionId")
      VALUES (${row.id}, ${now}::timestamp(3), ${now}::timestamp(3), CAST(${row.role} AS "EscrowRole"), ${row.paymentSourceId}, ${row.requestedById}, ${row.walletId},
        ${row.counterpartyVkey}, ${row.counterpartyAddress}, ${row.blockchainIdentifier}, ${row.agentIdentifier}, ${row.identifierFromPurchaser},
        ${row.sellerNonce}, ${row.referenceSignature}, ${row.inputHash}, ${row.payByTime}::bigint, ${row.submitResultTime}::bigint, ${row.unlockTime}::bigint,
        ${row.externalDisputeUnlockTime}::bigint, ${row.metadata}, ${row.currentActionId})
    )${amounts}${deliveries}
    SELECT 1`);
  return row;
}

/** A unique constraint refused the write (e.g. two identical purchases at once). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } } };
  // pg's own error (runSql on the pool), or Prisma's (inside a transaction).
  return e.code === '23505' || e.code === 'P2002' || e.meta?.code === '23505' || e.meta?.driverAdapterError?.cause?.originalCode === '23505';
}
