// Events are booked on the plant day they happened, not the day the bridge received them.
import { describe, expect, it } from 'vitest';
import { datedWhenHappened } from '../../src/core/event-time.js';

const received = Date.parse('2026-03-04T10:00:00Z');
const ended = (occurredAt?: string) => ({ kind: 'order-ended' as const, productionOrder: 'P1', date: '2026-03-04', occurredAt });

describe('the day an event is booked on', () => {
  it('is the plant day it happened: a day-old backlog keeps its day, in the plant time zone', () => {
    expect(datedWhenHappened([ended('2026-03-03T02:30:00Z')], received, 'UTC')[0]!.date).toBe('2026-03-03');
    // 02:30 UTC is still the evening before in Chicago: a night shift books to its local day.
    expect(datedWhenHappened([ended('2026-03-03T02:30:00Z')], received, 'America/Chicago')[0]!.date).toBe('2026-03-02');
  });

  it('is the day it was received when the MES does not say when (Next Plus), and then says so', () => {
    expect(datedWhenHappened([ended()], received, 'Europe/Berlin')[0]).toMatchObject({ date: '2026-03-04', occurredAt: '2026-03-04T10:00:00.000Z' });
  });
});
