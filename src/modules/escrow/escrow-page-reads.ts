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

type RawRequest = Record<string, string | number | null>;

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
 * One page of payments (Seller) or purchases (Buyer) of the query's network, as plain SQL: newest
 * first, or with `since` oldest change first; `cursorId` continues after that row (as Prisma's
 * cursor with skip 1). The sources are looked up first so the page is read off an index.
 */
export async function pageOfEscrows(db: Db, role: Role, query: ListEscrowQuery, since: Date | undefined): Promise<EscrowRequest[]> {
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
    Prisma.sql`SELECT ${REQUEST_COLUMNS} FROM "EscrowRequest" r WHERE r."role" = CAST(${role} AS "EscrowRole")${Prisma.join(conditions, '')}
      ORDER BY ${order.sort} LIMIT ${query.limit ?? query.take ?? 10}`,
  );
  return rows.map(requestOf);
}

/**
 * A page's current actions and price/withdrawn amounts, one plain SQL query each. Through Prisma's
 * `include` these two reads were most of a 100-row list's CPU (compiling an IN list of 100 ids and
 * mapping every row). Histories are not read here: a page that asks for them goes through Prisma.
 */
export async function withActionsAndAmounts<T extends EscrowRequest>(
  db: Db,
  rows: T[],
): Promise<(T & { currentAction: EscrowAction | null; amounts: EscrowAmount[]; transactionHistory: []; actions: [] })[]> {
  if (rows.length === 0) return [];
  const actionIds = rows.flatMap((row) => row.currentActionId ?? []);
  const requestIds = rows.map((row) => row.id);
  const [actions, amounts] = await Promise.all([
    actionIds.length === 0
      ? Promise.resolve([])
      : runSql<Omit<EscrowAction, 'createdAt'> & { createdAt: string }>(
          db,
          Prisma.sql`SELECT "id", to_char("createdAt", ${Prisma.raw(ISO)}) AS "createdAt", "requestId", "requestedAction"::text AS "requestedAction", "errorType", "errorNote", "resultHash"
            FROM "EscrowAction" WHERE "id" = ANY(${actionIds}::text[])`,
        ),
    runSql<Omit<EscrowAmount, 'amount'> & { amount: string }>(
      db,
      Prisma.sql`SELECT "id", "requestId", "kind"::text AS "kind", "unit", "amount"::text AS "amount"
        FROM "EscrowAmount" WHERE "requestId" = ANY(${requestIds}::text[]) ORDER BY "unit" ASC, "id" ASC`,
    ),
  ]);
  const actionById = new Map(actions.map((action) => [action.id, { ...action, createdAt: new Date(action.createdAt) }]));
  const amountsOf = new Map<string, EscrowAmount[]>();
  for (const amount of amounts) {
    const list = amountsOf.get(amount.requestId) ?? [];
    list.push({ ...amount, amount: BigInt(amount.amount) });
    amountsOf.set(amount.requestId, list);
  }
  return rows.map((row) => ({
    ...row,
    currentAction: row.currentActionId ? (actionById.get(row.currentActionId) ?? null) : null,
    amounts: amountsOf.get(row.id) ?? [],
    transactionHistory: [],
    actions: [],
  }));
}
