// The fake VIF-style MO API itself: upsert on moNb, every rule it enforces answered 400 with no
// body (and recorded), GET with the state and quantityDone the test moves along, disabling.
import { describe, expect, it } from 'vitest';
import { FakeVif, type FakeVifOptions } from '../support/fake-vif.js';
import { ConnectionDropped } from '../support/fake-system.js';

const mos = 'https://vif.mes.fake/mes/companies/C01/establishments/E01/mos';
const mo = { companyCode: 'C01', establishmentCode: 'E01', moNb: 'P000123', lineCode: 'LINE1', itemCode: 'D0001', quantity: 10, unitCode: 'PCS', plannedBeginDateTime: '2025-03-10T08:00:00Z', plannedEndDateTime: '2025-03-10T11:30:00Z' };

function setUp(options: FakeVifOptions = {}, auth: Record<string, string> = { authorization: `Bearer ${FakeVif.apiKey}` }) {
  const vif = new FakeVif(options);
  const call = (method: string, url: string, body?: unknown) =>
    vif.handle(new Request(url, { method, headers: { 'content-type': 'application/json', ...auth }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
  const post = (body: unknown) => call('POST', mos, body);
  return { vif, call, post, get: (code: string) => call('GET', `${mos}/${code}`), del: (code: string) => call('DELETE', `${mos}/${code}`) };
}

async function refusedFor(answer: Response) {
  expect(answer.status).toBe(400);
  expect(await answer.text()).toBe('');
}

describe('fake VIF MO API', () => {
  it('creates an MO (201), updates it on the same moNb, and GETs it with its state', async () => {
    const { vif, post, get } = setUp();
    const created = await post(mo);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ ...mo, state: 'AWAITING', quantityDone: 0 });
    expect((await post({ ...mo, quantity: 12 })).status).toBe(201);
    expect(vif.mos).toHaveLength(1);
    expect([vif.creates, vif.updates]).toEqual([1, 1]);
    expect(await (await get('P000123')).json()).toMatchObject({ moNb: 'P000123', quantity: 12, state: 'AWAITING', quantityDone: 0 });
    const missing = await get('P999');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('');
    expect((await post({ ...mo, moNb: undefined })).status).toBe(201);
    expect(vif.mos).toHaveLength(2);
    expect(vif.violations).toEqual([]);
  });

  it('moves an MO along: started, quantity done, finished; a started MO is neither updated (R1) nor deleted (R18)', async () => {
    const { vif, post, get, del } = setUp({ now: () => Date.parse('2025-03-10T08:05:00Z') });
    await post(mo);
    vif.start('P000123');
    vif.produce('P000123', 4);
    expect(await (await get('P000123')).json()).toMatchObject({ state: 'IN_PROGRESS', quantityDone: 4, realBeginDate: '2025-03-10T08:05:00Z' });
    await refusedFor(await post({ ...mo, quantity: 20 }));
    await refusedFor(await del('P000123'));
    vif.produce('P000123', 6);
    vif.finish('P000123');
    expect(await (await get('P000123')).json()).toMatchObject({ state: 'FINISHED', quantityDone: 10, quantityFinal: 10, quantity: 10 });
    expect(vif.refusals.map((r) => r.rule)).toEqual(['R1:started', 'R18']);
    expect(vif.violations).toEqual([]);
    expect(() => vif.produce('P000123', 1)).toThrow(/FINISHED/);
  });

  it('disables an awaiting MO (204): gone to GET, and a new POST with its moNb makes a new MO', async () => {
    const { vif, post, get, del } = setUp();
    await post(mo);
    const deleted = await del('P000123');
    expect(deleted.status).toBe(204);
    expect((await get('P000123')).status).toBe(404);
    await refusedFor(await del('P000123'));
    expect((await post(mo)).status).toBe(201);
    expect(vif.mos.map((m) => m.disabled ?? false)).toEqual([true, false]);
  });

  it('answers every broken rule 400 with no body and records which', async () => {
    const { vif, post } = setUp({
      lines: { LINE1: { cadencyUnit: 'PCS' }, LINE2: { cadencyUnit: 'KG', configurations: { CFG1: ['D0001'] } } },
      items: ['D0001', 'D0002'],
      units: ['PCS', 'KG', 'BOX'],
      conversions: [['BOX', 'PCS']],
      criteria: { COLOR: { type: 'string', values: ['red'] }, DUE: { type: 'date' }, LOT: { type: 'integer' } },
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...mo, lineCode: undefined }, 'schema'],
      [{ ...mo, quantity: '10' }, 'schema'],
      [{ ...mo, plannedBeginDateTime: '10/03/2025' }, 'schema'],
      [{ ...mo, moNb: 'P-000123' }, 'R1'],
      [{ ...mo, moNb: 'P0001234567890' }, 'R1'],
      [{ ...mo, lineCode: 'LINE9' }, 'R2'],
      [{ ...mo, lineCode: 'LINE2', unitCode: 'KG', lineConfigurationCode: 'CFG9' }, 'R3'],
      [{ ...mo, lineCode: 'LINE2', unitCode: 'KG', itemCode: 'D0002' }, 'R3'],
      [{ ...mo, itemCode: 'X1' }, 'R4'],
      [{ ...mo, quantity: 0 }, 'R6'],
      [{ ...mo, unitCode: 'LTR' }, 'R7'],
      [{ ...mo, unitCode: 'KG' }, 'R7'],
      [{ ...mo, plannedBeginDateTime: undefined, plannedEndDateTime: undefined }, 'R8'],
      [{ ...mo, plannedEndDateTime: mo.plannedBeginDateTime }, 'R8'],
      [{ ...mo, moHeaderCriterionValues: [{ criterionCode: 'COLOR', dataEntryMode: 'XYZ' }] }, 'R10'],
      [{ ...mo, moHeaderCriterionValues: [{ criterionCode: 'COLOR', dataEntryMode: 'UNI' }] }, 'R11'],
      [{ ...mo, seqNumberInDay: 0 }, 'R13'],
      [{ ...mo, seqNumberInDay: 1.5 }, 'R13'],
      [{ ...mo, state: 'CANCELLED' }, 'R15'],
      [{ ...mo, childMos: ['a'] }, 'R16'],
      [{ ...mo, quantityDone: -1 }, 'R17'],
      [{ ...mo, moHeaderCriterionValues: [{ criterionCode: 'COLOR', minValue: 'blue' }] }, 'R19'],
      [{ ...mo, moHeaderCriterionValues: [{ criterionCode: 'DUE', minValue: '10.03.2025' }] }, 'R20'],
      [{ ...mo, moHeaderCriterionValues: [{ criterionCode: 'LOT', minValue: '1.5' }] }, 'R23'],
      [{ ...mo, companyCode: 'C02' }, 'context'],
    ];
    for (const [body, rule] of cases) {
      await refusedFor(await post(body));
      expect(vif.refusals.at(-1)?.rule, JSON.stringify(body)).toBe(rule);
    }
    expect(vif.mos).toEqual([]);
    expect(vif.violations.map((v) => v.split(':')[0])).toEqual(['schema', 'schema', 'schema', 'R1', 'R1', 'R6', 'R8', 'R8', 'R13', 'R13', 'R15']);
    const ok = [{ ...mo, unitCode: 'BOX' }, { ...mo, moNb: 'P2', lineCode: 'LINE2', unitCode: 'KG', lineConfigurationCode: 'CFG1', batchCode: 'B1' }, { ...mo, moNb: 'P3', plannedEndDateTime: undefined, moHeaderCriterionValues: [{ criterionCode: 'UNKNOWN' }, { criterionCode: 'COLOR', dataEntryMode: 'LIS' }, { criterionCode: 'DUE', minValue: '2025-03-10' }] }];
    for (const body of ok) expect((await post(body)).status, JSON.stringify(body)).toBe(201);
    expect([...vif.batches]).toEqual(['B1']);
  });

  it('refuses an update of a split MO (R1), another establishment, and a wrong key (401, no body)', async () => {
    const { vif, post, call } = setUp();
    await post(mo);
    vif.split('P000123', [1, 2]);
    await refusedFor(await post(mo));
    await refusedFor(await call('POST', mos.replace('E01', 'E02'), { ...mo, establishmentCode: 'E02' }));
    expect(vif.refusals.map((r) => r.rule)).toEqual(['R1:split', 'context']);
    const wrongKey = setUp({}, { authorization: 'Bearer nope' });
    const res = await wrongKey.post(mo);
    expect([res.status, await res.text()]).toEqual([401, '']);
    const rawKey = setUp({ authHeader: 'x-api-key', apiKey: 'k1' }, { 'x-api-key': 'k1' });
    expect((await rawKey.post(mo)).status).toBe(201);
    expect(rawKey.vif.env()).toMatchObject({ VIF_AUTH_HEADER: 'x-api-key', VIF_API_KEY: 'k1', VIF_COMPANY: 'C01' });
    expect((await setUp({ authHeader: 'x-api-key', apiKey: 'k1' }).post(mo)).status).toBe(401);
  });

  it('fails on demand: bodiless 500s, dropped connections, slow answers; records every request', async () => {
    const { vif, post, get } = setUp();
    vif.nextFailures.push({ on: 'POST', status: 500 });
    const failed = await post(mo);
    expect([failed.status, await failed.text()]).toEqual([500, '']);
    expect(vif.mos).toEqual([]);
    vif.outage = { drop: true, on: 'GET' };
    expect((await post(mo)).status).toBe(201);
    await expect(get('P000123')).rejects.toBeInstanceOf(ConnectionDropped);
    vif.outage = undefined;
    vif.latencyMs = 40;
    const started = Date.now();
    expect((await get('P000123')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(vif.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 500', 'POST 201', 'GET undefined', 'GET 200']);
  });
});
