// GE Proficy to the webhook target: the documented samples as signed canonical events with their
// origin, and a cancel as reversals naming each message it takes back.
import { describe, expect, it } from 'vitest';
import { originOf, type FakeWebhookReceiver, type ServedWebhook } from '../support/fake-webhook-receiver.js';
import { allDeliveries, allPostings, type Harness, type MakeHarness } from '../support/harness.js';
import { proficySamples, type ProficyEvent } from '../support/proficy-fixtures.js';
import { canonical, completionOfCancelled, DAY, idOf, OPERATION_NUMBERS, sendProficy } from '../support/proficy-expectations.js';
import { withFakeWebhook } from '../support/with-fake-erps.js';
import { completionInKg } from './d365-fields-cases.js';

export function proficyWebhookCases(make: MakeHarness, serveWebhook: () => Promise<ServedWebhook>) {
  describe('GE Proficy to the webhook target', () => {
    let webhook: FakeWebhookReceiver;
    let h: Harness;
    withFakeWebhook(make, serveWebhook, () => ({ PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS }), (t) => ({ webhook, h } = t));

    const deliveryOf = async (id: string) => (await allDeliveries(h)).find((d) => d.externalId === id && d.outcome === 'accepted')!;

    it('posts the documented samples as their canonical events, with their origin', async () => {
      const ids: Partial<Record<ProficyEvent, string>> = {};
      for (const name of Object.keys(proficySamples) as ProficyEvent[]) ids[name] = await idOf(await sendProficy(h, name, proficySamples[name]));
      await h.dispatch();
      const expected = canonical();
      expect(webhook.received).toHaveLength(6); // the recorded-only events (and the cancel of nothing) sent nothing
      expect(webhook.requestCount).toBe(6);
      for (const name of ['operation-completed', 'operation-clocked-off', 'process-order-completed'] as const) {
        const order = expected[name][0]!.productionOrder;
        const bodies = webhook.received.filter((r) => r.body.data.event.productionOrder === order).map((r) => r.body);
        expect(bodies.map((b) => b.data.event)).toEqual(expected[name]);
        expect(bodies.map((b) => b.type)).toEqual(expected[name].map((e) => `production.${e.kind}`));
        const d = await deliveryOf(ids[name]!);
        for (const b of bodies) {
          expect(b.data.origin).toEqual(originOf(d));
          expect(b.data.origin).toEqual({ source: 'proficy', integration: name, deliveryId: d.id, externalId: ids[name], receivedAt: '2026-03-04T10:00:00.000Z' });
        }
      }
    });

    it('a cancel is sent as reversals naming each completion message it takes back', async () => {
      const completed = await idOf(await sendProficy(h, 'operation-completed', completionOfCancelled()));
      await h.dispatch();
      h.clock.advance(3600_000);
      const cancelled = await idOf(await sendProficy(h, 'operation-cancelled', proficySamples['operation-cancelled']));
      await sendProficy(h, 'operation-cancelled', proficySamples['operation-cancelled']); // redelivered
      await h.dispatch();
      expect(webhook.received).toHaveLength(6);
      const [originals, reversals] = [webhook.received.slice(0, 3), webhook.received.slice(3)];
      expect(originals.map((r) => r.body.data.origin.externalId)).toEqual([completed, completed, completed]);
      const origin = originOf(await deliveryOf(cancelled));
      expect(reversals.map((r) => r.body)).toEqual(
        originals.map((o) => ({
          type: 'production.reversal',
          timestamp: origin.receivedAt,
          data: { event: o.body.data.event, origin, reverses: { webhookId: o.webhookId, type: o.body.type } },
        })),
      );
      expect(origin).toMatchObject({ integration: 'operation-cancelled', externalId: cancelled });
    });

    it("carries the produced lots with each lot's quantity in the order's unit", async () => {
      await sendProficy(h, 'process-order-completed', completionInKg(20));
      await h.dispatch();
      const finished = webhook.received.find((r) => r.body.type === 'production.quantity-finished')!.body.data.event;
      expect(finished).toMatchObject({ kind: 'quantity-finished', goodQuantity: 20, unit: 'kg', lots: [{ batch: 'Production_event1', quantity: 10 }, { batch: 'Production_event2', quantity: 10 }] });
    });

    it('?test=1 sends nothing', async () => {
      await sendProficy(h, 'operation-completed', proficySamples['operation-completed'], { query: 'test=1' });
      await h.dispatch();
      expect(webhook.requestCount).toBe(0);
      expect(await allPostings(h)).toEqual([]);
    });
  });
}
