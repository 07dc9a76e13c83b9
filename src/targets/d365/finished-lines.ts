// The report-as-finished lines of a quantity finished: one per produced lot, so each batch
// number is booked with its own quantity (a controller traces a batch from its line), and the
// lines add up to the total the MES reported. Where the lots' quantities don't allow that
// without guessing, one line for the total, as before lots were known.
import type { EventOfKind } from '../../core/canonical-events.js';

type QuantityFinished = EventOfKind<'quantity-finished'>;

export interface FinishedLine {
  event: QuantityFinished;
  /** The lot's batch number (ItemBatchNumber); none on a line for quantity no lot accounts for. */
  batch?: string;
  good: number;
  /** The error quantity is the order's, not a lot's: it goes on the first line only. */
  scrap?: number;
}

// Quantities are kept to 6 decimals (sources/fields.ts): sums and rests round the same way.
const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function finishedLines(e: QuantityFinished): FinishedLine[] {
  const lots = e.lots ?? [];
  const whole = (batch: string | undefined): FinishedLine[] => [{ event: e, batch, good: e.goodQuantity, scrap: e.scrapQuantity }];
  if (lots.length === 0) return whole(e.lot);
  if (lots.length === 1) return whole(lots[0]!.batch);
  const unknown = lots.filter((l) => l.quantity === undefined).length;
  const rest = round(e.goodQuantity - lots.reduce((sum, l) => sum + (l.quantity ?? 0), 0));
  // Two lots without a quantity, or lots holding more than the total: any split would be a guess.
  if (unknown > 1 || rest < 0) return whole(e.lot);
  const lines: FinishedLine[] = lots.map((l) => ({ event: e, batch: l.batch, good: l.quantity ?? rest }));
  // What no lot accounts for is still finished: booked on a line of its own, without a batch.
  if (unknown === 0 && rest > 0) lines.push({ event: e, good: rest });
  lines[0]!.scrap = e.scrapQuantity;
  return lines;
}
