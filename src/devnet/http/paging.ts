import { badRequest } from './blockfrost-error.js';

export interface Paging {
  readonly count: number;
  readonly page: number;
  readonly order: 'asc' | 'desc';
}

type Query = Record<string, unknown>;

function integerParam(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw badRequest(`querystring.${name} should be integer`);
  if (value < min) throw badRequest(`querystring.${name} should be >= ${min}`);
  if (value > max) throw badRequest(`querystring.${name} should be <= ${max}`);
  return value;
}

/** Blockfrost's list parameters: `count` 1–100 (default 100), `page` from 1, `order` asc|desc. */
export function pagingOf(query: Query): Paging {
  const order = query['order'] ?? 'asc';
  if (order !== 'asc' && order !== 'desc') throw badRequest('querystring.order should be equal to one of the allowed values');
  return {
    count: integerParam(query, 'count', 100, 1, 100),
    page: integerParam(query, 'page', 1, 1, 21474836),
    order,
  };
}

/** `items` are in chain order; `desc` lists newest first, as Blockfrost does. */
export function paginate<T>(items: readonly T[], paging: Paging): T[] {
  const ordered = paging.order === 'desc' ? [...items].reverse() : items;
  const start = (paging.page - 1) * paging.count;
  return ordered.slice(start, start + paging.count);
}

export interface BlockBound {
  readonly height: number;
  readonly index: number;
}

/** `from`/`to` as Blockfrost takes them: a block height, optionally `:tx_index` within it (both inclusive). */
export function blockBoundOf(query: Query, name: 'from' | 'to'): BlockBound | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const match = typeof raw === 'string' ? /^(\d+)(?::(\d+))?$/.exec(raw) : null;
  if (!match) throw badRequest(`querystring.${name} should match "height" or "height:index"`);
  const height = Number(match[1]);
  const index = match[2] === undefined ? (name === 'from' ? 0 : Number.MAX_SAFE_INTEGER) : Number(match[2]);
  return { height, index };
}

export function withinBounds(
  location: { height: number; index: number },
  from: BlockBound | undefined,
  to: BlockBound | undefined,
): boolean {
  const compare = (bound: BlockBound): number =>
    location.height !== bound.height ? location.height - bound.height : location.index - bound.index;
  return (!from || compare(from) >= 0) && (!to || compare(to) <= 0);
}
