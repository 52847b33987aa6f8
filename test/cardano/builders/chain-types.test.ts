import { describe, expect, it } from 'vitest';
import { msToSlotCeil, msToSlotFloor, slotToMs, toSlotWindow } from '../../../src/cardano/chain-types.js';

const devnet = { zeroTime: 1_760_000_000_000, zeroSlot: 0, slotLength: 1000 };
const preprod = { zeroTime: 1_655_769_600_000, zeroSlot: 86_400, slotLength: 1000 };

describe('slot ↔ time', () => {
  it('converts both ways on a devnet and on a network with a non-zero zero slot', () => {
    for (const config of [devnet, preprod]) {
      const slot = config.zeroSlot + 12_345;
      expect(msToSlotFloor(config, slotToMs(config, slot))).toBe(slot);
      expect(msToSlotCeil(config, slotToMs(config, slot))).toBe(slot);
      expect(msToSlotFloor(config, slotToMs(config, slot) + 999n)).toBe(slot);
      expect(msToSlotCeil(config, slotToMs(config, slot) + 1n)).toBe(slot + 1);
    }
  });

  it('rounds a window inwards, so the script sees lower ≥ from and upper ≤ to', () => {
    const w = toSlotWindow(devnet, 1_760_000_000_500n, 1_760_000_010_700n);
    expect(w).toEqual({ invalidBefore: 1, invalidHereafter: 10, lowerMs: 1_760_000_001_000n, upperMs: 1_760_000_010_000n });
    expect(() => toSlotWindow(devnet, 1_760_000_000_100n, 1_760_000_000_900n)).toThrow(RangeError);
  });
});
