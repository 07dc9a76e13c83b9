// The fake Next Plus REST API itself: login and token expiry, look-up and create, the required
// fields, and the failures a bridge must survive (including a crash after creating).
import { describe, expect, it } from 'vitest';
import { FakeNextPlusApi, type FakeNextPlusOptions } from '../support/fake-nextplus-api.js';
import { ConnectionDropped } from '../support/fake-system.js';

const base = 'https://acme.nextplus.fake/api';
const order = { workorderNumber: 'P000123', sku: 'D0001', quantity: 10, source: 'd365', name: 'Speaker', partDesc: 'Speaker', kitItems: [{ sku: 'M0001', quantity: 10 }], C_site: '1' };

async function setUp(options: FakeNextPlusOptions = {}) {
  const np = new FakeNextPlusApi(options);
  const login = (body: unknown = { username: FakeNextPlusApi.username, password: FakeNextPlusApi.password }) =>
    np.handle(new Request(`${base}/Users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  const { id: token } = (await (await login()).json()) as { id: string };
  const call = (method: string, path: string, body?: unknown, auth: string | null = token) =>
    np.handle(new Request(`${base}/${path}`, { method, headers: { 'content-type': 'application/json', ...(auth === null ? {} : { authorization: auth }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
  const find = (where: unknown) => call('GET', `Workorders?filter=${encodeURIComponent(JSON.stringify({ where }))}`);
  return { np, token, login, call, find };
}

describe('fake Next Plus API', () => {
  it('logs in LoopBack style, with the token as is in Authorization', async () => {
    const { np, login, call, token } = await setUp();
    const res = await login();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: expect.stringMatching(/^[0-9a-f]{64}$/), ttl: 1209600, created: expect.any(String), userId: 1 });
    expect(np.logins).toBe(2);
    const bad = await login({ username: 'bridge', password: 'wrong' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { statusCode: 401, code: 'LOGIN_FAILED' } });
    expect((await login({ password: 'x' })).status).toBe(400);
    expect((await call('GET', 'Workorders', undefined, null)).status).toBe(401);
    expect((await call('GET', `Workorders?access_token=${token}`, undefined, null)).status).toBe(200);
    expect(np.violations).toEqual([]);
    expect((await call('GET', 'Workorders', undefined, `Bearer ${token}`)).status).toBe(401);
    expect(np.violations).toEqual(['GET /api/Workorders: Authorization: Bearer <token> (LoopBack takes the token as is)']);
  });

  it('expires tokens by ttl and on demand: 401 AUTHORIZATION_REQUIRED until the client logs in again', async () => {
    let now = 1_000_000;
    const { np, call, login } = await setUp({ ttl: 60, now: () => now });
    expect((await call('GET', 'Workorders')).status).toBe(200);
    now += 60_000;
    const expired = await call('GET', 'Workorders');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: 'AUTHORIZATION_REQUIRED' } });
    const { id } = (await (await login()).json()) as { id: string };
    expect((await call('GET', 'Workorders', undefined, id)).status).toBe(200);
    np.expireTokens();
    expect((await call('GET', 'Workorders', undefined, id)).status).toBe(401);
  });

  it('creates a work order with an id, finds it by number, by findOne and by id', async () => {
    const { np, call, find } = await setUp({ workorderSource: 'd365' });
    expect(await (await find({ workorderNumber: 'P000123' })).json()).toEqual([]);
    const created = await call('POST', 'Workorders/', order);
    expect(created.status).toBe(200);
    const wo = (await created.json()) as { id: string };
    expect(wo).toEqual({ ...order, id: expect.any(String) });
    expect(await (await find({ workorderNumber: 'P000123' })).json()).toEqual([wo]);
    expect(await (await find({ and: [{ workorderNumber: { inq: ['P000123', 'X'] } }, { source: 'd365' }] })).json()).toEqual([wo]);
    expect(await (await call('GET', `Workorders?filter[where][workorderNumber]=P000123&filter[fields][id]=true`)).json()).toEqual([{ id: wo.id }]);
    expect(await (await call('GET', `Workorders/findOne?filter=${encodeURIComponent('{"where":{"workorderNumber":"P000123"}}')}`)).json()).toEqual(wo);
    expect((await call('GET', `Workorders/findOne?filter=${encodeURIComponent('{"where":{"workorderNumber":"nope"}}')}`)).status).toBe(404);
    expect(await (await call('GET', `Workorders/${wo.id}`)).json()).toEqual(wo);
    expect(np.workordersNumbered('P000123')).toEqual([wo]);
    expect(np.creates).toBe(1);
    expect(np.violations).toEqual([]);
  });

  it('refuses a work order without its required fields, or with fields the model lacks (422)', async () => {
    const { np, call } = await setUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...order, sku: undefined }, 'sku'],
      [{ ...order, quantity: 0 }, 'quantity'],
      [{ ...order, quantity: '10' }, 'quantity'],
      [{ ...order, workorderNumber: '' }, 'workorderNumber'],
      [{ ...order, source: undefined }, 'source'],
      [{ ...order, name: 5 }, 'name'],
      [{ ...order, kitItems: [{ sku: 'M0001' }] }, 'kitItems[0].quantity'],
      [{ ...order, kitItems: [{ sku: 'M0001', quantity: 1, lot: 'x' }] }, 'kitItems[0].lot'],
      [{ ...order, colour: 'red' }, 'colour'],
      [{ ...order, C_site: { a: 1 } }, 'C_site'],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', 'Workorders', body);
      expect(res.status, field).toBe(422);
      expect(await res.json(), field).toMatchObject({ error: { name: 'ValidationError', details: { codes: { [field]: [expect.any(String)] } } } });
    }
    expect(np.workorders).toEqual([]);
  });

  it('creates a second work order with the same number (a violation), or refuses it with uniqueNumbers', async () => {
    const loose = await setUp();
    loose.np.addWorkorder({ workorderNumber: 'P000123', sku: 'D0001', quantity: 10, source: 'manual' });
    expect((await loose.call('POST', 'Workorders', order)).status).toBe(200);
    expect(loose.np.workordersNumbered('P000123')).toHaveLength(2);
    expect(loose.np.violations).toEqual(['work order P000123 created twice']);
    const strict = await setUp({ uniqueNumbers: true, workorderSource: 'other' });
    expect((await strict.call('POST', 'Workorders', order)).status).toBe(200);
    expect(strict.np.violations).toEqual(['work order P000123: source d365, not the Work Order Source other']);
    const again = await strict.call('POST', 'Workorders', order);
    expect(again.status).toBe(422);
    expect(await again.json()).toMatchObject({ error: { details: { codes: { workorderNumber: ['uniqueness'] } } } });
  });

  it('crashes after creating, before answering: the work order exists, the client got no answer', async () => {
    const { np, call, find } = await setUp();
    np.crashAfterCreate = 1;
    await expect(call('POST', 'Workorders', order)).rejects.toBeInstanceOf(ConnectionDropped);
    expect(np.creates).toBe(1);
    expect(await (await find({ workorderNumber: 'P000123' })).json()).toHaveLength(1);
    expect(np.requestsTo('POST', '/api/Workorders')[0]?.status).toBeUndefined();
  });

  it('fails on demand: 500 on create only, an outage, slow answers; bad filters are 400', async () => {
    const { np, call, find } = await setUp();
    np.nextFailures.push({ on: 'POST /api/Workorders', status: 500 });
    expect((await find({ workorderNumber: 'P000123' })).status).toBe(200);
    const failed = await call('POST', 'Workorders', order);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { statusCode: 500 } });
    expect(np.workorders).toEqual([]);
    np.outage = { status: 503, delayMs: 30 };
    const started = Date.now();
    expect((await find({})).status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    np.outage = undefined;
    expect((await call('GET', 'Workorders?filter=nope')).status).toBe(400);
    expect((await find({ quantity: { gt: 1 } })).status).toBe(400);
    expect((await call('DELETE', 'Workorders/1')).status).toBe(404);
    expect(np.violations).toHaveLength(3);
  });
});
