/** Mesh's SlotConfig shape, so node code can pass it to Mesh's slot helpers unchanged. */
export interface DevnetSlotConfig {
  /** POSIX ms of slot `zeroSlot`; always a whole second, since /genesis states it in seconds. */
  readonly zeroTime: number;
  readonly zeroSlot: number;
  readonly slotLength: number;
  readonly startEpoch: number;
  readonly epochLength: number;
}

export const SLOT_LENGTH_MS = 1000;
export const EPOCH_LENGTH_SLOTS = 432_000;

/**
 * Chain time is wall time plus an offset that only grows (POST /admin/time/advance), so the
 * emulator's slot and the time stamps of new blocks move together and never go backwards.
 */
export class ChainClock {
  readonly slotConfig: DevnetSlotConfig;
  private offsetMs = 0;

  constructor(
    systemStartMs: number,
    private readonly wallClock: () => number = Date.now,
  ) {
    const zeroTime = Math.floor(systemStartMs / SLOT_LENGTH_MS) * SLOT_LENGTH_MS;
    this.slotConfig = Object.freeze({
      zeroTime,
      zeroSlot: 0,
      slotLength: SLOT_LENGTH_MS,
      startEpoch: 0,
      epochLength: EPOCH_LENGTH_SLOTS,
    });
  }

  nowMs(): number {
    return this.wallClock() + this.offsetMs;
  }

  currentSlot(): number {
    return Math.max(0, this.slotAt(this.nowMs()));
  }

  slotAt(timeMs: number): number {
    return Math.floor((timeMs - this.slotConfig.zeroTime) / SLOT_LENGTH_MS);
  }

  /** Unix seconds at the start of a slot, as Blockfrost reports block times. */
  slotTimeSeconds(slot: number): number {
    return (this.slotConfig.zeroTime + slot * SLOT_LENGTH_MS) / 1000;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('time can only move forward');
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }
}

export function epochOfSlot(slot: number): { epoch: number; epochSlot: number } {
  return { epoch: Math.floor(slot / EPOCH_LENGTH_SLOTS), epochSlot: slot % EPOCH_LENGTH_SLOTS };
}
