// What the VIF poller saw change on an MO the bridge made, as one delivery: started
// (AWAITING -> IN_PROGRESS), produced (quantityDone grew from `from` to `quantityDone`), finished.
// Its key says which change it is, so the same change seen again (a poll repeated after a crash)
// is a duplicate and reaches the ERP once.
import { z } from 'zod';
import { defined, type CanonicalEvent } from '../../core/canonical-events.js';
import type { Interpretation } from '../source.js';

const code = z.string().trim().min(1).max(120);
const amount = z.number().finite().nonnegative();

export const moProgressSchema = z.strictObject({
  moNb: code,
  productionOrder: code,
  change: z.enum(['started', 'produced', 'finished']),
  /** started: the MO's quantity; produced: quantityDone - from. */
  quantity: amount.optional(),
  /** produced: quantityDone before and after. */
  from: amount.optional(),
  quantityDone: amount.optional(),
  item: code.optional(),
  unit: code.optional(),
  /** When VIF says it happened (realBeginDate, realEndDate). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type MoProgress = z.infer<typeof moProgressSchema>;

/** Each change once: started and finished once per MO, produced once per quantityDone reached. */
export const progressKey = (p: MoProgress) => `${p.moNb}:${p.change}${p.change === 'produced' ? `:${p.quantityDone ?? ''}` : ''}`;

export function interpretProgress(p: MoProgress, date: string): Interpretation {
  const base = { productionOrder: p.productionOrder, date, occurredAt: p.at };
  const events = (): CanonicalEvent[] => {
    if (p.change === 'started') return [defined({ kind: 'order-started' as const, ...base, quantity: p.quantity ?? 0, item: p.item, unit: p.unit })];
    if (p.change === 'produced') return [defined({ kind: 'quantity-finished' as const, ...base, goodQuantity: p.quantity ?? 0, item: p.item, unit: p.unit })];
    return [defined({ kind: 'order-ended' as const, ...base })];
  };
  return { kind: 'post', events };
}
