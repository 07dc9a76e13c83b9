// The order-sync fakes served over real HTTP on localhost (the Node suite's way): real fetch,
// bodiless answers, and a dropped connection that fails the client's fetch.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeD365 } from '../support/fake-d365.js';
import { FakeNextPlusApi } from '../support/fake-nextplus-api.js';
import { serveFakeD365WithOData, serveFakeNextPlus, serveFakeVif } from '../node/fake-order-sync-servers.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('order-sync fakes over localhost', () => {
  it('Next Plus: login, create, and a crash after creating fails the fetch', async () => {
    const { fake, stop } = await serveFakeNextPlus();
    stops.push(stop);
    const login = await fetch(`${fake.url}/api/Users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: FakeNextPlusApi.username, password: FakeNextPlusApi.password }) });
    const { id } = (await login.json()) as { id: string };
    fake.crashAfterCreate = 1;
    const wo = { workorderNumber: 'P000123', sku: 'D0001', quantity: 10, source: 'd365' };
    await expect(fetch(`${fake.url}/api/Workorders`, { method: 'POST', headers: { authorization: id, 'content-type': 'application/json' }, body: JSON.stringify(wo) })).rejects.toThrow(TypeError);
    expect(fake.workordersNumbered('P000123')).toHaveLength(1);
    expect(fake.env()).toMatchObject({ NEXTPLUS_URL: fake.url });
  });

  it('VIF: 201 with the MO, 204 and bodiless 400 over HTTP', async () => {
    const { fake, stop } = await serveFakeVif();
    stops.push(stop);
    const url = `${fake.url}/mes/companies/C01/establishments/E01/mos`;
    const headers = { authorization: 'Bearer vif-test-key', 'content-type': 'application/json' };
    const mo = { companyCode: 'C01', establishmentCode: 'E01', moNb: 'P000123', lineCode: 'LINE1', itemCode: 'D0001', quantity: 10, unitCode: 'PCS', plannedBeginDateTime: '2025-03-10T08:00:00Z' };
    expect((await fetch(url, { method: 'POST', headers, body: JSON.stringify(mo) })).status).toBe(201);
    const refused = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ ...mo, quantity: 0 }) });
    expect([refused.status, await refused.text()]).toEqual([400, '']);
    expect((await fetch(`${url}/P000123`, { method: 'DELETE', headers })).status).toBe(204);
    fake.violations.length = 0;
  });

  it('D365: a token from its token endpoint reads OData; an outage drops the connection', async () => {
    const { fake, odata, stop } = await serveFakeD365WithOData();
    stops.push(stop);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: FakeD365.clientId, client_secret: FakeD365.clientSecret, scope: `${fake.url}/.default` });
    const { access_token } = (await (await fetch(`${fake.url}/${FakeD365.tenant}/oauth2/v2.0/token`, { method: 'POST', body: form })).json()) as { access_token: string };
    const get = () => fetch(`${fake.url}/data/ProductionOrderHeaders?$filter=${encodeURIComponent("ProductionOrderNumber eq 'P000123'")}`, { headers: { authorization: `Bearer ${access_token}` } });
    const res = await get();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ '@odata.context': `${fake.url}/data/$metadata#ProductionOrderHeaders`, value: [{ ItemNumber: 'D0001' }] });
    odata.outage = { drop: true };
    await expect(get()).rejects.toThrow(TypeError);
    expect(odata.violations).toEqual([]);
  });
});
