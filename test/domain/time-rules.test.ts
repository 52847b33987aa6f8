import { describe, expect, it } from 'vitest';
import {
  applyTimeDefaults,
  findTimeRuleViolation,
  parseTime,
  resolvePaymentTimes,
  TimeRuleError,
  type PaymentTimes,
} from '../../src/domain/time-rules.js';

const MINUTE = 60_000n;
const HOUR = 60n * MINUTE;
const now = 1_800_000_000_000n;

function valid(): PaymentTimes {
  const submitResultTime = now + 2n * HOUR;
  return {
    payByTime: now + HOUR,
    submitResultTime,
    unlockTime: submitResultTime + 6n * HOUR,
    externalDisputeUnlockTime: submitResultTime + 12n * HOUR,
  };
}

function failingField(times: PaymentTimes): string | undefined {
  return findTimeRuleViolation(times, now)?.field;
}

describe('time defaults', () => {
  it('unlockTime = submitResultTime + 6 h and externalDisputeUnlockTime = submitResultTime + 12 h', () => {
    const { payByTime, submitResultTime } = valid();
    expect(applyTimeDefaults({ payByTime, submitResultTime })).toEqual({
      payByTime,
      submitResultTime,
      unlockTime: submitResultTime + 6n * HOUR,
      externalDisputeUnlockTime: submitResultTime + 12n * HOUR,
    });
  });

  it('keeps given values', () => {
    const times = { ...valid(), unlockTime: valid().submitResultTime + HOUR };
    expect(applyTimeDefaults(times)).toEqual(times);
  });

  it('resolvePaymentTimes applies defaults then the rules', () => {
    const { payByTime, submitResultTime } = valid();
    expect(resolvePaymentTimes({ payByTime, submitResultTime }, now).unlockTime).toBe(submitResultTime + 6n * HOUR);
    const error = (() => {
      try {
        resolvePaymentTimes({ payByTime, submitResultTime, unlockTime: submitResultTime + 12n * HOUR }, now);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(TimeRuleError);
    expect((error as TimeRuleError).field).toBe('externalDisputeUnlockTime');
  });
});

describe('time rules (SPEC §5), each exactly at its limit and 1 ms beyond', () => {
  it('accepts a valid request', () => {
    expect(findTimeRuleViolation(valid(), now)).toBeUndefined();
  });

  it('payByTime ≥ now − 5 min', () => {
    const atLimit = { ...valid(), payByTime: now - 5n * MINUTE };
    expect(failingField(atLimit)).toBeUndefined();
    expect(failingField({ ...atLimit, payByTime: atLimit.payByTime - 1n })).toBe('payByTime');
  });

  it('payByTime ≤ submitResultTime − 5 min', () => {
    const base = valid();
    const atLimit = { ...base, payByTime: base.submitResultTime - 5n * MINUTE };
    expect(failingField(atLimit)).toBeUndefined();
    expect(failingField({ ...atLimit, payByTime: atLimit.payByTime + 1n })).toBe('payByTime');
  });

  it('submitResultTime ≥ now + 15 min', () => {
    const submitResultTime = now + 15n * MINUTE;
    const atLimit = applyTimeDefaults({ payByTime: now, submitResultTime });
    expect(failingField(atLimit)).toBeUndefined();
    expect(failingField({ ...atLimit, submitResultTime: submitResultTime - 1n })).toBe('submitResultTime');
  });

  it('unlockTime ≥ submitResultTime + 15 min', () => {
    const base = valid();
    const atLimit = { ...base, unlockTime: base.submitResultTime + 15n * MINUTE };
    expect(failingField(atLimit)).toBeUndefined();
    expect(failingField({ ...atLimit, unlockTime: atLimit.unlockTime - 1n })).toBe('unlockTime');
  });

  it('externalDisputeUnlockTime ≥ unlockTime + 15 min', () => {
    const base = valid();
    const atLimit = { ...base, externalDisputeUnlockTime: base.unlockTime + 15n * MINUTE };
    expect(failingField(atLimit)).toBeUndefined();
    expect(failingField({ ...atLimit, externalDisputeUnlockTime: atLimit.externalDisputeUnlockTime - 1n })).toBe(
      'externalDisputeUnlockTime',
    );
  });

  it('without a clock only the ordering rules run', () => {
    const past = { ...valid(), payByTime: now - HOUR };
    expect(failingField(past)).toBe('payByTime');
    expect(findTimeRuleViolation(past)).toBeUndefined();
    expect(findTimeRuleViolation({ ...valid(), unlockTime: valid().submitResultTime })?.field).toBe('unlockTime');
  });

  it('names the field in the message, even for times Date cannot print', () => {
    const error = findTimeRuleViolation({ ...valid(), externalDisputeUnlockTime: -1n }, now);
    expect(error?.message).toMatch(/^externalDisputeUnlockTime \(-1 ms\)/);
  });
});

describe('parseTime', () => {
  const ms = 1_767_225_600_000n; // 2026-01-01T00:00:00.000Z

  it.each([
    [Number(ms), ms],
    [String(ms), ms],
    ['2026-01-01T00:00:00Z', ms],
    ['2026-01-01T00:00:00.000Z', ms],
    ['2026-01-01T00:00Z', ms],
    ['2026-01-01T01:30:00+01:30', ms],
    ['2025-12-31T19:00:00-05:00', ms],
    ['2026-01-01T00:00:00.123456+00:00', ms + 123n],
    ['2026-01-01T00:00:00.9999Z', ms + 999n],
    ['2024-02-29T00:00:00Z', 1_709_164_800_000n],
  ])('parses %s', (input, expected) => {
    expect(parseTime(input, 'payByTime')).toBe(expected);
  });

  it.each([
    ['unix seconds as a number', 1_767_225_600, /unix seconds/],
    ['unix seconds as a string', '1767225600', /unix seconds/],
    ['a float', 1_767_225_600_000.5, /integer/],
    ['NaN', Number.NaN, /integer/],
    ['Infinity', Number.POSITIVE_INFINITY, /integer/],
    ['a negative number', -1_767_225_600_000, /between/],
    ['a negative string', '-1767225600000', /ISO-8601/],
    ['a decimal string', '1767225600000.5', /ISO-8601/],
    ['a year before 2000', '1999-12-31T23:59:59.999Z', /between/],
    ['year 2100', '2100-01-01T00:00:00Z', /between/],
    ['an absurd year', '9999-01-01T00:00:00Z', /between/],
    ['a huge millisecond count', '9999999999999999', /between/],
    ['a date without time', '2026-01-01', /ISO-8601/],
    ['a date-time without zone (local time is ambiguous)', '2026-01-01T00:00:00', /ISO-8601/],
    ['February 30', '2026-02-30T00:00:00Z', /not a valid date-time/],
    ['February 29 of a common year', '2026-02-29T00:00:00Z', /not a valid date-time/],
    ['hour 24', '2026-01-01T24:00:00Z', /not a valid date-time/],
    ['a leap second', '2026-01-01T23:59:60Z', /not a valid date-time/],
    ['an offset of 24 h', '2026-01-01T00:00:00+24:00', /not a valid date-time/],
    ['an empty string', '', /ISO-8601/],
    ['free text', 'tomorrow', /ISO-8601/],
    ['surrounding spaces', ' 1767225600000', /ISO-8601/],
    ['a very long string', '1'.repeat(100), /ISO-8601/],
  ])('rejects %s', (_label, input, message) => {
    expect(() => parseTime(input, 'submitResultTime')).toThrow(message);
    try {
      parseTime(input, 'submitResultTime');
    } catch (error) {
      expect(error).toBeInstanceOf(TimeRuleError);
      expect((error as TimeRuleError).field).toBe('submitResultTime');
      expect((error as TimeRuleError).message).toContain('submitResultTime');
    }
  });

  it('rejects values that are neither strings nor numbers', () => {
    expect(() => parseTime(null as unknown as string)).toThrow(TimeRuleError);
  });
});
