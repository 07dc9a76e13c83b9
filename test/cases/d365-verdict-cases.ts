// D365's verdict read back: SysMessageProcessorMessageProcessedBusinessEvent at
// /d365/business-events (on with the D365 target alone, ORDER_SYNC off) marks the delivered
// posting it is about "failed in D365" with D365's text, or "confirmed by D365"; nothing goes back
// into the outbox; a failure alerts once; an unmatched verdict is listed; a repeat is a duplicate.
import { describe, expect, it } from 'vitest';
import processedFailed from '../fixtures/d365/message-processed-failed.json';
import { ConsoleClient, textOf } from '../support/console-client.js';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allDeliveries, allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';
import { sendBusinessEvents } from '../support/d365-business-events.js';
import { withFakeD365 } from '../support/with-fake-d365.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const ERROR = 'Production order ERP-WO-123 cannot be started: its status is Created.';

export function d365VerdictCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  describe("D365's verdict read back", () => {
    let d365: FakeD365;
    let h: Harness;
    withFakeD365(
      make,
      serveFake,
      (fake) => ({ ALERT_WEBHOOK_URL: `${fake.url}/alerts`, ALERT_QUIET_MINUTES: '0', PUBLIC_URL: 'https://bridge.example.com', METRICS_TOKEN }),
      (t) => ({ d365, h } = t),
    );

    /** The processed event for what D365 received as its `index`th message, as now. */
    const verdict = (index: number, changes: Record<string, unknown> = {}) => {
      const sent = d365.received[index]!;
      return {
        ...structuredClone(processedFailed),
        EventId: crypto.randomUUID().toUpperCase(),
        EventTimeIso8601: new Date(h.clock.now()).toISOString(),
        MessageType: sent.type,
        MessageContent: JSON.stringify(sent.content),
        ...changes,
      };
    };
    const verdictCounts = async () => {
      const text = await (await h.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      return Object.fromEntries([...text.matchAll(/^bridge_erp_verdicts_total\{target="d365",result="(\w+)"\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
    };
    const startDelivered = async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      h.clock.advance(1_000);
      await h.dispatch();
      h.clock.advance(60_000);
      const [start] = await allPostings(h);
      expect(start).toMatchObject({ state: 'delivered', messageType: 'ProdProductionOrderStart' });
      return start!;
    };

    it('a failed message is matched to its posting: marked failed in D365, shown, alerted once, nothing re-sent', async () => {
      const start = await startDelivered();
      const res = await sendBusinessEvents(h, verdict(0));
      expect(res.status).toBe(200);
      const [event] = await allDeliveries(h);
      expect(event).toMatchObject({ source: 'd365', outcome: 'accepted', productionOrder: 'ERP-WO-123', refersTo: start.deliveryId });
      expect(event!.message).toMatch(`failed in D365: ${ERROR}`);
      expect(JSON.parse(event!.rawBody!).ErrorMessage).toBe(ERROR);
      const [after] = await allPostings(h);
      expect(after).toMatchObject({ id: start.id, state: 'delivered', attempts: start.attempts, erpVerdict: 'failed', erpVerdictMessage: ERROR });
      expect(await allPostings(h)).toHaveLength(1);

      await h.dispatch();
      await h.dispatch();
      expect(d365.received).toHaveLength(1); // nothing sent again
      expect(d365.alerts).toHaveLength(1);
      expect(d365.alerts[0]).toMatchObject({ kind: 'posting-failed-in-erp', productionOrder: 'ERP-WO-123', postingId: start.id, error: ERROR, link: 'https://bridge.example.com/console/order?id=ERP-WO-123' });
      expect(d365.alerts[0]!.text).toMatch(`was delivered, then failed in D365: ${ERROR} Fix and reprocess`); // one period

      const console = new ConsoleClient(h);
      await console.login();
      expect(textOf((await console.get('/console/order?id=ERP-WO-123')).html)).toContain(`failed in D365: ${ERROR} Fix and reprocess`);
      expect(textOf((await console.get(`/console/events/${start.deliveryId}`)).html)).toContain(`failed in D365: ${ERROR}`);
      expect(textOf((await console.get(`/console/events/${event!.id}`)).html)).toContain(`failed in D365: ${ERROR}`);
      expect(await verdictCounts()).toEqual({ failed: 1 });
    });

    it('console: a verdict has its own verb and direction, is not counted as an order event, and is named where it is linked', async () => {
      const start = await startDelivered();
      await sendBusinessEvents(h, verdict(0));
      const event = (await allDeliveries(h)).find((e) => e.source === 'd365')!;
      expect(event.eventType).toBe('verdict');
      const console = new ConsoleClient(h);
      await console.login();
      const list = (await console.get('/console/events')).html;
      expect(list.match(/data-direction="erp-verdict"/g)).toHaveLength(1);
      expect(list).not.toMatch('data-direction="erp-to-mes"');
      const order = textOf((await console.get('/console/order?id=ERP-WO-123')).html);
      expect(order).not.toMatch('ERP → MES');
      expect(order).toMatch(/ERP verdict Event: business-events verdict/);
      const original = textOf((await console.get(`/console/events/${start.deliveryId}`)).html);
      expect(original).toMatch(/The ERP's verdict [\w-]+ \(verdict, /);
      expect(original).not.toMatch('(?,');
      const own = textOf((await console.get(`/console/events/${event.id}`)).html);
      expect(own).toMatch('Direction ERP verdict');
      expect(own).not.toMatch('translation table');
    });

    it('a processed message confirms its posting; a repeat of the same EventId is a duplicate', async () => {
      const start = await startDelivered();
      const ok = verdict(0, { MessageState: 'Processed', ErrorMessage: '' });
      await sendBusinessEvents(h, ok);
      expect(await sendBusinessEvents(h, ok).then((r) => r.status)).toBe(200);
      const [dup, first] = await allDeliveries(h);
      expect(first!.message).toMatch(`confirmed by D365: posting ${start.id}`);
      expect(dup).toMatchObject({ outcome: 'duplicate', duplicateOf: first!.id });
      expect((await allPostings(h))[0]).toMatchObject({ state: 'delivered', erpVerdict: 'processed' });
      await h.dispatch();
      expect(d365.alerts).toEqual([]);
      expect(await verdictCounts()).toEqual({ processed: 1 });
    });

    it('the content picks the posting it is about among several of one type and order', async () => {
      for (const sku of ['A1', 'A2']) await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { item: { sku, quantity: 1 } }));
      await h.dispatch();
      h.clock.advance(60_000);
      const picking = (await allPostings(h)).filter((p) => p.messageType === 'ProdProductionOrderPickingList');
      expect(picking).toHaveLength(2);
      const index = d365.received.findIndex((r) => r.type === 'ProdProductionOrderPickingList');
      await sendBusinessEvents(h, verdict(index, { ErrorMessage: 'Item A1 is not on the BOM.' }));
      const marked = (await allPostings(h)).filter((p) => p.erpVerdict === 'failed');
      expect(marked.map((p) => p.id)).toEqual([picking[0]!.id]); // the first, not the newest
    });

    it('a verdict no posting matches is recorded and listed, never dropped; another legal entity is ignored', async () => {
      await startDelivered();
      await sendBusinessEvents(h, verdict(0, { MessageContent: JSON.stringify({ ProductionOrderNumber: 'P-ELSEWHERE' }) }));
      await sendBusinessEvents(h, verdict(0, { BusinessEventLegalEntity: 'demf', LegalEntity: 'demf' }));
      const [other, unmatched] = await allDeliveries(h);
      expect(unmatched).toMatchObject({ outcome: 'accepted', productionOrder: 'P-ELSEWHERE', refersTo: null });
      expect(unmatched!.message).toMatch('unmatched: D365 reports a failed ProdProductionOrderStart of production order P-ELSEWHERE');
      expect(other!.message).toMatch('legal entity demf is not D365_COMPANY usmf');
      expect((await allPostings(h))[0]!.erpVerdict).toBeNull();

      const listed = await h.request('/admin/api/events?source=d365&verdict=unmatched', { headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}` } });
      expect(((await listed.json()) as { items: { id: string }[] }).items.map((e) => e.id)).toEqual([unmatched!.id]);
      const console = new ConsoleClient(h);
      await console.login();
      const page = textOf((await console.get('/console/events?source=d365&verdict=unmatched')).html);
      expect(page).toContain(unmatched!.externalId!);
      expect(page).not.toContain(other!.externalId!);
      await h.dispatch();
      expect(d365.alerts).toEqual([]);
      expect(await verdictCounts()).toEqual({ unmatched: 1 });
    });
  });
}
