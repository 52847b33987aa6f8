import { type Db, runSql } from '../../db/prisma.js';
import { type EscrowAction, type EscrowAmount, type EscrowRequest, Prisma } from '../../generated/prisma/client.js';

// Timestamps leave PostgreSQL as ISO text: pg would read a column without a time zone as local time.
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

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
