/**
 * Small chain facts the builders need, independent of any provider: how slots map to POSIX
 * time on a given network (including a devnet with its own start), and the protocol
 * parameters in Mesh's shape.
 */
import type { Protocol } from '@meshsdk/core';

export type ProtocolParams = Protocol;

/** Slot ↔ time: time(slot) = zeroTime + (slot − zeroSlot) × slotLength (ms). */
export interface SlotConfig {
  readonly zeroTime: number;
  readonly zeroSlot: number;
  readonly slotLength: number;
}

export const slotToMs = (config: SlotConfig, slot: number): bigint =>
  BigInt(config.zeroTime) + BigInt(slot - config.zeroSlot) * BigInt(config.slotLength);

/** The first slot that starts at or after `ms` (for lower bounds: "after T"). */
export function msToSlotCeil(config: SlotConfig, ms: bigint): number {
  const offset = ms - BigInt(config.zeroTime);
  const length = BigInt(config.slotLength);
  const slots = offset >= 0n ? (offset + length - 1n) / length : offset / length;
  return Number(slots) + config.zeroSlot;
}

/** The last slot that starts at or before `ms` (for upper bounds: "before T"). */
export function msToSlotFloor(config: SlotConfig, ms: bigint): number {
  const offset = ms - BigInt(config.zeroTime);
  const length = BigInt(config.slotLength);
  const slots = offset >= 0n ? offset / length : -((-offset + length - 1n) / length);
  return Number(slots) + config.zeroSlot;
}

/** A validity window as the ledger will see it, after rounding to slots. */
export interface SlotWindow {
  readonly invalidBefore: number;
  readonly invalidHereafter: number;
  /** POSIX ms the script sees as lower and upper bound. */
  readonly lowerMs: bigint;
  readonly upperMs: bigint;
}

/**
 * Rounds [fromMs, toMs] inwards to whole slots, so the script's lower bound is ≥ fromMs and its
 * upper bound is ≤ toMs.
 */
export function toSlotWindow(config: SlotConfig, fromMs: bigint, toMs: bigint): SlotWindow {
  const invalidBefore = msToSlotCeil(config, fromMs);
  const invalidHereafter = msToSlotFloor(config, toMs);
  if (invalidHereafter <= invalidBefore) {
    throw new RangeError(`validity window ${fromMs}..${toMs} ms holds no whole slot`);
  }
  return {
    invalidBefore,
    invalidHereafter,
    lowerMs: slotToMs(config, invalidBefore),
    upperMs: slotToMs(config, invalidHereafter),
  };
}
