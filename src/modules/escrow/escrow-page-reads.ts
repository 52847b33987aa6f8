import { type Db, runSql } from '../../db/prisma.js';
import type { Role } from '../../domain/escrow-transitions.js';
import { type EscrowAction, type EscrowAmount, type EscrowRequest, Prisma } from '../../generated/prisma/client.js';
import type { ListEscrowQuery } from './escrow.schemas.js';

// Timestamps leave PostgreSQL as ISO text: pg would read a column without a time zone as local time.
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const BIGINT_COLUMNS = ['payByTime', 'submitResultTime', 'unlockTime', 'externalDisputeUnlockTime', 'cooldownTime', 'cooldownTimeOtherParty'] as const;
const NULLABLE_BIGINT_COLUMNS = ['collateralReturnLovelace', 'lastCheckedAt'] as const;
const TEXT_COLUMNS = [
  'id', 'paymentSourceId', 'requestedById', 'walletId', 'counterpartyVkey', 'counterpartyAddress', 'blockchainIdentifier', 'agentIdentifier',
  'identifierFromPurchaser', 'sellerNonce', 'referenceSignature', 'inputHash', 'resultHash', 'metadata', 'escrowTxHash', 'escrowOutputIndex',
  'currentActionId', 'currentTransactionId',
] as const;

const REQUEST_COLUMNS = Prisma.raw(
  [
    ...TEXT_COLUMNS.map((column) => `r."${column}"`),
    `to_char(r."createdAt", ${ISO}) AS "createdAt"`,
    `to_char(r."updatedAt", ${ISO}) AS "updatedAt"`,
    `r."role"::text AS "role"`,
    `r."onChainState"::text AS "onChainState"`,
    ...[...BIGINT_COLUMNS, ...NULLABLE_BIGINT_COLUMNS].map((column) => `r."${column}"::text AS "${column}"`),
  ].join(', '),
);

const ACTION_AND_AMOUNT_COLUMNS = Prisma.raw(
  [
    `a."id" AS "a_id"`,
    `to_char(a."createdAt", ${ISO}) AS "a_createdAt"`,
    `a."requestedAction"::text AS "a_requestedAction"`,
    `a."errorType" AS "a_errorType"`,
    `a."errorNote" AS "a_errorNote"`,
    `a."resultHash" AS "a_resultHash"`,
    `(SELECT json_agg(json_build_object('id', m."id", 'kind', m."kind", 'unit', m."unit", 'amount', m."amount"::text) ORDER BY m."unit", m."id")
      FROM "EscrowAmount" m WHERE m."requestId" = r."id") AS "amounts"`,
  ].join(', '),
);

type RawRequest = Record<string, string | number | null>;

function actionOf(raw: RawRequest, requestId: string): EscrowAction {
  return {
    id: raw.a_id as string,
    createdAt: new Date(raw.a_createdAt as string),
    requestId,
    requestedAction: raw.a_requestedAction as EscrowAction['requestedAction'],
    errorType: raw.a_errorType as string | null,
    errorNote: raw.a_errorNote as string | null,
    resultHash: raw.a_resultHash as string | null,
  };
}

function requestOf(raw: RawRequest): EscrowRequest {
  const text = (column: string) => raw[column] as string | null;
  const bigint = (column: string) => BigInt(raw[column] as string);
  const nullableBigint = (column: string) => (raw[column] === null ? null : BigInt(raw[column] as string));
  return {
    id: raw.id as string,
    createdAt: new Date(raw.createdAt as string),
    updatedAt: new Date(raw.updatedAt as string),
    role: raw.role as EscrowRequest['role'],
    paymentSourceId: raw.paymentSourceId as string,
    requestedById: raw.requestedById as string,
    walletId: text('walletId'),
    counterpartyVkey: text('counterpartyVkey'),
    counterpartyAddress: text('counterpartyAddress'),
    blockchainIdentifier: raw.blockchainIdentifier as string,
    agentIdentifier: raw.agentIdentifier as string,
    identifierFromPurchaser: raw.identifierFromPurchaser as string,
    sellerNonce: raw.sellerNonce as string,
    referenceSignature: text('referenceSignature'),
    inputHash: raw.inputHash as string,
    resultHash: text('resultHash'),
    payByTime: bigint('payByTime'),
    submitResultTime: bigint('submitResultTime'),
    unlockTime: bigint('unlockTime'),
    externalDisputeUnlockTime: bigint('externalDisputeUnlockTime'),
    collateralReturnLovelace: nullableBigint('collateralReturnLovelace'),
    cooldownTime: bigint('cooldownTime'),
    cooldownTimeOtherParty: bigint('cooldownTimeOtherParty'),
    metadata: text('metadata'),
    onChainState: raw.onChainState as EscrowRequest['onChainState'],
    escrowTxHash: text('escrowTxHash'),
    escrowOutputIndex: raw.escrowOutputIndex as number | null,
    lastCheckedAt: nullableBigint('lastCheckedAt'),
    currentActionId: text('currentActionId'),
    currentTransactionId: text('currentTransactionId'),
  };
}

const AND = (condition: Prisma.Sql) => Prisma.sql` AND ${condition}`;

/**
 * One page of payments (Seller) or purchases (Buyer) of the query's network with each row's current
 * action and amounts, as one plain SQL query (through Prisma, the page and its two relations were
 * most of a 100-row list's CPU): newest first, or with `since` oldest change first; `cursorId`
 * continues after that row (as Prisma's cursor with skip 1). The sources are looked up first so
 * the page is read off an index.
 */
export async function pageOfEscrows(
  db: Db,
  role: Role,
  query: ListEscrowQuery,
  since: Date | undefined,
): Promise<(EscrowRequest & { currentAction: EscrowAction | null; amounts: EscrowAmount[]; transactionHistory: []; actions: [] })[]> {
  const sources = await runSql<{ id: string }>(
    db,
    Prisma.sql`SELECT "id" FROM "PaymentSource" WHERE "network" = CAST(${query.network} AS "Network")${query.filterSmartContractAddress ? AND(Prisma.sql`"smartContractAddress" = ${query.filterSmartContractAddress}`) : Prisma.empty}`,
  );
  if (sources.length === 0) return [];
  const ids = sources.map((source) => source.id);
  const order = since ? { columns: Prisma.raw('r."updatedAt", r."id"'), after: Prisma.raw('>'), sort: Prisma.raw('r."updatedAt" ASC, r."id" ASC') } : { columns: Prisma.raw('r."createdAt", r."id"'), after: Prisma.raw('<'), sort: Prisma.raw('r."createdAt" DESC, r."id" DESC') };
  const conditions = [
    ids.length === 1 ? Prisma.sql`r."paymentSourceId" = ${ids[0]}` : Prisma.sql`r."paymentSourceId" = ANY(${ids}::text[])`,
    query.filterBlockchainIdentifier ? Prisma.sql`r."blockchainIdentifier" = ${query.filterBlockchainIdentifier}` : null,
    query.filterOnChainState ? Prisma.sql`r."onChainState" = CAST(${query.filterOnChainState} AS "OnChainState")` : null,
    query.filterNextAction
      ? Prisma.sql`EXISTS (SELECT 1 FROM "EscrowAction" a WHERE a."id" = r."currentActionId" AND a."requestedAction" = CAST(${query.filterNextAction} AS "RequestedAction"))`
      : null,
    since ? Prisma.sql`r."updatedAt" >= ${since}::timestamp(3)` : null,
    query.cursorId ? Prisma.sql`(${order.columns}) ${order.after} (SELECT c."${Prisma.raw(since ? 'updatedAt' : 'createdAt')}", c."id" FROM "EscrowRequest" c WHERE c."id" = ${query.cursorId})` : null,
  ].flatMap((condition) => (condition ? [AND(condition)] : []));
  const rows = await runSql<RawRequest>(
    db,
    Prisma.sql`SELECT ${REQUEST_COLUMNS}, ${ACTION_AND_AMOUNT_COLUMNS}
      FROM "EscrowRequest" r LEFT JOIN "EscrowAction" a ON a."id" = r."currentActionId"
      WHERE r."role" = CAST(${role} AS "EscrowRole")${Prisma.join(conditions, '')}
      ORDER BY ${order.sort} LIMIT ${query.limit ?? query.take ?? 10}`,
  );
  return rows.map((raw) => {
    const request = requestOf(raw);
    const amounts = (raw.amounts ?? []) as unknown as (Omit<EscrowAmount, 'amount' | 'requestId'> & { amount: string })[];
    return Object.assign(request, {
      currentAction: raw.a_id === null ? null : actionOf(raw, request.id),
      amounts: amounts.map((amount) => ({ ...amount, requestId: request.id, amount: BigInt(amount.amount) })),
      transactionHistory: [] as [],
      actions: [] as [],
    });
  });
}
