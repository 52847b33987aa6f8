import { z } from 'zod';
import type { BlockRecord } from './chain-types.js';

const hex = z.string().regex(/^(?:[0-9a-f]{2})*$/);
const count = z.number().int().nonnegative();

/** What a devnet's chain is built on; written once, when the state directory is created. */
const GenesisFile = z.object({
  version: z.literal(1),
  systemStartMs: count,
  faucetLovelace: z.string().regex(/^\d+$/),
  securityParam: z.number().int().positive(),
  faucetMnemonic: z.array(z.string().min(1)).min(12),
});

export interface DevnetGenesis {
  /** POSIX ms of slot 0, a whole second. */
  readonly systemStartMs: number;
  readonly faucetLovelace: bigint;
  readonly securityParam: number;
  readonly faucetMnemonic: readonly string[];
}

export function genesisToJson(genesis: DevnetGenesis): string {
  const file: z.infer<typeof GenesisFile> = {
    version: 1,
    systemStartMs: genesis.systemStartMs,
    faucetLovelace: genesis.faucetLovelace.toString(),
    securityParam: genesis.securityParam,
    faucetMnemonic: [...genesis.faucetMnemonic],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function genesisFromJson(json: string): DevnetGenesis {
  const file = GenesisFile.parse(JSON.parse(json));
  return { ...file, faucetLovelace: BigInt(file.faucetLovelace) };
}

/**
 * One line of the journal. Rollbacks and clock advances are entries of their own, so the journal
 * only ever grows and replaying it in order gives the chain and the clock as they were.
 */
const JournalEntry = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('block'),
    height: z.number().int().positive(),
    slot: count,
    /** Unix seconds, as the block reports it. */
    time: count,
    hash: hex.length(64),
    /** CBOR of each transaction, in block order. */
    txs: z.array(hex.min(2)),
  }),
  z.object({ type: z.literal('rollback'), blocks: z.number().int().positive() }),
  z.object({ type: z.literal('advance'), ms: count }),
]);

export type JournalEntry = z.infer<typeof JournalEntry>;

export function blockEntry(block: BlockRecord): JournalEntry {
  return { type: 'block', height: block.height, slot: block.slot, time: block.time, hash: block.hash, txs: block.txs.map((tx) => tx.cbor) };
}

/** Throws on a line that is not a journal entry (a torn write, or another file). */
export function parseJournalLine(line: string): JournalEntry {
  return JournalEntry.parse(JSON.parse(line));
}
