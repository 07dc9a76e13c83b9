// Report-as-finished lines per produced lot (issue 17, item 8): the lines add up to the total,
// and where the lots' quantities don't allow a split without guessing, one line for the total.
import { describe, expect, it } from 'vitest';
import { finishedLines } from '../../src/targets/d365/finished-lines.js';

const event = (goodQuantity: number, lots?: { batch: string; quantity?: number }[], scrapQuantity?: number) =>
  ({ kind: 'quantity-finished', productionOrder: 'P1', date: '2026-03-04', goodQuantity, scrapQuantity, lots }) as const;
const lines = (...a: Parameters<typeof event>) => finishedLines(event(...a)).map(({ batch, good, scrap }) => ({ batch, good, scrap }));

describe('report-as-finished lines per lot', () => {
  it('one line per lot with its quantity, the error quantity on the first; the rest on a line without a batch', () => {
    expect(lines(20, [{ batch: 'A', quantity: 12.5 }, { batch: 'B', quantity: 7.5 }], 1)).toEqual([
      { batch: 'A', good: 12.5, scrap: 1 },
      { batch: 'B', good: 7.5, scrap: undefined },
    ]);
    expect(lines(0.3, [{ batch: 'A', quantity: 0.1 }, { batch: 'B', quantity: 0.1 }])).toEqual([
      { batch: 'A', good: 0.1, scrap: undefined },
      { batch: 'B', good: 0.1, scrap: undefined },
      { batch: undefined, good: 0.1, scrap: undefined },
    ]);
  });

  it('a single lot, or one lot without a quantity among others, takes what the rest leave', () => {
    expect(lines(20, [{ batch: 'A' }])).toEqual([{ batch: 'A', good: 20, scrap: undefined }]);
    expect(lines(20, [{ batch: 'A', quantity: 5 }, { batch: 'B' }])).toEqual([
      { batch: 'A', good: 5, scrap: undefined },
      { batch: 'B', good: 15, scrap: undefined },
    ]);
  });

  it('no lots, two without a quantity, or lots holding more than the total: one line for the total, no batch', () => {
    for (const lots of [undefined, [], [{ batch: 'A' }, { batch: 'B' }], [{ batch: 'A', quantity: 15 }, { batch: 'B', quantity: 15 }]]) {
      expect(lines(20, lots, 2)).toEqual([{ batch: undefined, good: 20, scrap: 2 }]);
    }
  });
});
