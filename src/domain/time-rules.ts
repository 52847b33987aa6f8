export type TimeField = 'payByTime' | 'submitResultTime' | 'unlockTime' | 'externalDisputeUnlockTime';

export class TimeRuleError extends Error {
  override readonly name = 'TimeRuleError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const MINUTE = 60_000n;
const HOUR = 60n * MINUTE;

/** SPEC §5, in milliseconds. */
export const TIME_LIMITS = {
  payByTimeNotBeforeNow: 5n * MINUTE,
  payByTimeBeforeSubmitResult: 5n * MINUTE,
  submitResultTimeAfterNow: 15n * MINUTE,
  unlockAfterSubmitResult: 15n * MINUTE,
  externalDisputeAfterUnlock: 15n * MINUTE,
  defaultUnlockAfterSubmitResult: 6n * HOUR,
  defaultExternalDisputeAfterSubmitResult: 12n * HOUR,
} as const;

/** 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z: payment deadlines outside this range are mistakes. */
export const MIN_TIME_MS = 946_684_800_000n;
export const MAX_TIME_MS = 4_102_444_800_000n;

export interface PaymentTimes {
  payByTime: bigint;
  submitResultTime: bigint;
  unlockTime: bigint;
  externalDisputeUnlockTime: bigint;
}

export type PaymentTimesInput = Omit<PaymentTimes, 'unlockTime' | 'externalDisputeUnlockTime'> &
  Partial<Pick<PaymentTimes, 'unlockTime' | 'externalDisputeUnlockTime'>>;

export function applyTimeDefaults(input: PaymentTimesInput): PaymentTimes {
  return {
    payByTime: input.payByTime,
    submitResultTime: input.submitResultTime,
    unlockTime: input.unlockTime ?? input.submitResultTime + TIME_LIMITS.defaultUnlockAfterSubmitResult,
    externalDisputeUnlockTime:
      input.externalDisputeUnlockTime ?? input.submitResultTime + TIME_LIMITS.defaultExternalDisputeAfterSubmitResult,
  };
}

// Dates outside what Date can print (a corrupt datum) must still give a message, not a RangeError.
function show(ms: bigint): string {
  return ms >= MIN_TIME_MS && ms < MAX_TIME_MS ? new Date(Number(ms)).toISOString() : `${ms} ms`;
}

/**
 * The ordering rules hold for every request and are checked without a clock; the rules against `now`
 * run only when `now` is given (when the seller creates the request, not when a later step re-reads it).
 */
export function findTimeRuleViolation(times: PaymentTimes, now?: bigint): TimeRuleError | undefined {
  const { payByTime, submitResultTime, unlockTime, externalDisputeUnlockTime } = times;
  const checks: Array<{ field: TimeField; ok: boolean; message: string }> = [
    ...(now === undefined
      ? []
      : [
          {
            field: 'submitResultTime' as const,
            ok: submitResultTime >= now + TIME_LIMITS.submitResultTimeAfterNow,
            message: `submitResultTime (${show(submitResultTime)}) must be at least 15 minutes from now (${show(now)})`,
          },
          {
            field: 'payByTime' as const,
            ok: payByTime >= now - TIME_LIMITS.payByTimeNotBeforeNow,
            message: `payByTime (${show(payByTime)}) must not be more than 5 minutes in the past (now ${show(now)})`,
          },
        ]),
    {
      field: 'payByTime',
      ok: payByTime <= submitResultTime - TIME_LIMITS.payByTimeBeforeSubmitResult,
      message: `payByTime (${show(payByTime)}) must be at least 5 minutes before submitResultTime (${show(submitResultTime)})`,
    },
    {
      field: 'unlockTime',
      ok: unlockTime >= submitResultTime + TIME_LIMITS.unlockAfterSubmitResult,
      message: `unlockTime (${show(unlockTime)}) must be at least 15 minutes after submitResultTime (${show(submitResultTime)})`,
    },
    {
      field: 'externalDisputeUnlockTime',
      ok: externalDisputeUnlockTime >= unlockTime + TIME_LIMITS.externalDisputeAfterUnlock,
      message: `externalDisputeUnlockTime (${show(externalDisputeUnlockTime)}) must be at least 15 minutes after unlockTime (${show(unlockTime)})`,
    },
  ];
  const failed = checks.find((check) => !check.ok);
  return failed && new TimeRuleError(failed.field, failed.message);
}

/** Fills the defaults and enforces all five rules of SPEC §5; throws TimeRuleError naming the field. */
export function resolvePaymentTimes(input: PaymentTimesInput, now: bigint): PaymentTimes {
  const times = applyTimeDefaults(input);
  const violation = findTimeRuleViolation(times, now);
  if (violation) throw violation;
  return times;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Date.parse accepts 2025-02-30 (rolls into March) and zone-less strings (local time): parse by hand.
function parseIsoDateTime(text: string, field: string): bigint {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) {
    throw new TimeRuleError(
      field,
      `${field} must be unix milliseconds or an ISO-8601 date-time with a zone (e.g. 2030-01-01T12:00:00Z)`,
    );
  }
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const zoneSign = match[9];
  const zoneHours = Number(match[10] ?? 0);
  const zoneMinutes = Number(match[11] ?? 0);
  if (
    month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
    hour > 23 || minute > 59 || second > 59 || zoneHours > 23 || zoneMinutes > 59
  ) {
    throw new TimeRuleError(field, `${field} is not a valid date-time: ${text}`);
  }
  // Sub-millisecond digits (Python's isoformat sends microseconds) are dropped, never rounded up.
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offset = BigInt(zoneHours * 60 + zoneMinutes) * MINUTE;
  const utc = BigInt(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds));
  return zoneSign === '-' ? utc + offset : utc - offset;
}

/**
 * Accepts unix milliseconds (a safe integer or a decimal string) or an ISO-8601 date-time with a zone.
 * Values that look like unix seconds, fractions, negatives and dates outside 2000–2099 are rejected
 * rather than guessed at: a deadline off by a factor of 1000 would lock funds for the wrong time.
 */
export function parseTime(value: string | number, field = 'time'): bigint {
  let ms: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new TimeRuleError(field, `${field} must be an integer number of unix milliseconds`);
    }
    ms = BigInt(value);
  } else if (typeof value === 'string' && value.length <= 40) {
    ms = /^\d{1,16}$/.test(value) ? BigInt(value) : parseIsoDateTime(value, field);
  } else {
    throw new TimeRuleError(field, `${field} must be unix milliseconds or an ISO-8601 date-time`);
  }
  if (ms >= MIN_TIME_MS / 1000n && ms < MAX_TIME_MS / 1000n) {
    throw new TimeRuleError(field, `${field} looks like unix seconds; send unix milliseconds`);
  }
  if (ms < MIN_TIME_MS || ms >= MAX_TIME_MS) {
    throw new TimeRuleError(field, `${field} must be between 2000-01-01 and 2100-01-01`);
  }
  return ms;
}
