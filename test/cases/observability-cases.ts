// What a plant's monitoring sees: /readyz for load balancers, /metrics for Prometheus (the same
// values on every runtime, read from the ledger), / leading to the console.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, post, type Harness, type MakeHarness } from '../support/harness.js';
import { sourceDefinitions } from '../../src/sources/registry.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** Prometheus text -> "name{labels}" -> value (labels as printed). */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/);
    if (m) samples.set(m[1]!, Number(m[2]));
  }
  return samples;
}

export function observabilityCases(make: MakeHarness) {
  describe('readiness and metrics', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { METRICS_TOKEN } })));
    afterEach(() => h.close());

    const metrics = async (token = METRICS_TOKEN) => {
      const res = await h.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parse(await res.text());
    };

    it('/readyz says the ledger answers and the dispatcher is alive, with the oldest waiting age', async () => {
      const res = await h.request('/readyz');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ready', database: 'ok', dispatcher: { alive: true }, oldestWaitingSeconds: null });
    });

    it('logs one line per delivery with its source, integration, outcome, production order and duration', async () => {
      const logged = await make({ env: { LOG_REQUESTS: 'true' } });
      try {
        await post(logged, '/nextplus/device', realEvent('device-add'));
        await post(logged, '/nextplus/device', realEvent('device-add', { sku: 42 }));
        const lines = logged.logs.filter((l) => l.message === 'request').map((l) => l.fields as Record<string, unknown>);
        expect(lines[0]).toMatchObject({ method: 'POST', path: '/nextplus/device', status: 200, source: 'nextplus', integration: 'device', outcome: 'accepted', productionOrder: 'ERP-WO-123' });
        expect(lines[1]).toMatchObject({ status: 400, source: 'nextplus', integration: 'device', outcome: 'rejected' });
        expect(typeof lines[0]!.ms).toBe('number');
        expect(JSON.stringify(lines)).not.toContain(logged.token); // never the token
      } finally {
        await logged.close();
      }
    });

    it('/openapi.json and /docs describe the API on this runtime too', async () => {
      const doc = (await (await h.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown>; webhooks: Record<string, unknown> };
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/nextplus/device', '/proficy/operation-completed', '/admin/api/postings/{id}/retry', '/metrics']));
      expect(Object.keys(doc.webhooks)).toEqual(['production-event']);
      expect(await (await h.request('/docs')).text()).toMatch('Post a delivery that was suppressed as a duplicate');
    });

    it('/ leads to the console', async () => {
      const res = await h.request('/');
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/console');
    });

    it('/metrics needs METRICS_TOKEN or the admin token as a Bearer header, never the ingest token', async () => {
      expect((await h.request('/metrics')).status).toBe(401);
      expect((await h.request('/metrics', { headers: { authorization: `Bearer ${h.token}` } })).status).toBe(401);
      expect((await h.request(`/metrics?token=${METRICS_TOKEN}`)).status).toBe(401);
      await metrics(METRICS_TOKEN);
      await metrics(ADMIN_TEST_TOKEN);
    });

    it('counts deliveries by source, integration and outcome, and postings by target', async () => {
      const body = realEvent('device-add');
      await post(h, '/nextplus/device', body);
      await post(h, '/nextplus/device', body); // a duplicate
      await post(h, '/nextplus/device', realEvent('device-add', { sku: 42 })); // rejected
      await post(h, '/nextplus/operation', realEvent('operation-add'));
      h.clock.advance(90_000);
      const m = await metrics();
      expect(m.get('bridge_deliveries_received_total{source="nextplus",integration="device",outcome="accepted"}')).toBe(1);
      expect(m.get('bridge_deliveries_received_total{source="nextplus",integration="device",outcome="duplicate"}')).toBe(1);
      expect(m.get('bridge_deliveries_received_total{source="nextplus",integration="device",outcome="rejected"}')).toBe(1);
      expect(m.get('bridge_deliveries_received_total{source="nextplus",integration="operation",outcome="accepted"}')).toBe(1);
      expect(m.get('bridge_postings_delivered_total{target="journal"}')).toBe(2);
      expect(m.get('bridge_postings{target="journal",state="failed"}')).toBe(0);
      expect(m.get('bridge_held_production_orders{target="journal"}')).toBe(0);
      expect(m.get('bridge_oldest_waiting_posting_age_seconds{target="journal"}')).toBe(0);
      expect(m.get('bridge_last_delivery_age_seconds{source="nextplus",integration="device"}')).toBe(90);
      expect(m.get(`bridge_info{version="0.2.0",sources="${sourceDefinitions.filter((d) => !d.switchedOn).map((d) => d.name).join(',')}",targets="journal"}`)).toBe(1);
      expect([...m.keys()].some((k) => k.startsWith('bridge_last_delivery_age_seconds{source="proficy"'))).toBe(false);
    });

    it('counts the postings of a duplicate posted anyway by an operator', async () => {
      const body = realEvent('device-add');
      await post(h, '/nextplus/device', body);
      await post(h, '/nextplus/device', body);
      const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}` };
      const dup = ((await (await h.request('/admin/api/events?outcome=duplicate', { headers: admin })).json()) as { items: { id: string }[] }).items[0]!;
      expect((await h.request(`/admin/api/events/${dup.id}/post-anyway`, { method: 'POST', headers: admin })).status).toBe(200);
      expect((await metrics()).get('bridge_postings_delivered_total{target="journal"}')).toBe(2);
    });
  });
}
