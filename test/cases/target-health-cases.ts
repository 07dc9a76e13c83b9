// Target health: a D365 that refuses connections, or whose token URL answers 404, is told in
// words naming the cause — in /readyz (still ready), the admin summary and /metrics — with a
// warning line at the first failure and an info line at recovery (once each), an alert once it
// has failed for ALERT_FAILING_MINUTES and one at recovery, re-armed after it.
import { describe, expect, it } from 'vitest';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365 } from '../support/with-fake-d365.js';

const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}` };
const MIN = 60_000;

export function targetHealthCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  describe('target health', () => {
    let d365: FakeD365;
    let h: Harness;
    withFakeD365(
      make,
      serveFake,
      (fake) => ({ ALERT_WEBHOOK_URL: fake.alertsUrl, ALERT_FAILING_MINUTES: '15', ALERT_QUIET_MINUTES: '0', PUBLIC_URL: 'https://bridge.example.com' }),
      (t) => ({ d365, h } = t),
    );

    const readyz = async () => {
      const res = await h.request('/readyz');
      expect(res.status).toBe(200); // a failing ERP doesn't stop deliveries being taken
      return ((await res.json()) as { targets: Record<string, { healthy: boolean; lastSuccessAt: number | null; failingSince: number | null; lastError: string | null }> }).targets.d365!;
    };
    const summaryTarget = async () => ((await (await h.request('/admin/api/summary', { headers: admin })).json()) as { targets: Record<string, unknown>[] }).targets[0]!;
    const metrics = async () => (await h.request('/metrics', { headers: admin })).text();
    const lines = (pattern: RegExp) => h.logs.filter((l) => pattern.test(l.message));
    const kinds = () => d365.alerts.map((a) => a.kind);

    it('a refused connection: named in /readyz, the summary and /metrics; logged once; alerted once after the threshold and once at recovery', async () => {
      await d365.refuseConnections(true);
      const failedAt = h.clock.now();
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'P1' }));
      await h.dispatch();
      const failing = await readyz();
      expect(failing).toMatchObject({ healthy: false, lastSuccessAt: null, failingSince: failedAt });
      expect(failing.lastError).toMatch(/^could not reach the token endpoint: ECONNREFUSED [\d.]+:\d+ \(nothing accepts connections there/);
      expect(failing.lastError).not.toMatch('fetch failed');

      for (let i = 0; i < 3; i++) {
        h.clock.advance(4 * MIN);
        await h.dispatch();
      }
      expect(lines(/^target d365 is failing/)).toHaveLength(1);
      expect(lines(/^target d365 is failing/)[0]!.level).toBe('warn');
      expect(kinds()).toEqual([]); // 12 min: not yet
      expect(await summaryTarget()).toMatchObject({ name: 'd365', healthy: false, failingSince: failedAt, consecutiveFailures: expect.any(Number), lastError: expect.stringMatching(/ECONNREFUSED/) });
      expect((await summaryTarget()).consecutiveFailures).toBeGreaterThanOrEqual(2);
      const text = await metrics();
      expect(text).toMatch(/^bridge_target_healthy\{target="d365"\} 0$/m);
      expect(text).toMatch(/^bridge_target_failing_seconds\{target="d365"\} 720$/m);

      h.clock.advance(4 * MIN);
      await h.dispatch();
      await h.dispatch();
      expect(kinds()).toEqual(['target-failing']);
      expect(d365.alerts[0]).toMatchObject({ target: 'd365', failingMinutes: 16, link: 'https://bridge.example.com/console/events?target=d365&state=queued' });
      expect(d365.alerts[0]!.text).toMatch(/^mes-erp-bridge: d365 has been failing for 16 min .*ECONNREFUSED.*<https:\/\/bridge\.example\.com\/console\/events\?target=d365&state=queued\|Open in the console>$/);

      await d365.refuseConnections(false);
      h.clock.advance(16 * MIN); // past the longest backoff
      await h.dispatch();
      expect((await allPostings(h)).map((p) => p.state)).toEqual(['delivered']);
      await h.dispatch();
      await h.dispatch();
      expect(await readyz()).toEqual({ healthy: true, lastSuccessAt: h.clock.now(), failingSince: null, lastError: null });
      expect(lines(/^target d365 is taking postings again/)).toHaveLength(1);
      expect(lines(/^target d365 is failing/)).toHaveLength(1);
      expect(kinds()).toEqual(['target-failing', 'target-recovered']);
      expect(await metrics()).toMatch(/^bridge_target_healthy\{target="d365"\} 1$/m);

      // Re-armed: the next outage is told again.
      await d365.refuseConnections(true);
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'P2' }));
      await h.dispatch();
      for (let i = 0; i < 2; i++) {
        h.clock.advance(16 * MIN);
        await h.dispatch();
      }
      expect(lines(/^target d365 is failing/)).toHaveLength(2);
      expect(kinds()).toEqual(['target-failing', 'target-recovered', 'target-failing']);
    });

    it('Entra ID answering 404 at the token URL names the settings to check, not the credentials', async () => {
      d365.tokenAnswer = { status: 404, body: '' };
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'P1' }));
      await h.dispatch();
      const [p] = await allPostings(h);
      expect(p!.state).toBe('queued'); // retried: a corrected setting lets it through
      const expected = 'Entra ID answered 404 at the token URL: check D365_TOKEN_URL / D365_TENANT_ID';
      expect(p!.lastError).toBe(expected);
      expect((await readyz()).lastError).toBe(expected);
      h.clock.advance(16 * MIN);
      await h.dispatch();
      expect(kinds()).toEqual(['target-failing']);
      expect(d365.alerts[0]!.error).toBe(expected);

      d365.tokenAnswer = undefined;
      h.clock.advance(16 * MIN);
      await h.dispatch();
      await h.dispatch();
      expect((await readyz()).healthy).toBe(true);
      expect(kinds()).toEqual(['target-failing', 'target-recovered']);
    });

    it('a refusal of one posting (HTTP 400) is not a failing target', async () => {
      d365.failingOrders.set('BAD', { status: 400 });
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'BAD' }));
      await h.dispatch();
      h.clock.advance(20 * MIN);
      await h.dispatch();
      expect((await readyz()).healthy).toBe(true);
      expect(lines(/^target d365/)).toEqual([]);
      expect(kinds()).not.toContain('target-failing');
    });
  });
}
