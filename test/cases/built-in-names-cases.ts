// Names JavaScript objects already carry (constructor, toString, __proto__, ...) are ordinary names
// to an MES or an operator: a work order or an operation called that is posted with what the
// settings say for it, or refused in words like any other unknown name, and always recorded; an
// edited D365 message can't carry such a key to the ERP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKEN, allDeliveries, allPostings, expectRefused, post, type Harness, type MakeHarness } from '../support/harness.js';
import { realEvent } from '../support/fixtures.js';
import { newKafkaId, proficySample } from '../support/proficy-fixtures.js';
import { sendProficy } from '../support/proficy-expectations.js';

export const builtInNames = ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];

/** An operation completion (and a clock-off) of work order `name`, operation `name`. */
function namedAfter(name: string) {
  const completed = proficySample('operation-completed');
  completed.workOrderName = name;
  completed.operationInfo.name = name;
  completed.kafkaConsumerId = newKafkaId();
  const clockedOff = proficySample('operation-clocked-off');
  clockedOff.workOrderName = name;
  clockedOff.operation = name;
  clockedOff.kafkaConsumerId = newKafkaId();
  return { completed, clockedOff };
}

export function builtInNameCases(make: MakeHarness) {
  describe('built-in names from outside (constructor, toString, __proto__, ...)', () => {
    let h: Harness;
    afterEach(() => h.close());

    describe('not configured', () => {
      beforeEach(async () => (h = await make({ env: { PROFICY_OPERATION_NUMBERS: JSON.stringify({ 'SIT Op1': 10 }) } })));

      it.each(builtInNames)('a Proficy operation named %s without an operation number is refused (422) in words and recorded', async (name) => {
        const { completed, clockedOff } = namedAfter(name);
        await expectRefused(await sendProficy(h, 'operation-completed', completed), 422, `Proficy operation "${name}" has no ERP operation number`, 'PROFICY_OPERATION_NUMBERS');
        await expectRefused(await sendProficy(h, 'operation-clocked-off', clockedOff), 422, `"${name}"`, 'PROFICY_OPERATION_NUMBERS');
        expect(await allPostings(h)).toEqual([]);
        const rows = await allDeliveries(h);
        expect(rows.map((d) => [d.outcome, d.status, d.workorderNumber, d.productionOrder])).toEqual([
          ['rejected', 422, name, name],
          ['rejected', 422, name, name],
        ]);
      });

      it.each(builtInNames)('a Proficy process order named %s is posted under its own name', async (name) => {
        const body = proficySample('process-order-completed');
        body.processOrderName = name;
        expect((await sendProficy(h, 'process-order-completed', body)).status).toBe(200);
        const ps = await allPostings(h);
        expect(ps.map((p) => [p.productionOrder, JSON.parse(p.content).ProductionOrderNumber])).toEqual([
          [name, name],
          [name, name],
        ]);
      });
    });

    it.each(builtInNames.filter((n) => n !== '__proto__'))('a Proficy operation named %s is posted with its configured operation number', async (name) => {
      h = await make({ env: { PROFICY_OPERATION_NUMBERS: JSON.stringify({ [name]: 30 }) } });
      const { completed, clockedOff } = namedAfter(name);
      expect((await sendProficy(h, 'operation-completed', completed)).status).toBe(200);
      expect((await sendProficy(h, 'operation-clocked-off', clockedOff)).status).toBe(200);
      const contents = (await allPostings(h)).map((p) => JSON.parse(p.content));
      expect(contents.map((c) => [c.ProductionOrderNumber, c.RouteCardLines?.[0]?.OperationNumber ?? c.PickingListLines?.[0]?.OperationNumber])).toEqual([
        [name, 30],
        [name, 30],
        [name, 30],
        [name, 30],
      ]);
    });

    it.each(['constructor', '__proto__', 'toString'])('an admin API edit carrying a %s key is refused in words', async (key) => {
      h = await make();
      await sendProficy(h, 'process-order-completed', { ...proficySample('process-order-completed'), processOrderName: 'P1' });
      const [p] = await allPostings(h);
      // JSON text, since JSON.parse makes "__proto__" an own key (an object literal would set the prototype).
      const content = `{"content": {"ProductionOrderNumber": "P1", "${key}": {"ProductionOrderNumber": "P2"}}}`;
      const res = await h.request(`/admin/api/postings/${p!.id}/content`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}`, 'content-type': 'application/json', 'x-actor': 'Jane Doe' },
        body: content,
      });
      await expectRefused(res, 400, `${key} is not a field D365 knows`);
      expect((await allPostings(h))[0]!.content).toBe(p!.content);
    });

    it('Next Plus work orders and serials with built-in names are posted under those names', async () => {
      h = await make();
      for (const name of builtInNames) {
        const res = await post(h, '/nextplus/device', realEvent('device-add', { workorderNumber: name, workorderExternalId: name, sku: name, serial: name }));
        expect(res.status, await res.clone().text()).toBe(200);
      }
      expect((await allPostings(h)).map((p) => p.productionOrder)).toEqual(builtInNames);
    });
  });
}
