import { z } from 'zod';

export const Network = z.enum(['Preprod', 'Mainnet']).meta({ id: 'Network' });

const INT64_MAX = 9_223_372_036_854_775_807n;

/** A non-negative integer amount of base units, as a decimal string. */
export const AmountString = z
  .string()
  .regex(/^\d{1,19}$/, 'must be a decimal string of base units')
  .transform((value) => BigInt(value))
  .refine((value) => value <= INT64_MAX, 'is too large')
  .meta({ example: '10000000' });

/** A signed amount of base units, as a decimal string ("-5000000" removes). */
export const SignedAmountString = z
  .string()
  .regex(/^-?\d{1,19}$/, 'must be a signed decimal string of base units')
  .transform((value) => BigInt(value))
  .refine((value) => value <= INT64_MAX && value >= -INT64_MAX, 'is too large');

/** "" (or "lovelace") is ADA; anything else is policy id (56 hex) + asset name (0–64 hex). */
export const Unit = z
  .string()
  .max(120)
  .transform((value) => (value === 'lovelace' ? '' : value.toLowerCase()))
  .refine((value) => value === '' || /^[0-9a-f]{56}([0-9a-f]{2}){0,32}$/.test(value), 'must be "" or "lovelace" for ADA, or policy id + asset name in hex')
  .meta({ example: '' });

export const Amount = z.strictObject({ unit: Unit, amount: AmountString });

/** Masumi clients send booleans as "true"/"false", in queries and in bodies. */
export const BooleanLike = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE'])])
  .transform((value) => value === true || (typeof value === 'string' && value.toLowerCase() === 'true'));

export const Id = z.string().min(1).max(250);

export const Hex = (max: number) => z.string().max(max).regex(/^[0-9a-fA-F]*$/, 'must be hex').transform((value) => value.toLowerCase());

/** Wire form of an amount row. */
export const AmountDto = z.object({ unit: z.string(), amount: z.string() }).meta({ id: 'Amount' });

export function amountDto(row: { unit: string; amount: bigint }): z.infer<typeof AmountDto> {
  return { unit: row.unit, amount: row.amount.toString() };
}

/** For GET routes without parameters: an unexpected parameter is still a 400. */
export const NoQuery = z.strictObject({});
