// The fake D365 OData service itself: queries a client would send, tokens shared with FakeD365,
// the order book a test changes, and every failure it can be asked for.
import { describe, expect, it } from 'vitest';
import { FakeD365 } from '../support/fake-d365.js';
import { attachOData, FakeD365OData } from '../support/fake-d365-odata.js';
import { ConnectionDropped } from '../support/fake-system.js';

const base = 'https://contoso.operations.fake/data';
type Rows = { value: Record<string, unknown>[]; '@odata.context': string };

function standalone(options: ConstructorParameters<typeof FakeD365OData>[0] = {}) {
  const odata = new FakeD365OData(options);
  const token = odata.issueToken();
  const get = (path: string, auth = `Bearer ${token}`) => odata.handle(new Request(`${base}/${path}`, { headers: { authorization: auth } }));
  const rows = async (path: string) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return ((await res.json()) as Rows).value;
  };
  return { odata, token, get, rows };
}

const byOrder = (n: string) => `$filter=${encodeURIComponent(`ProductionOrderNumber eq '${n}' and dataAreaId eq 'usmf'`)}`;

describe('fake D365 OData', () => {
  it('serves the fixture order from all three entities, by filter and by key', async () => {
    const { rows, get, odata } = standalone();
    const [header] = await rows(`ProductionOrderHeaders?${byOrder('P000123')}`);
    expect(header).toMatchObject({ ProductionOrderNumber: 'P000123', ItemNumber: 'D0001', ScheduledQuantity: 10, ProductionOrderStatus: 'Released' });
    expect((await rows(`ProductionOrderBillOfMaterialLines?${byOrder('P000123')}`)).map((l) => l.ItemNumber)).toEqual(['M0001', 'M0002', 'M0003']);
    expect((await rows(`ProductionOrderRouteOperations?${byOrder('P000123')}&$orderby=OperationNumber desc`)).map((o) => o.OperationNumber)).toEqual([30, 20, 10]);
    const one = await get(`ProductionOrderHeaders(dataAreaId='usmf',ProductionOrderNumber='P000123')`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ '@odata.context': `${base}/$metadata#ProductionOrderHeaders/$entity`, ItemNumber: 'D0001' });
    expect((await get(`ProductionOrderHeaders(dataAreaId='usmf',ProductionOrderNumber='P999')`)).status).toBe(404);
    expect(await rows(`ProductionOrderHeaders?${byOrder('P999')}`)).toEqual([]);
    expect(odata.requestsFor('ProductionOrderBillOfMaterialLines')).toHaveLength(1);
    expect(odata.violations).toEqual([]);
  });

  it('compares text case-insensitively, filters enums, dates, $select and $top', async () => {
    const { rows, odata } = standalone();
    odata.orders.addOrder('P000124', { header: { ReleasedDate: '2025-03-09T12:00:00Z' } });
    odata.orders.addOrder('P000125', { header: { ProductionOrderStatus: 'StartedUp' } });
    expect(await rows(`ProductionOrderHeaders?$filter=${encodeURIComponent("ProductionOrderNumber eq 'p000124'")}`)).toHaveLength(1);
    const released = "ProductionOrderStatus eq Microsoft.Dynamics.DataEntities.ProdStatus'Released'";
    expect((await rows(`ProductionOrderHeaders?$filter=${encodeURIComponent(released)}`)).map((h) => h.ProductionOrderNumber)).toEqual(['P000123', 'P000124']);
    const since = `ProductionOrderStatus eq 'Released' and ReleasedDate ge 2025-03-08T00:00:00Z`;
    expect((await rows(`ProductionOrderHeaders?$filter=${encodeURIComponent(since)}`)).map((h) => h.ProductionOrderNumber)).toEqual(['P000124']);
    const picked = await rows(`ProductionOrderHeaders?$select=ProductionOrderNumber,ItemNumber&$top=1`);
    expect(picked).toEqual([{ '@odata.etag': expect.any(String), ProductionOrderNumber: 'P000123', ItemNumber: 'D0001' }]);
    expect(odata.violations).toEqual([]);
  });

  it('keeps a modified date-time under an assumed name when asked, for the catch-up poll', async () => {
    let now = Date.parse('2025-03-07T10:00:00Z');
    const { rows, odata } = standalone({ modifiedField: 'ModifiedDateTime', now: () => now });
    now = Date.parse('2025-03-07T11:00:00Z');
    odata.orders.addOrder('P000124');
    now = Date.parse('2025-03-07T12:00:00Z');
    odata.orders.setStatus('P000123', 'StartedUp');
    const changed = (t: string) => rows(`ProductionOrderHeaders?$filter=${encodeURIComponent(`ModifiedDateTime gt ${t}`)}`);
    expect((await changed('2025-03-07T10:30:00Z')).map((h) => [h.ProductionOrderNumber, h.ProductionOrderStatus])).toEqual([['P000123', 'StartedUp'], ['P000124', 'Released']]);
    expect((await changed('2025-03-07T11:30:00Z')).map((h) => h.ProductionOrderNumber)).toEqual(['P000123']);
  });

  it('lets a test change an order: quantity, BOM lines, route, removal', async () => {
    const { rows, odata } = standalone();
    odata.orders.updateOrder('P000123', { ScheduledQuantity: 4 });
    odata.orders.setBomLines('P000123', [{ ItemNumber: 'M0009', BOMLineQuantity: 2 }]);
    odata.orders.setRouteOperations('P000123', [{ OperationNumber: 10, NextOperationNumber: 0 }]);
    expect((await rows(`ProductionOrderHeaders?${byOrder('P000123')}`))[0]?.ScheduledQuantity).toBe(4);
    expect(await rows(`ProductionOrderBillOfMaterialLines?${byOrder('P000123')}`)).toEqual([expect.objectContaining({ LineNumber: 1, ItemNumber: 'M0009', BOMLineQuantity: 2, ProductionOrderNumber: 'P000123' })]);
    expect((await rows(`ProductionOrderRouteOperations?${byOrder('P000123')}`)).map((o) => o.OperationNumber)).toEqual([10]);
    odata.orders.removeOrder('P000123');
    expect(await rows('ProductionOrderHeaders')).toEqual([]);
    expect(() => odata.orders.setStatus('P000123', 'Completed')).toThrow(/no order/);
  });

  it('sees only its own company unless cross-company=true', async () => {
    const { rows, odata } = standalone();
    odata.orders.addOrder('P000200', { header: { dataAreaId: 'demf' } });
    const demf = `$filter=${encodeURIComponent("dataAreaId eq 'demf'")}`;
    expect(await rows(`ProductionOrderHeaders?${demf}`)).toEqual([]);
    expect((await rows(`ProductionOrderHeaders?${demf}&cross-company=true`)).map((h) => h.ProductionOrderNumber)).toEqual(['P000200']);
  });

  it('refuses bad queries with 400 and records them as violations', async () => {
    const { get, odata } = standalone();
    for (const q of ["$filter=Nope eq 'x'", "$filter=ScheduledQuantity eq '10'", "$filter=ReleasedDate ge '2025-03-07'", '$filter=ProductionOrderNumber eq', '$expand=ProdutionOrderBOMLines', "$select=Nope"]) {
      expect((await get(`ProductionOrderHeaders?${q.replaceAll(' ', '%20')}`)).status, q).toBe(400);
    }
    expect((await get('SalesOrderHeaders')).status).toBe(404);
    expect((await odata.handle(new Request(`${base}/ProductionOrderHeaders`, { method: 'POST', body: '{}' }))).status).toBe(405);
    expect(odata.violations).toHaveLength(8);
  });

  it('answers 401 without a live token', async () => {
    const { get, odata } = standalone();
    expect((await get('ProductionOrderHeaders', 'Bearer nope')).status).toBe(401);
    expect((await get('ProductionOrderHeaders', '')).status).toBe(401);
    odata.revokeTokens();
    expect((await get('ProductionOrderHeaders')).status).toBe(401);
  });

  it('fails on demand: outage, next failures, dropped connections, slow answers', async () => {
    const { get, odata } = standalone();
    odata.outage = { status: 503 };
    expect((await get('ProductionOrderHeaders')).status).toBe(503);
    odata.outage = { drop: true };
    await expect(get('ProductionOrderHeaders')).rejects.toBeInstanceOf(ConnectionDropped);
    odata.outage = undefined;
    odata.nextFailures.push({ on: 'GET /data/ProductionOrderRouteOperations', status: 500 });
    expect((await get('ProductionOrderHeaders')).status).toBe(200);
    expect((await get('ProductionOrderRouteOperations')).status).toBe(500);
    expect((await get('ProductionOrderRouteOperations')).status).toBe(200);
    odata.latencyMs = 50;
    const started = Date.now();
    await get('ProductionOrderHeaders');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(odata.requests.map((r) => r.status)).toEqual([503, undefined, 200, 500, 200, 200]);
  });

  it('attached to FakeD365: shares its token endpoint, and revoked tokens are refused', async () => {
    const d365 = new FakeD365();
    const odata = attachOData(d365);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: FakeD365.clientId, client_secret: FakeD365.clientSecret, scope: `${d365.url}/.default` });
    const tokenRes = await d365.fetch(`${d365.url}/${FakeD365.tenant}/oauth2/v2.0/token`, { method: 'POST', body: form });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const get = () => d365.fetch(`${d365.url}/data/ProductionOrderHeaders?${byOrder('P000123')}`, { headers: { authorization: `Bearer ${access_token}` } });
    expect((await get()).status).toBe(200);
    d365.revokeTokens();
    expect((await get()).status).toBe(401);
    expect(odata.requests).toHaveLength(2);
    expect(d365.violations).toEqual([]);
  });
});
