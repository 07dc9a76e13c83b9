// Quiet lines: each integration's last delivery and deliveries in the last hour (summary,
// /metrics, the overview), and an alert when one that has delivered before stays quiet for
// ALERT_QUIET_MINUTES within ALERT_QUIET_HOURS (counted from the working window's start), once,
// and a notice when it delivers again.
import { describe, expect, it } from 'vitest';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { ConsoleClient } from '../support/console-client.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, post, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365 } from '../support/with-fake-d365.js';

const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}` };
const MIN = 60_000;

export function quietLineCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  describe('quiet lines', () => {
    let d365: FakeD365;
    let h: Harness;
    withFakeD365(
      make,
      serveFake,
      (fake) => ({
        ALERT_WEBHOOK_URL: fake.alertsUrl,
        ALERT_QUIET_MINUTES: '60',
        ALERT_QUIET_HOURS: 'Mon-Fri 06:00-22:00',
        PLANT_TIME_ZONE: 'Europe/Berlin',
        PUBLIC_URL: 'https://bridge.example.com',
      }),
      (t) => ({ d365, h } = t),
    );
    const kinds = () => d365.alerts.map((a) => a.kind);
    // Wednesday 2026-03-04; Berlin is UTC+1 in March.
    const berlin = (day: number, hhmm: string) => Date.parse(`2026-03-0${day}T${hhmm}:00+01:00`);

    it('tells each integration its last delivery and the last hour in the summary and /metrics', async () => {
      h.clock.set(berlin(4, '10:00'));
      await post(h, '/nextplus/device', realEvent('device-add'));
      h.clock.advance(2 * MIN);
      await post(h, '/nextplus/device', realEvent('device-add', { serial: 'S-2' }));
      const { integrations } = (await (await h.request('/admin/api/summary', { headers: admin })).json()) as { integrations: Record<string, unknown>[] };
      expect(integrations).toContainEqual({ source: 'nextplus', integration: 'device', lastReceivedAt: h.clock.now(), lastHour: 2 });
      expect(integrations).toContainEqual({ source: 'nextplus', integration: 'item-attach', lastReceivedAt: null, lastHour: 0 });
      h.clock.advance(59 * MIN);
      const metrics = await (await h.request('/metrics', { headers: admin })).text();
      expect(metrics).toMatch(/^bridge_deliveries_last_hour\{source="nextplus",integration="device"\} 1$/m);
    });

    it('alerts once when a line is quiet for the quiet time within working hours, and again when it delivers', async () => {
      h.clock.set(berlin(4, '10:00'));
      await post(h, '/nextplus/device', realEvent('device-add'));
      await h.dispatch();
      h.clock.advance(59 * MIN);
      await h.dispatch();
      expect(kinds()).toEqual([]);
      h.clock.advance(2 * MIN);
      await h.dispatch();
      await h.dispatch();
      expect(kinds()).toEqual(['line-quiet']); // never-delivered integrations are not quiet, only not set up
      expect(d365.alerts[0]).toMatchObject({ source: 'nextplus', integration: 'device', quietMinutes: 60, link: 'https://bridge.example.com/console/events?source=nextplus&integration=device' });
      expect(d365.alerts[0]!.text).toMatch(/^mes-erp-bridge: nothing received from Next Plus Device\/Serial for 60 min during working hours .*\|Open in the console>$/);
      await post(h, '/nextplus/device', realEvent('device-add', { serial: 'S-2' }));
      await h.dispatch();
      await h.dispatch();
      expect(kinds()).toEqual(['line-quiet', 'line-back']);
    });

    it('counts quiet time only within working hours: nothing at night, an alert an hour into the next shift', async () => {
      h.clock.set(berlin(4, '21:50'));
      await post(h, '/nextplus/device', realEvent('device-add'));
      await h.dispatch();
      for (const at of ['23:30', '05:59']) {
        h.clock.set(berlin(at === '23:30' ? 4 : 5, at));
        await h.dispatch();
      }
      h.clock.set(berlin(5, '06:59'));
      await h.dispatch();
      expect(kinds()).toEqual([]); // quiet for 9 hours, but only 59 min of them working time
      h.clock.set(berlin(5, '07:00'));
      await h.dispatch();
      expect(kinds()).toEqual(['line-quiet']);
    });

    it('the overview shows each line\'s last delivery, amber with a word once quiet', async () => {
      h.clock.set(berlin(4, '10:00'));
      await post(h, '/nextplus/device', realEvent('device-add'));
      h.clock.advance(3 * MIN);
      const page = await consolePage(h);
      expect(page).toMatch(/>Device\/Serial<\/a><\/td><td class="muted">Next Plus<\/td><td><span title="[^"]+">3 min ago<\/span>/);
      expect(page).toMatch(/Nothing received yet from Item Attach \(Next Plus\), Operation \(Next Plus\), Operation Completed \(GE Proficy\)/);
      h.clock.advance(70 * MIN);
      expect(await consolePage(h)).toMatch(/<span class="chip held" title="[^"]+">quiet: 73 min ago<\/span>/);
    });
  });
}

/** The overview page, signed in. */
async function consolePage(h: Harness): Promise<string> {
  const client = new ConsoleClient(h);
  await client.login();
  return (await client.get('/console')).html;
}
