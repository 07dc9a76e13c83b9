// GE Proficy end to end: every documented sample is accepted with {"id"}, each becomes the
// canonical events the default translation (proficy-settings.ts, to-canonical.ts) says, and those
// become the right D365 messages (the journal records them) and the right webhook bodies.
// Kafka redelivery is a duplicate for good, a cancel reverses its completion once, and bad
// bodies, missing operation numbers and switched-off sources are answered in words.
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { CanonicalEvent } from '../../src/core/canonical-events.js';
import { realEvent } from '../support/fixtures.js';
import { originOf, type FakeWebhookReceiver, type ServedWebhook } from '../support/fake-webhook-receiver.js';
import { allDeliveries, allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';
import { newKafkaId, proficySample, proficySamples, type ProficyEvent } from '../support/proficy-fixtures.js';
import { expectValidD365 } from '../support/spec-check.js';
import { withFakeWebhook } from '../support/with-fake-erps.js';

const DAY = '2026-03-04';
const ID = /^PRF-[0-9A-HJ-NP-Z]{12}$/;
const OPERATION_NUMBERS = JSON.stringify({ 'SIT Op1': 10, FrameAssembly: 20 });

const sendProficy = (h: Harness, event: ProficyEvent, body: unknown, init?: { query?: string; headers?: Record<string, string> }) => post(h, `/proficy/${event}`, body, init);
const idOf = async (res: Response) => ((await res.json()) as { id: string }).id;

/** What the documented samples mean, per the default translation (dated the day they arrive). */
const canonical = (date: string) => {
  const completedAt = { date, occurredAt: '2021-02-03T12:31:52Z', unit: 'EA' };
  return {
    'operation-completed': [
      {
        kind: 'operation-reported',
        productionOrder: 'WO-Bike',
        ...completedAt,
        operationNumber: 10,
        operationName: 'SIT Op1',
        resource: 'FrameMountingStation',
        goodQuantity: 200,
        hours: 0.04, // 12:29:28 to 12:31:52
        worker: 'mesadmin',
        lot: 'Lot1',
        startedAt: '2021-02-03T12:29:28Z',
        endedAt: '2021-02-03T12:31:52Z',
      },
      { kind: 'material-consumed', productionOrder: 'WO-Bike', ...completedAt, item: 'RawMaterial001', quantity: 4, lot: 'Lot1', operationNumber: 10 },
      { kind: 'material-consumed', productionOrder: 'WO-Bike', ...completedAt, item: 'RawMaterial002', quantity: 444, lot: 'Lot2', operationNumber: 10 },
    ],
    'operation-clocked-off': [
      {
        kind: 'operation-reported',
        productionOrder: 'WOID6-ROUTE-JSON-SNOWBIKES',
        date,
        occurredAt: '2021-04-12T08:58:47Z',
        operationNumber: 20,
        operationName: 'FrameAssembly',
        resource: 'FrameMountingStation',
        hours: 0.9764, // 08:00:12 to 08:58:47, to the 1/10,000 h
        worker: 'jsmith',
        startedAt: '2021-04-12T08:00:12Z',
        endedAt: '2021-04-12T08:58:47Z',
      },
    ],
    'process-order-completed': [
      {
        kind: 'quantity-finished',
        productionOrder: 'POIDXML-100-2020-C',
        date,
        occurredAt: '2020-12-09T09:30:17.017Z',
        goodQuantity: 220,
        scrapQuantity: 0,
        item: 'PulpyJuice',
        unit: 'ml',
        lots: ['Production_event1', 'Production_event2'],
      },
      { kind: 'order-ended', productionOrder: 'POIDXML-100-2020-C', date, occurredAt: '2020-12-09T09:30:17.017Z' },
    ],
  } satisfies Partial<Record<ProficyEvent, CanonicalEvent[]>>;
};

/** The same, as the D365 messages the journal records. */
const d365Messages = (date: string) => ({
  'operation-completed': [
    {
      messageType: 'ProdProductionOrderRouteCard',
      content: {
        ProductionOrderNumber: 'WO-Bike',
        RouteCardLines: [{ OperationNumber: 10, OperationsResourceId: 'FrameMountingStation', Worker: 'mesadmin', Hours: 0.04, GoodQuantity: 200, ConsumptionDate: date }],
      },
    },
    {
      messageType: 'ProdProductionOrderPickingList',
      content: { ProductionOrderNumber: 'WO-Bike', PickingListLines: [{ ItemNumber: 'RawMaterial001', ConsumptionBOMQuantity: 4, OperationNumber: 10, ConsumptionDate: date }] },
    },
    {
      messageType: 'ProdProductionOrderPickingList',
      content: { ProductionOrderNumber: 'WO-Bike', PickingListLines: [{ ItemNumber: 'RawMaterial002', ConsumptionBOMQuantity: 444, OperationNumber: 10, ConsumptionDate: date }] },
    },
  ],
  'operation-clocked-off': [
    {
      messageType: 'ProdProductionOrderRouteCard',
      content: {
        ProductionOrderNumber: 'WOID6-ROUTE-JSON-SNOWBIKES',
        RouteCardLines: [{ OperationNumber: 20, OperationsResourceId: 'FrameMountingStation', Worker: 'jsmith', Hours: 0.9764, ConsumptionDate: date }],
      },
    },
  ],
  'process-order-completed': [
    {
      messageType: 'ProdProductionOrderReportFinished',
      // Two produced lots: no single batch number to send.
      content: { ProductionOrderNumber: 'POIDXML-100-2020-C', ReportFinishedLines: [{ ReportedGoodQuantity: 220, ReportedErrorQuantity: 0, ReportAsFinishedDate: date }] },
    },
    { messageType: 'ProdProductionOrderEnd', content: { ProductionOrderNumber: 'POIDXML-100-2020-C', EndedDate: date } },
  ],
});

const recordedOnly: ProficyEvent[] = [
  'operation-clocked-on',
  'operation-skipped',
  'route-released',
  'material-lot-status-changed',
  'process-order-created',
  'process-order-updated',
  'process-order-deleted',
  'operation-cancelled', // nothing completed here before: nothing to reverse
];

/** A completion of the operation the documented cancel sample cancels. */
const completionOfCancelled = () => {
  const body = proficySample('operation-completed');
  body.workOrderName = 'ERPWOID6-CANCELLED-JSON-SNOWBIKES';
  body.lotIdentifier.name = 'SERNUM1';
  body.operationInfo.name = 'FrameAssembly';
  body.kafkaConsumerId = newKafkaId();
  return body;
};

async function expectRefused(res: Response, status: number, ...phrases: (string | RegExp)[]) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['message']);
  for (const p of phrases) expect(body.message).toMatch(p);
  expect(body.message).not.toMatch(/invalid_type|ZodError|\bat \w+ \(/);
  return body.message as string;
}

export function proficyCases(make: MakeHarness, serveWebhook: () => Promise<ServedWebhook>) {
  describe('GE Proficy source (journal target: the D365 messages)', () => {
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
      const expected = (d365Messages(DAY) as Partial<Record<ProficyEvent, unknown[]>>)[name] ?? [];
      expect(await contents()).toEqual(expected);
      for (const p of await allPostings(h)) expectValidD365(p.messageType, JSON.parse(p.content));
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
          ReportFinishedLines: [{ ReportedGoodQuantity: 206, ReportedErrorQuantity: 14, ItemBatchNumber: 'Production_event1', ReportAsFinishedDate: DAY }],
        },
      });
      expect(ended).toEqual({ messageType: 'ProdProductionOrderEnd', content: { ProductionOrderNumber: 'POIDXML-100-2020-C', EndedDate: DAY } });
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
        expect(finished).toEqual({ ProductionOrderNumber: 'WO-Bike', ReportFinishedLines: [{ ReportedGoodQuantity: 200, ItemBatchNumber: 'Lot1', ReportAsFinishedDate: DAY }] });
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

    it('a Kafka redelivery (identical body) is a duplicate for good: same id, no new postings, even days later', async () => {
      const body = proficySamples['operation-completed'];
      const first = await idOf(await sendProficy(h, 'operation-completed', body));
      h.clock.advance(30 * 24 * 3600_000); // far past DEDUPE_WINDOW_SECONDS
      const again = await sendProficy(h, 'operation-completed', JSON.stringify(body, null, 2));
      expect(again.status).toBe(200);
      expect(await idOf(again)).toBe(first);
      expect(await allPostings(h)).toHaveLength(3);
      const rows = await allDeliveries(h);
      const original = rows.find((r) => r.outcome === 'accepted')!;
      expect(rows.find((r) => r.outcome === 'duplicate')).toMatchObject({ duplicateOf: original.id, externalId: first });

      // The same event in another Kafka message is another event.
      const other = await idOf(await sendProficy(h, 'operation-completed', { ...body, kafkaConsumerId: newKafkaId() }));
      expect(other).not.toBe(first);
      expect(await allPostings(h)).toHaveLength(6);
    });

    it('an Idempotency-Key header dedupes whatever the body', async () => {
      const key = { 'idempotency-key': 'proficy-topic-3-offset-1207' };
      const first = await idOf(await sendProficy(h, 'operation-completed', proficySamples['operation-completed'], { headers: key }));
      h.clock.advance(7 * 24 * 3600_000);
      const changed = proficySample('operation-completed');
      changed.kafkaConsumerId = newKafkaId();
      changed.operationInfo.completedQuantity = 1;
      const again = await sendProficy(h, 'operation-completed', changed, { headers: key });
      expect(await idOf(again)).toBe(first);
      expect(await allPostings(h)).toHaveLength(3);
      expect((await allDeliveries(h))[0]).toMatchObject({ outcome: 'duplicate', externalId: first });
    });

    it('a cancel reverses its completion (negated, dated the day of the cancel, linked), once', async () => {
      const completed = await idOf(await sendProficy(h, 'operation-completed', completionOfCancelled()));
      h.clock.advance(24 * 3600_000);
      const res = await sendProficy(h, 'operation-cancelled', proficySamples['operation-cancelled']);
      expect(res.status).toBe(200);
      const cancelled = await idOf(res);
      expect(cancelled).toMatch(ID);
      expect(cancelled).not.toBe(completed);
      const ps = await allPostings(h);
      expect(ps).toHaveLength(6);
      const [originals, reversals] = [ps.slice(0, 3), ps.slice(3)];
      expect(reversals.map((p) => p.reversesPostingId)).toEqual(originals.map((p) => p.id));
      const order = 'ERPWOID6-CANCELLED-JSON-SNOWBIKES';
      expect(reversals.map((p) => ({ messageType: p.messageType, content: JSON.parse(p.content) }))).toEqual([
        {
          messageType: 'ProdProductionOrderRouteCard',
          content: { ProductionOrderNumber: order, RouteCardLines: [{ OperationNumber: 20, OperationsResourceId: 'FrameMountingStation', Worker: 'mesadmin', Hours: -0.04, GoodQuantity: -200, ConsumptionDate: '2026-03-05' }] },
        },
        { messageType: 'ProdProductionOrderPickingList', content: { ProductionOrderNumber: order, PickingListLines: [{ ItemNumber: 'RawMaterial001', ConsumptionBOMQuantity: -4, OperationNumber: 20, ConsumptionDate: '2026-03-05' }] } },
        { messageType: 'ProdProductionOrderPickingList', content: { ProductionOrderNumber: order, PickingListLines: [{ ItemNumber: 'RawMaterial002', ConsumptionBOMQuantity: -444, OperationNumber: 20, ConsumptionDate: '2026-03-05' }] } },
      ]);
      for (const p of reversals) expectValidD365(p.messageType, JSON.parse(p.content));
      const rows = await allDeliveries(h);
      const completion = rows.find((r) => r.externalId === completed)!;
      expect(rows.find((r) => r.externalId === cancelled)!.refersTo).toBe(completion.id);

      // Redelivered, and sent again as another Kafka message: reversed once, answered alike.
      const redelivered = await sendProficy(h, 'operation-cancelled', proficySamples['operation-cancelled']);
      expect(await idOf(redelivered)).toBe(cancelled);
      const resent = await sendProficy(h, 'operation-cancelled', { ...proficySamples['operation-cancelled'], kafkaConsumerId: newKafkaId() });
      expect(resent.status).toBe(200);
      expect(await idOf(resent)).toBe(cancelled);
      expect(await allPostings(h)).toHaveLength(6);
      expect((await allDeliveries(h)).filter((r) => r.outcome === 'duplicate')).toHaveLength(2);
    });

    it('a cancel of another lot of that operation reverses nothing', async () => {
      await sendProficy(h, 'operation-completed', completionOfCancelled());
      const other = proficySample('operation-cancelled');
      other.lotIdentifier.name = 'SERNUM2';
      expect((await sendProficy(h, 'operation-cancelled', other)).status).toBe(200);
      expect(await allPostings(h)).toHaveLength(3);
      expect((await allDeliveries(h))[0]!.message).toMatch('nothing to reverse');
    });

    type Change = (b: Record<string, any>) => void;
    it.each<[string, Change, number, string[]]>([
      ['without workOrderName', (b) => void delete b.workOrderName, 400, ['workOrderName is missing']],
      ['with a negative completedQuantity', (b) => void (b.operationInfo.completedQuantity = -1), 400, ['operationInfo.completedQuantity must not be negative (got -1)']],
      ['with a startTime that is not a date', (b) => void (b.operationInfo.startTime = 'yesterday'), 400, ['operationInfo.startTime must be an ISO 8601 date and time', '(got "yesterday")']],
    ])('refuses an operation-completed %s, naming the field, and records it', async (_what, change, status, phrases) => {
      const body = proficySample('operation-completed');
      change(body);
      const res = await sendProficy(h, 'operation-completed', body);
      await expectRefused(res, status, 'Proficy Operation Completed event not accepted', ...phrases, 'Nothing was posted');
      expect(await allPostings(h)).toEqual([]);
      const [d] = await allDeliveries(h);
      expect(d).toMatchObject({ source: 'proficy', integration: 'operation-completed', outcome: 'rejected', status });
      expect(JSON.parse(d!.rawBody!)).toEqual(body);
    });

    it('refuses a body that is not JSON, or not sent as JSON, and records both', async () => {
      await expectRefused(await sendProficy(h, 'operation-completed', '{"workOrderName": "WO-Bike",'), 400, 'Proficy Operation Completed delivery is not valid JSON');
      const text = await h.request(`/proficy/operation-completed?token=${h.token}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(proficySamples['operation-completed']) });
      await expectRefused(text, 415, 'not sent as JSON (Content-Type: text/plain)', 'application/json');
      const rows = await allDeliveries(h);
      expect(rows.map((r) => [r.source, r.integration, r.outcome, r.status]).sort()).toEqual([
        ['proficy', 'operation-completed', 'rejected', 400],
        ['proficy', 'operation-completed', 'rejected', 415],
      ]);
      expect(rows.find((r) => r.status === 400)!.rawBody).toBe('{"workOrderName": "WO-Bike",');
      expect(await allPostings(h)).toEqual([]);
    });

    it('?test=1 is recorded as a test and posts nothing', async () => {
      const bare = await make(); // a test is checked, not translated: no operation numbers needed
      try {
        const res = await sendProficy(bare, 'operation-completed', proficySamples['operation-completed'], { query: 'test=1' });
        expect(res.status).toBe(200);
        expect(await idOf(res)).toMatch(/^TEST-PRF-[0-9A-Z]{12}$/);
        expect((await allDeliveries(bare))[0]).toMatchObject({ outcome: 'test', source: 'proficy' });
        expect(await allPostings(bare)).toEqual([]);
        // A test is not the real event's redelivery, nor the other way round.
        const real = await sendProficy(bare, 'process-order-completed', proficySamples['process-order-completed']);
        const test = await sendProficy(bare, 'process-order-completed', proficySamples['process-order-completed'], { query: 'test=1' });
        expect(await idOf(test)).toMatch(/^TEST-PRF-/);
        expect(await idOf(real)).toMatch(ID);
        expect(await allPostings(bare)).toHaveLength(2);
      } finally {
        await bare.close();
      }
    });

    it('SOURCES switches a source off: its paths answer 404 naming SOURCES', async () => {
      const nextplusOnly = await make({ env: { SOURCES: 'nextplus' } });
      try {
        const res = await sendProficy(nextplusOnly, 'operation-completed', proficySamples['operation-completed']);
        await expectRefused(res, 404, 'GE Proficy events are switched off on this bridge: add proficy to the SOURCES setting (now nextplus)');
        expect((await post(nextplusOnly, '/nextplus/device', realEvent('device-add'))).status).toBe(200);
      } finally {
        await nextplusOnly.close();
      }
      const proficyOnly = await make({ env: { SOURCES: 'proficy', PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS } });
      try {
        await expectRefused(await post(proficyOnly, '/nextplus/device', realEvent('device-add')), 404, 'Next Plus events are switched off on this bridge: add nextplus to the SOURCES setting (now proficy)');
        expect((await sendProficy(proficyOnly, 'operation-completed', proficySamples['operation-completed'])).status).toBe(200);
        expect((await allDeliveries(proficyOnly)).map((d) => d.source)).toEqual(['proficy']);
      } finally {
        await proficyOnly.close();
      }
    });
  });

  describe('GE Proficy to the webhook target', () => {
    let webhook: FakeWebhookReceiver;
    let h: Harness;
    withFakeWebhook(make, serveWebhook, () => ({ PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS }), (t) => ({ webhook, h } = t));

    const deliveryOf = async (id: string) => (await allDeliveries(h)).find((d) => d.externalId === id && d.outcome === 'accepted')!;

    it('posts the documented samples as their canonical events, with their origin', async () => {
      const ids: Partial<Record<ProficyEvent, string>> = {};
      for (const name of Object.keys(proficySamples) as ProficyEvent[]) ids[name] = await idOf(await sendProficy(h, name, proficySamples[name]));
      await h.dispatch();
      const expected = canonical(DAY);
      expect(webhook.received).toHaveLength(6); // the recorded-only events (and the cancel of nothing) sent nothing
      expect(webhook.requestCount).toBe(6);
      for (const name of ['operation-completed', 'operation-clocked-off', 'process-order-completed'] as const) {
        const order = expected[name][0]!.productionOrder;
        const bodies = webhook.received.filter((r) => r.body.data.event.productionOrder === order).map((r) => r.body);
        expect(bodies.map((b) => b.data.event)).toEqual(expected[name]);
        expect(bodies.map((b) => b.type)).toEqual(expected[name].map((e) => `production.${e.kind}`));
        const d = await deliveryOf(ids[name]!);
        for (const b of bodies) {
          expect(b.data.origin).toEqual(originOf(d));
          expect(b.data.origin).toEqual({ source: 'proficy', integration: name, deliveryId: d.id, externalId: ids[name], receivedAt: '2026-03-04T10:00:00.000Z' });
        }
      }
    });

    it('a cancel is sent as reversals naming each completion message it takes back', async () => {
      const completed = await idOf(await sendProficy(h, 'operation-completed', completionOfCancelled()));
      await h.dispatch();
      h.clock.advance(3600_000);
      const cancelled = await idOf(await sendProficy(h, 'operation-cancelled', proficySamples['operation-cancelled']));
      await sendProficy(h, 'operation-cancelled', proficySamples['operation-cancelled']); // redelivered
      await h.dispatch();
      expect(webhook.received).toHaveLength(6);
      const [originals, reversals] = [webhook.received.slice(0, 3), webhook.received.slice(3)];
      expect(originals.map((r) => r.body.data.origin.externalId)).toEqual([completed, completed, completed]);
      const origin = originOf(await deliveryOf(cancelled));
      expect(reversals.map((r) => r.body)).toEqual(
        originals.map((o) => ({
          type: 'production.reversal',
          timestamp: origin.receivedAt,
          data: { event: o.body.data.event, origin, reverses: { webhookId: o.webhookId, type: o.body.type } },
        })),
      );
      expect(origin).toMatchObject({ integration: 'operation-cancelled', externalId: cancelled });
    });

    it('?test=1 sends nothing', async () => {
      await sendProficy(h, 'operation-completed', proficySamples['operation-completed'], { query: 'test=1' });
      await h.dispatch();
      expect(webhook.requestCount).toBe(0);
      expect(await allPostings(h)).toEqual([]);
    });
  });
}
