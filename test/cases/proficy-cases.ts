// GE Proficy end to end: every documented sample is accepted with {"id"}, and each becomes the
// canonical events the default translation says and the D365 messages those make (the journal
// records them), validated against D365's field tables.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleClient, textOf } from '../support/console-client.js';
import { ADMIN_TEST_TOKEN, allDeliveries, allPostings, expectRefused, type Harness, type MakeHarness } from '../support/harness.js';
import { newKafkaId, proficySample, proficySamples, type ProficyEvent } from '../support/proficy-fixtures.js';
import { d365Messages, DAY, ID, OPERATION_NUMBERS, recordedOnly, sendProficy } from '../support/proficy-expectations.js';
import { expectValidD365, expectValidPostings } from '../support/spec-check.js';

export function proficyCases(make: MakeHarness) {
  describe('GE Proficy source: every sample, and what it posts (journal target: the D365 messages)', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS } })));
    afterEach(() => h.close());

    const contents = async () => (await allPostings(h)).map((p) => ({ messageType: p.messageType, content: JSON.parse(p.content) }));

    it.each(Object.keys(proficySamples) as ProficyEvent[])('accepts the documented %s sample with {"id": "PRF-…"}', async (name) => {
      const res = await sendProficy(h, name, proficySamples[name]);
      expect(res.status).toBe(200);
      const answer = (await res.json()) as Record<string, string>;
      expect(Object.keys(answer)).toEqual(['id']);
      expect(answer.id).toMatch(ID);
      const [d] = await allDeliveries(h);
      expect(d).toMatchObject({ source: 'proficy', integration: name, outcome: 'accepted', status: 200, externalId: answer.id });
      expect(JSON.parse(d!.rawBody!)).toEqual(proficySamples[name]);
      const expected = (d365Messages() as Partial<Record<ProficyEvent, unknown[]>>)[name] ?? [];
      expect(await contents()).toEqual(expected);
      expectValidPostings(await allPostings(h));
    });

    it.each(recordedOnly)('records %s and posts nothing', async (name) => {
      expect((await sendProficy(h, name, proficySamples[name])).status).toBe(200);
      expect(await allPostings(h)).toEqual([]);
      const [d] = await allDeliveries(h);
      expect(d!.outcome).toBe('accepted');
      if (name === 'operation-cancelled') expect(d!.message).toMatch('nothing to reverse');
    });

    it('files each event under its production order, work order and lot', async () => {
      for (const name of ['operation-completed', 'operation-clocked-off', 'process-order-completed'] as const) await sendProficy(h, name, proficySamples[name]);
      const rows = await allDeliveries(h);
      const row = (integration: string) => rows.find((d) => d.integration === integration)!;
      expect(row('operation-completed')).toMatchObject({ productionOrder: 'WO-Bike', workorderNumber: 'WO-Bike', serial: 'Lot1', sku: 'PR1' });
      expect(row('operation-clocked-off')).toMatchObject({ productionOrder: 'WOID6-ROUTE-JSON-SNOWBIKES', workorderNumber: 'WOID6-ROUTE-JSON-SNOWBIKES' });
      expect(row('process-order-completed')).toMatchObject({ productionOrder: 'POIDXML-100-2020-C', sku: 'PulpyJuice' });
      expect((await allPostings(h)).map((p) => p.productionOrder)).toEqual([
        'WO-Bike',
        'WO-Bike',
        'WO-Bike',
        'WOID6-ROUTE-JSON-SNOWBIKES',
        'POIDXML-100-2020-C',
        'POIDXML-100-2020-C',
      ]);
    });

    it('process-order-completed reports actualBadQuantity as scrap, and a single produced lot as the batch', async () => {
      const body = proficySample('process-order-completed');
      body.processOrderRouteInfo.actualGoodQuantity = 206;
      body.processOrderRouteInfo.actualBadQuantity = 14;
      body.materialLots = body.materialLots.slice(0, 1);
      await sendProficy(h, 'process-order-completed', body);
      const [finished, ended] = await contents();
      expect(finished).toEqual({
        messageType: 'ProdProductionOrderReportFinished',
        content: {
          ProductionOrderNumber: 'POIDXML-100-2020-C',
          // Booked on the day it happened (the sample's actualEndTime), not the day it arrived.
          ReportFinishedLines: [{ ItemNumber: 'PulpyJuice', ReportedGoodQuantity: 206, ReportedErrorQuantity: 14, ErrorCause: 'Material', ItemBatchNumber: 'Production_event1', ReportAsFinishedDate: '2020-12-09', ExecutedDateTime: '2020-12-09T09:30:17.017Z', AutomaticBOMConsumptionRule: 'FlushingPrincip', AutomaticRouteConsumptionRule: 'RouteDependent' }],
        },
      });
      expect(ended).toEqual({ messageType: 'ProdProductionOrderEnd', content: { ProductionOrderNumber: 'POIDXML-100-2020-C', EndedDate: '2020-12-09', ExecutedDateTime: '2020-12-09T09:30:17.017Z' } });
      expectValidD365(finished!.messageType, finished!.content);
    });

    it('a last operation (PROFICY_TRANSLATION.lastOperations) also reports the quantity finished', async () => {
      const last = await make({ env: { PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS, PROFICY_TRANSLATION: JSON.stringify({ lastOperations: ['SIT Op1'] }) } });
      try {
        await sendProficy(last, 'operation-completed', proficySamples['operation-completed']);
        const ps = await allPostings(last);
        expect(ps.map((p) => p.messageType)).toEqual([
          'ProdProductionOrderRouteCard',
          'ProdProductionOrderPickingList',
          'ProdProductionOrderPickingList',
          'ProdProductionOrderReportFinished',
        ]);
        const finished = JSON.parse(ps[3]!.content);
        expect(finished).toEqual({ ProductionOrderNumber: 'WO-Bike', ReportFinishedLines: [{ ItemNumber: 'PR1', ReportedGoodQuantity: 200, ItemBatchNumber: 'Lot1', ReportAsFinishedDate: '2021-02-03', ExecutedDateTime: '2021-02-03T12:31:52Z', AutomaticBOMConsumptionRule: 'FlushingPrincip', AutomaticRouteConsumptionRule: 'RouteDependent' }] });
        for (const p of ps) expectValidD365(p.messageType, JSON.parse(p.content));
        // Another operation of the same order is not the last one.
        const other = proficySample('operation-completed');
        other.operationInfo.name = 'FrameAssembly';
        other.kafkaConsumerId = newKafkaId();
        await sendProficy(last, 'operation-completed', other);
        expect((await allPostings(last)).slice(4).map((p) => p.messageType)).not.toContain('ProdProductionOrderReportFinished');
      } finally {
        await last.close();
      }
    });

    it('books an operation\'s hours once: from the clock-off by default, from the completion with PROFICY_HOURS_FROM=completion', async () => {
      const hoursOf = async (x: Harness) => (await allPostings(x)).flatMap((p) => (JSON.parse(p.content).RouteCardLines ?? []) as { Hours?: number }[]).map((l) => l.Hours);
      await sendProficy(h, 'operation-completed', proficySamples['operation-completed']);
      await sendProficy(h, 'operation-clocked-off', proficySamples['operation-clocked-off']);
      expect(await hoursOf(h)).toEqual([undefined, 0.9764]); // the completion reports quantities only
      const fromCompletion = await make({ env: { PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS, PROFICY_HOURS_FROM: 'completion' } });
      try {
        await sendProficy(fromCompletion, 'operation-completed', proficySamples['operation-completed']);
        await sendProficy(fromCompletion, 'operation-clocked-off', proficySamples['operation-clocked-off']);
        expect(await hoursOf(fromCompletion)).toEqual([0.04]); // the clock-off posts nothing
      } finally {
        await fromCompletion.close();
      }
    });

    it('sends MES users as D365 personnel numbers (D365_WORKER_MAP), never as they are: an unmapped one is left out and told once', async () => {
      const mapped = await make({ env: { PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS, D365_WORKER_MAP: JSON.stringify({ mesadmin: '000123' }) } });
      try {
        await sendProficy(mapped, 'operation-completed', proficySamples['operation-completed']); // completedBy mesadmin
        await sendProficy(mapped, 'operation-clocked-off', proficySamples['operation-clocked-off']); // operatorName jsmith
        const again = proficySample('operation-clocked-off');
        again.kafkaConsumerId = newKafkaId();
        await sendProficy(mapped, 'operation-clocked-off', again);
        const workers = (await allPostings(mapped)).flatMap((p) => (JSON.parse(p.content).RouteCardLines ?? []) as { Worker?: string }[]).map((l) => l.Worker);
        expect(workers).toEqual(['000123', undefined, undefined]);
        expect(mapped.logs.filter((l) => l.message.includes('"jsmith" has no D365 personnel number'))).toHaveLength(1);
        // Counted per user where an operator completes the map: the console's overview and the admin summary.
        const page = new ConsoleClient(mapped);
        await page.login();
        const overview = textOf((await page.get('/console')).html);
        expect(overview).toContain('Not mapped yet');
        expect(overview).toMatch(/MES user without a D365 personnel number jsmith 2 D365_WORKER_MAP/);
        expect(overview).not.toMatch(/mesadmin \d/);
        const summary = await (await mapped.request('/admin/api/summary', { headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}` } })).json();
        expect(summary.unmapped).toEqual([{ target: 'journal', setting: 'D365_WORKER_MAP', what: 'MES user without a D365 personnel number', value: 'jsmith', count: 2 }]);
      } finally {
        await mapped.close();
      }
    });

    it('PROFICY_TRANSLATION.productionOrders maps a work order to its ERP production order', async () => {
      const mapped = await make({ env: { PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS, PROFICY_TRANSLATION: JSON.stringify({ productionOrders: { 'WO-Bike': 'P000123' } }) } });
      try {
        await sendProficy(mapped, 'operation-completed', proficySamples['operation-completed']);
        await sendProficy(mapped, 'process-order-completed', proficySamples['process-order-completed']); // not mapped: its own name
        const ps = await allPostings(mapped);
        expect(ps.map((p) => [p.productionOrder, JSON.parse(p.content).ProductionOrderNumber])).toEqual([
          ['P000123', 'P000123'],
          ['P000123', 'P000123'],
          ['P000123', 'P000123'],
          ['POIDXML-100-2020-C', 'POIDXML-100-2020-C'],
          ['POIDXML-100-2020-C', 'POIDXML-100-2020-C'],
        ]);
        const d = (await allDeliveries(mapped)).find((r) => r.integration === 'operation-completed')!;
        expect(d).toMatchObject({ productionOrder: 'P000123', workorderNumber: 'WO-Bike' });
      } finally {
        await mapped.close();
      }
    });

    it('an operation without an ERP operation number is refused (422) naming it and PROFICY_OPERATION_NUMBERS, and recorded', async () => {
      const bare = await make();
      try {
        const res = await sendProficy(bare, 'operation-completed', proficySamples['operation-completed']);
        await expectRefused(res, 422, 'Proficy operation "SIT Op1" has no ERP operation number', 'PROFICY_OPERATION_NUMBERS', '{"SIT Op1": 10}', 'Nothing was posted');
        expect(await allPostings(bare)).toEqual([]);
        const [d] = await allDeliveries(bare);
        expect(d).toMatchObject({ source: 'proficy', integration: 'operation-completed', outcome: 'rejected', status: 422, productionOrder: 'WO-Bike' });
        expect(d!.message).toMatch('"SIT Op1"');
        expect(JSON.parse(d!.rawBody!)).toEqual(proficySamples['operation-completed']);
      } finally {
        await bare.close();
      }
      const clock = proficySample('operation-clocked-off');
      clock.operation = 'Painting';
      await expectRefused(await sendProficy(h, 'operation-clocked-off', clock), 422, '"Painting"', 'PROFICY_OPERATION_NUMBERS');
      expect((await allDeliveries(h))[0]).toMatchObject({ integration: 'operation-clocked-off', outcome: 'rejected', status: 422 });
    });

  });
}
