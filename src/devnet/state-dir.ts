import fs from 'node:fs';
import path from 'node:path';
import type { BlockRecord } from './chain-types.js';
import { blockEntry, genesisFromJson, genesisToJson, parseJournalLine, type DevnetGenesis, type JournalEntry } from './journal-format.js';
import type { LedgerJournal } from './ledger.js';

const GENESIS_FILE = 'genesis.json';
const JOURNAL_FILE = 'journal.jsonl';
const LOCK_FILE = 'lock';
const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_DIR = 0o700;
const NEWLINE = 0x0a;

export interface JournalReadReport {
  readonly entries: number;
  /** Bytes cut off the end: a line torn by a crash. */
  readonly discardedBytes: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

interface LockOwner {
  readonly pid: number;
  /** Tells this process from an earlier one with the same pid (a container restarted after a crash). */
  readonly since: number;
}

function readLockOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.since === 'number' ? { pid: owner.pid, since: owner.since } : undefined;
  } catch {
    return undefined;
  }
}

/** Two devnets appending to one journal would interleave two chains; a lock left by a dead process is taken over. */
function acquireLock(dir: string): string {
  const file = path.join(dir, LOCK_FILE);
  const self: LockOwner = { pid: process.pid, since: performance.timeOrigin };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(self), { flag: 'wx', mode: OWNER_ONLY_FILE });
      return file;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const owner = readLockOwner(file);
    const held = owner && (owner.pid === self.pid ? owner.since === self.since : isAlive(owner.pid));
    if (held) throw new Error(`devnet state ${dir} is in use by process ${owner.pid} (if no devnet runs there, delete ${file})`);
    fs.rmSync(file, { force: true });
  }
  throw new Error(`could not lock devnet state ${dir}`);
}

/**
 * A devnet's state directory: `genesis.json` (parameters and the faucet's mnemonic) and
 * `journal.jsonl`, one JSON line per block, rollback and clock advance, each fsynced before the
 * change takes effect. Owner-only, since the mnemonic is the key to every coin of the chain.
 */
export class DevnetStateDir implements LedgerJournal {
  private fd: number | undefined;
  private size = 0;

  private constructor(
    readonly dir: string,
    private readonly lockFile: string,
    private storedGenesis: DevnetGenesis | undefined,
  ) {}

  static open(dir: string): DevnetStateDir {
    const absolute = path.resolve(dir);
    fs.mkdirSync(absolute, { recursive: true, mode: OWNER_ONLY_DIR });
    const lockFile = acquireLock(absolute);
    try {
      const genesisPath = path.join(absolute, GENESIS_FILE);
      const genesis = fs.existsSync(genesisPath) ? genesisFromJson(fs.readFileSync(genesisPath, 'utf8')) : undefined;
      if (!genesis && fs.existsSync(path.join(absolute, JOURNAL_FILE))) {
        throw new Error(`devnet state ${absolute} has a journal but no ${GENESIS_FILE}`);
      }
      return new DevnetStateDir(absolute, lockFile, genesis);
    } catch (error) {
      fs.rmSync(lockFile, { force: true });
      throw error;
    }
  }

  get genesis(): DevnetGenesis | undefined {
    return this.storedGenesis;
  }

  /** Written once, atomically: a crash leaves either no genesis (a fresh start) or the whole file. */
  writeGenesis(genesis: DevnetGenesis): void {
    if (this.storedGenesis) throw new Error(`devnet state ${this.dir} already has a genesis`);
    const target = path.join(this.dir, GENESIS_FILE);
    const temporary = `${target}.tmp`;
    const fd = fs.openSync(temporary, 'w', OWNER_ONLY_FILE);
    try {
      fs.fchmodSync(fd, OWNER_ONLY_FILE);
      fs.writeFileSync(fd, genesisToJson(genesis));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
    fsyncDir(this.dir);
    this.storedGenesis = genesis;
  }

  /**
   * Calls `apply` with every entry in order, then opens the journal for appending. A last line that
   * is torn (no newline) or unreadable was never committed: it is cut off. An unreadable line with
   * entries after it means the file is damaged, and opening fails.
   */
  readJournal(apply: (entry: JournalEntry, line: number) => void): JournalReadReport {
    const file = path.join(this.dir, JOURNAL_FILE);
    let entries = 0;
    let goodBytes = 0;
    let unreadable: { line: number; error: string } | undefined;
    const total = fs.existsSync(file)
      ? forEachLine(file, (text, line, endOffset) => {
          if (text.trim() === '') return;
          if (unreadable) throw new Error(`devnet journal ${file} line ${unreadable.line} is damaged: ${unreadable.error}`);
          let entry: JournalEntry;
          try {
            entry = parseJournalLine(text);
          } catch (error) {
            unreadable = { line, error: (error as Error).message.slice(0, 200) };
            return;
          }
          try {
            apply(entry, line);
          } catch (error) {
            throw new Error(`devnet journal ${file} line ${line}: ${(error as Error).message}`, { cause: error });
          }
          entries += 1;
          goodBytes = endOffset;
        })
      : 0;
    this.fd = fs.openSync(file, 'a', OWNER_ONLY_FILE);
    fs.fchmodSync(this.fd, OWNER_ONLY_FILE);
    if (total > goodBytes) {
      fs.ftruncateSync(this.fd, goodBytes);
      fs.fsyncSync(this.fd);
    }
    if (total === 0) fsyncDir(this.dir);
    this.size = goodBytes;
    return { entries, discardedBytes: total - goodBytes };
  }

  block(block: BlockRecord): void {
    this.append(blockEntry(block));
  }

  rollback(blocks: number): void {
    this.append({ type: 'rollback', blocks });
  }

  advance(ms: number): void {
    this.append({ type: 'advance', ms });
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.lockFile, { force: true });
  }

  private append(entry: JournalEntry): void {
    if (this.fd === undefined) throw new Error(`devnet journal in ${this.dir} is not open`);
    const bytes = Buffer.from(`${JSON.stringify(entry)}\n`);
    try {
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(this.fd, bytes, written, bytes.length - written);
      fs.fdatasyncSync(this.fd);
      this.size += bytes.length;
    } catch (error) {
      // Left in place, a partial line would end up between two good ones after the next append.
      try {
        fs.ftruncateSync(this.fd, this.size);
      } catch {
        // The original error is the one worth reporting.
      }
      throw error;
    }
  }
}

/** Reads a file line by line in chunks (a journal can outgrow a string); returns the file's size. */
function forEachLine(file: string, onLine: (text: string, line: number, endOffset: number) => void): number {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    let line = 0;
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
        line += 1;
        onLine(data.toString('utf8', start, end), line, carryOffset + end + 1);
        start = end + 1;
      }
      carryOffset += start;
      carry = Buffer.from(data.subarray(start));
    }
    return carryOffset + carry.length;
  } finally {
    fs.closeSync(fd);
  }
}
