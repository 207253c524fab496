/** Schema pieces shared by the parts of the contract (not part of its public surface). */
import { z } from './zod';
import { type Open } from './common';

export function openEnum<const T extends readonly string[]>(_known: T): z.ZodMiniType<Open<T[number]>, unknown> {
  return z.string();
}

export const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD format'),
  z.refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date'),
);

/**
 * A boolean query parameter as clients send it: `true`/`false`, `1`/`0`, in
 * any case (Python's requests sends `True`/`False`).
 */
export const booleanParam = z.pipe(
  z.pipe(
    z.string(),
    z.transform((v) => v.toLowerCase()),
  ),
  z.pipe(
    z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }),
    z.transform((v) => v === 'true' || v === '1'),
  ),
);

export const money = z.number();
export const quantity = z.number().check(z.nonnegative());
/** A share in percent, 0–100. */
export const percentage = z.number().check(z.minimum(0), z.maximum(100));
/** A probability, 0–1. */
export const probability = z.number().check(z.minimum(0), z.maximum(1));
