// docs/architecture.md's recipes can't drift: a source and a target written from them alone
// (test/recipe/), registered for this test only, reach every place the core shows sources and
// targets — the start banner, /openapi.json, the console, /metrics — and an event flows through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNodeConfig } from '../../src/config/node-config.js';
import { startBanner } from '../../src/node/start-banner.js';
import { sourceDefinitions } from '../../src/sources/registry.js';
import { targetDefinitions } from '../../src/targets/registry.js';
import { ConsoleClient, textOf } from '../support/console-client.js';
import { ADMIN_TEST_TOKEN } from '../support/harness.js';
import { toySource } from '../recipe/toy-source.js';
import { toyReceived, toyTarget } from '../recipe/toy-target.js';
import { nodeHarness, type NodeHarness } from './node-harness.js';

const registry = { sources: [...sourceDefinitions, toySource], targets: [...targetDefinitions, toyTarget] };

describe('the recipes in docs/architecture.md', () => {
  let h: NodeHarness;
  beforeAll(async () => (h = await nodeHarness({ env: { ERP_TARGETS: 'toy-erp' }, registry })));
  afterAll(() => h.close());

  it('a source and a target from the recipes alone take an event end to end', async () => {
    const res = await h.request(`/toy/ping?token=${h.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order: 'P-TOY', quantity: 3 }) });
    expect(res.status).toBe(200);
    expect((await res.json()) as { id: string }).toMatchObject({ id: expect.stringMatching(/^TOY-/) });
    await h.dispatch();
    expect(toyReceived.map((p) => [p.productionOrder, p.messageType])).toEqual([['P-TOY', 'toy.order-started']]);
    const refused = await h.request(`/toy/ping?token=${h.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"order": ""}' });
    expect(((await refused.json()) as { message: string }).message).toBe('Ping not accepted: order must not be empty (got ""); quantity is missing.');
  });

  it('appear in the banner, /openapi.json, the console and /metrics with no other code', async () => {
    const config = { ...parseNodeConfig({}), bridge: h.deps.config };
    expect(startBanner(config, h.deps, 8787, { adminGenerated: false, ingestGenerated: true })).toMatch(/Point the toy at these:\n {2}Ping +http:\/\/localhost:8787\/toy\/ping\?token=/);
    const api = (await (await h.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(api.paths)).toContain('/toy/ping');
    const ui = new ConsoleClient(h);
    await ui.login();
    const overview = textOf((await ui.get('/console')).html);
    expect(overview).toMatch('Toy MES');
    expect(overview).toMatch('/toy/ping?token=');
    expect(overview).toMatch('toy-erp');
    const metrics = await (await h.request('/metrics', { headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}` } })).text();
    expect(metrics).toMatch('bridge_deliveries_received_total{source="toy",integration="ping",outcome="accepted"} 1');
    expect(metrics).toMatch('bridge_postings_delivered_total{target="toy-erp"} 1');
  });
});
