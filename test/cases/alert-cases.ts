// Alerts: a notice when a posting fails, and one when its order stays held past the threshold;
// each once, in a shape Slack and Teams incoming webhooks show (`text`).
import { describe, expect, it } from 'vitest';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, post, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365 } from '../support/with-fake-d365.js';

export function alertCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  describe('alerts', () => {
    let d365: FakeD365;
    let h: Harness;
    withFakeD365(
      make,
      serveFake,
      // Quiet-line notices are off here: these cases count the posting notices (quiet-line-cases.ts has those).
      (fake) => ({ ALERT_WEBHOOK_URL: `${fake.url}/alerts`, ALERT_HELD_MINUTES: '30', ALERT_QUIET_MINUTES: '0', PUBLIC_URL: 'https://bridge.example.com' }),
      (t) => ({ d365, h } = t),
    );

    it('notifies once when a posting fails, and once when its order has been held too long', async () => {
      d365.failingOrders.set('BAD', { status: 400, body: '{"Message":"Production order BAD does not exist"}' });
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'BAD' }));
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'OK' }));
      await h.dispatch();
      expect(d365.alerts).toHaveLength(1);
      expect(d365.alerts[0]).toMatchObject({
        kind: 'posting-failed',
        target: 'd365',
        productionOrder: 'BAD',
        messageType: 'ProdProductionOrderStart',
        link: 'https://bridge.example.com/console/order?id=BAD',
      });
      expect(d365.alerts[0]!.text).toMatch(/ProdProductionOrderStart for production order BAD failed.*does not exist/);

      h.clock.advance(29 * 60_000);
      await h.dispatch();
      expect(d365.alerts).toHaveLength(1); // not yet held long enough
      h.clock.advance(2 * 60_000);
      await h.dispatch();
      await h.dispatch();
      expect(d365.alerts).toHaveLength(2);
      expect(d365.alerts[1]).toMatchObject({ kind: 'order-held', target: 'd365', productionOrder: 'BAD', heldMinutes: 31 });
      expect(d365.alerts[1]!.text).toMatch('production order BAD has been held for 31 min');
    });

    it('alerts again if a retried posting fails again', async () => {
      d365.failingOrders.set('BAD', { status: 422 });
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'BAD' }));
      await h.dispatch();
      h.clock.advance(31 * 60_000);
      await h.dispatch();
      expect(d365.alerts.map((a) => a.kind)).toEqual(['posting-failed', 'order-held']);
      const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}` };
      const [p] = (await (await h.request('/admin/api/postings?state=failed', { headers: admin })).json() as { items: { id: number }[] }).items;
      await h.request(`/admin/api/postings/${p!.id}/retry`, { method: 'POST', headers: admin });
      await h.dispatch();
      h.clock.advance(31 * 60_000);
      await h.dispatch();
      expect(d365.alerts.map((a) => a.kind)).toEqual(['posting-failed', 'order-held', 'posting-failed', 'order-held']);
    });

    it('shows outside text as written: no channel ping, no disguised link; the console link is the only link', async () => {
      const order = '<!channel>';
      const answer = '{"Message":"see <https://evil.example|Open the console> or [click](https://evil.example) <@U123>"}';
      d365.failingOrders.set(order, { status: 400, body: answer });
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: order }));
      await h.dispatch();
      h.clock.advance(31 * 60_000);
      await h.dispatch();
      expect(d365.alerts.map((a) => a.kind)).toEqual(['posting-failed', 'order-held']);
      for (const alert of d365.alerts) {
        const text = alert.text as string;
        expect(text).not.toMatch('<!');
        expect(text).not.toMatch('<@');
        expect(text).not.toMatch('<https://evil');
        expect(text).not.toMatch(/\[[^\]]*\]\(/); // no markdown link
        expect(text.match(/[a-z]+:\/\//gi)).toEqual(['https://']);
        expect(text).toMatch(/ <https:\/\/bridge\.example\.com\/console\/order\?id=%3C!channel%3E\|Open in the console>$/);
        expect(text).toMatch('production order &lt;!channel&gt;'); // still readable
        // The JSON fields are data, kept exactly as received.
        expect(alert).toMatchObject({ productionOrder: order, error: expect.stringContaining('[click](https://evil.example)') });
      }
    });

    it('a redirect from the alert webhook is not followed: the notice counts as not sent and comes again', async () => {
      d365.alertFailure = { status: 307, location: d365.movedUrl };
      d365.failingOrders.set('BAD', { status: 422 });
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'BAD' }));
      await h.dispatch();
      h.clock.advance(31 * 60_000);
      await h.dispatch();
      expect(d365.redirected).toEqual([]);
      d365.alertFailure = undefined;
      await h.dispatch();
      expect(d365.alerts.map((a) => a.kind)).toEqual(['order-held']);
    });
  });
}
