import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DevnetControl } from '../devnet-control.js';
import { badRequest } from './blockfrost-error.js';

const lovelace = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative(), z.bigint()]).transform((v) => BigInt(v));

const TopupBody = z.object({ address: z.string().min(1), lovelace });
const AdvanceBody = z.object({ ms: z.number().int().nonnegative() });
const RollbackBody = z.object({ blocks: z.number().int().positive(), mode: z.enum(['mempool', 'discard']).default('mempool') });
const FaultsBody = z.object({ rate: z.number().min(0).max(1), statuses: z.array(z.number().int().min(400).max(599)).default([500]) });
const DropBody = z.object({ txHash: z.string().regex(/^[0-9a-fA-F]{64}$/).optional() });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw badRequest(`body.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Control routes for tests and benchmarks; never faulted. Each has a programmatic twin on Devnet. */
export function adminRoutes(app: FastifyInstance, control: DevnetControl): void {
  app.post('/admin/topup', async (request) => {
    const { address, lovelace: amount } = parse(TopupBody, request.body);
    return { txHash: await control.topup(address, amount) };
  });

  app.post('/admin/time/advance', async (request) => control.advanceTime(parse(AdvanceBody, request.body).ms));

  app.post('/admin/rollback', async (request) => {
    const { blocks, mode } = parse(RollbackBody, request.body);
    return control.rollback(blocks, mode);
  });

  app.post('/admin/faults', async (request) => {
    control.faults.configure(parse(FaultsBody, request.body));
    return control.faults.current();
  });
  app.get('/admin/faults', async () => control.faults.current());

  app.post('/admin/drop-mempool', async (request) => ({ dropped: control.dropMempool(parse(DropBody, request.body).txHash) }));
  app.get('/admin/mempool', async () => ({
    txHashes: control.ledger.mempoolTxs().map((tx) => tx.hash),
    recentlyDropped: control.ledger.droppedTxs(),
  }));

  app.post('/admin/block', async () => control.produceBlock());
  app.post('/admin/blocks/pause', async () => {
    control.pauseBlocks();
    return { producing: control.producingBlocks };
  });
  app.post('/admin/blocks/resume', async () => {
    control.resumeBlocks();
    return { producing: control.producingBlocks };
  });

  app.get('/admin/stats', async () => control.stats.snapshot());
  app.post('/admin/stats/reset', async () => {
    control.stats.reset();
    return control.stats.snapshot();
  });

  app.get('/admin/consistency', async () => control.ledger.consistency());
}
