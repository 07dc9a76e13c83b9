// D365 as a source of order events: its business events at /d365/business-events, one or an
// array, each in the ledger before the answer, keyed by EventId; another legal entity and an
// unknown event are recorded and answered 2xx; order sync off says how to switch it on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allDeliveries, allPostings, expectRefused, type Harness, type MakeHarness } from '../support/harness.js';
import { businessEvent, businessEvents, sendBusinessEvents } from '../support/d365-business-events.js';

export function d365SourceCases(make: MakeHarness, env: () => Record<string, string>) {
  describe('D365 source: business events', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: env() })));
    afterEach(() => h.close());

    const journal = async () => (await allPostings(h)).filter((p) => p.target === 'journal').map((p) => [p.messageType, JSON.parse(p.content)]);

    it('a released event is answered {"id"} and becomes order-released, once under a repeat of its EventId', async () => {
      const res = await sendBusinessEvents(h, businessEvents.released);
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      expect(id).toMatch(/^D365-/);
      const again = await sendBusinessEvents(h, businessEvents.released);
      expect(await again.json()).toEqual({ id });
      const [dup, first] = await allDeliveries(h);
      expect(first).toMatchObject({ source: 'd365', integration: 'business-events', outcome: 'accepted', productionOrder: 'P000123' });
      expect(dup).toMatchObject({ outcome: 'duplicate', duplicateOf: first!.id });
      expect(await journal()).toEqual([['order-released', { kind: 'order-released', productionOrder: 'P000123', date: expect.any(String), occurredAt: '2025-03-07T09:15:42.123Z', company: 'usmf' }]]);
    });

    it('an array is one delivery per element, all recorded before the 2xx, answered with one id each', async () => {
      const res = await sendBusinessEvents(h, [businessEvents.released, businessEvents.statusChanged, businessEvents.statusEnded]);
      expect(res.status).toBe(200);
      const answers = (await res.json()) as { id: string }[];
      expect(answers).toHaveLength(3);
      const rows = (await allDeliveries(h)).reverse();
      expect(rows.map((d) => [d.outcome, d.externalId])).toEqual(answers.map((a) => ['accepted', a.id]));
      expect(JSON.parse(rows[1]!.rawBody!)).toEqual(businessEvents.statusChanged);
      expect((await journal()).map(([, c]) => [c.kind, c.status])).toEqual([
        ['order-released', undefined],
        ['order-status-changed', 'started'],
        ['order-status-changed', 'ended'],
      ]);
      // D365 retries the whole batch: every element is a duplicate now.
      await sendBusinessEvents(h, [businessEvents.released, businessEvents.statusChanged]);
      expect((await allDeliveries(h)).filter((d) => d.outcome === 'duplicate')).toHaveLength(2);
      expect(await journal()).toHaveLength(3);
    });

    it('another legal entity is recorded and ignored; an unknown business event recorded and answered 2xx', async () => {
      expect((await sendBusinessEvents(h, businessEvent('released', { BusinessEventLegalEntity: 'demf', LegalEntity: 'demf' }))).status).toBe(200);
      expect((await sendBusinessEvents(h, businessEvent('released', { BusinessEventId: 'BatchJobStartedBusinessEvent' }))).status).toBe(200);
      const [unknown, other] = await allDeliveries(h);
      expect(other).toMatchObject({ outcome: 'accepted', message: expect.stringContaining('legal entity demf is not D365_COMPANY usmf') });
      expect(unknown).toMatchObject({ outcome: 'accepted', message: expect.stringContaining('unknown business event BatchJobStartedBusinessEvent') });
      expect(await allPostings(h)).toEqual([]);
    });

    it('a status nothing is done for is recorded; an event without the order is refused in words', async () => {
      await sendBusinessEvents(h, businessEvent('statusChanged', { ProductionOrderStatus: 'ReportedFinished' }));
      expect((await allDeliveries(h))[0]!.message).toMatch('P000123 is now ReportedFinished in D365');
      await expectRefused(await sendBusinessEvents(h, businessEvent('released', { ProductionOrderNumber: undefined })), 400, 'has no ProductionOrderNumber');
      expect(await allPostings(h)).toEqual([]);
    });
  });

  describe('D365 source switched off', () => {
    it('without ORDER_SYNC its path says how to switch it on', async () => {
      const h = await make();
      try {
        const res = await sendBusinessEvents(h, businessEvents.released);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(((await res.json()) as { message: string }).message).toMatch('set ORDER_SYNC');
      } finally {
        await h.close();
      }
    });
  });
}
