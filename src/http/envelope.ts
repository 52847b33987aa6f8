import { z } from 'zod';

export interface Success<T> {
  status: 'success';
  data: T;
}

export function ok<T>(data: T): Success<T> {
  return { status: 'success', data };
}

/** The response schema of a route: `{status: "success", data}` around the payload schema. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ status: z.literal('success'), data });
}

export const ErrorEnvelope = z
  .object({
    status: z.literal('error'),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });
