// Field rules shared by the three Next Plus payloads. Strings are trimmed and bounded so a
// runaway value can't reach the ERP; optional text treats "" and null as absent, which is
// how Next Plus marks "no value" (workorderExternalId is null when the order is MES-only).
import { z } from 'zod';

export const MAX_TEXT = 120;

export const requiredText = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` });

export const optionalText = z
  .string()
  .trim()
  .max(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` })
  .nullish()
  .transform((v) => (v ? v : undefined));

/** Next Plus's own ids (workorderId, stockId, sessionId): kept for reference, never required. */
export const systemIds = {
  workorderId: optionalText,
  stockId: optionalText,
  sessionId: optionalText,
  workorderExternalId: optionalText,
};

// Quantities end up in ERP inventory: finite, bounded, and of the right sign.
const MAX_QTY = 1e9;
export const positiveQuantity = z
  .number()
  .gt(0, { error: 'must be greater than 0' })
  .max(MAX_QTY, { error: `must be at most ${MAX_QTY}` });
export const nonNegativeQuantity = z
  .number()
  .min(0, { error: 'must not be negative' })
  .max(MAX_QTY, { error: `must be at most ${MAX_QTY}` });
export const operationPosition = z
  .number()
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must not be negative' })
  .max(999_999, { error: 'must be at most 999999' });
