// Field rules shared by every source's payloads. Strings are trimmed, in Unicode NFC (one
// spelling of "Café", not two), bounded and plain text (no control characters, no broken
// surrogate halves) so a runaway or garbled value can't reach the ERP; optional text treats ""
// and null as absent, which is how MESs mark "no value".
// Quantities are finite, bounded, of the right sign and at most 6 decimal places (an ERP
// quantity field holds no more; 5e-324 is a parsing accident, not a quantity).
import { z } from 'zod';

const MAX_TEXT = 120;
const MAX_QTY = 1e9;
const DECIMALS = 6;

// C0 controls and DEL: invisible on a screen, and NUL ends a string in some ERP layers.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const plainText = (s: string) => !CONTROL.test(s) && s.isWellFormed();
const plainTextRule = { error: 'must be plain text (no control characters or broken characters)' };

export const requiredText = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, { error: 'must not be empty' })
  .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` })
  .refine(plainText, plainTextRule);

export const optionalText = z
  .string()
  .trim()
  .normalize('NFC')
  .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` })
  .refine(plainText, plainTextRule)
  .nullish()
  .transform((v) => (v ? v : undefined));

const round = (v: number) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;
// Float noise (0.30000000000000004) passes and is rounded off; a value that rounds to 0 but
// isn't 0 (1e-7, 5e-324) has more decimals than any ERP keeps, and is refused.
const fewDecimals = (v: number) => Math.abs(v - round(v)) <= 1e-9 * Math.max(1, Math.abs(v)) && (v === 0 || round(v) !== 0);
const decimalsRule = { error: `must have at most ${DECIMALS} decimal places` };

export const positiveQuantity = z
  .number()
  .gt(0, { error: 'must be greater than 0' })
  .max(MAX_QTY, { error: `must be at most ${MAX_QTY}` })
  .refine(fewDecimals, decimalsRule)
  .transform(round);

export const nonNegativeQuantity = z
  .number()
  .min(0, { error: 'must not be negative' })
  .max(MAX_QTY, { error: `must be at most ${MAX_QTY}` })
  .refine(fewDecimals, decimalsRule)
  .transform(round);

export const operationPosition = z
  .number()
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must not be negative' })
  .max(999_999, { error: 'must be at most 999999' });

/** An ISO 8601 date and time with a zone, as MESs publish event times. */
export const timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time such as 2021-02-03T12:29:28Z' });
