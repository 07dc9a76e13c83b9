// GE Proficy deliveries: Kafka redelivery is a duplicate for good, a cancel reverses its
// completion once, and bad bodies, missing operation numbers, tests and switched-off sources are
// answered in words and recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries, allPostings, expectRefused, post, type Harness, type MakeHarness } from '../support/harness.js';
import { newKafkaId, proficySample, proficySamples } from '../support/proficy-fixtures.js';
import { completionOfCancelled, ID, idOf, OPERATION_NUMBERS, sendProficy } from '../support/proficy-expectations.js';
import { expectValidPostings } from '../support/spec-check.js';

export function proficyDeliveryCases(make: MakeHarness) {
  describe('GE Proficy deliveries: duplicates, cancels, refusals, switches', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS } })));
    afterEach(() => h.close());

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

    it('an Idempotency-Key header dedupes the same body for good, and refuses (422) another body under it', async () => {
      const key = { 'idempotency-key': 'proficy-topic-3-offset-1207' };
      const first = await idOf(await sendProficy(h, 'operation-completed', proficySamples['operation-completed'], { headers: key }));
      h.clock.advance(7 * 24 * 3600_000);
      const again = await sendProficy(h, 'operation-completed', proficySamples['operation-completed'], { headers: key });
      expect(await idOf(again)).toBe(first);
      expect((await allDeliveries(h))[0]).toMatchObject({ outcome: 'duplicate', externalId: first });
      const changed = proficySample('operation-completed');
      changed.kafkaConsumerId = newKafkaId();
      changed.operationInfo.completedQuantity = 1;
      await expectRefused(await sendProficy(h, 'operation-completed', changed, { headers: key }), 422, `Idempotency-Key 'proficy-topic-3-offset-1207' was already used`, first);
      expect(await allPostings(h)).toHaveLength(3);
      expect((await allDeliveries(h))[0]).toMatchObject({ outcome: 'rejected', status: 422 });
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
          content: { ProductionOrderNumber: order, RouteCardLines: [{ OperationNumber: 20, OperationsResourceId: 'FrameMountingStation', Worker: 'mesadmin', GoodQuantity: -200, ConsumptionDate: '2026-03-05', BOMConsumption: 'No' }] },
        },
        { messageType: 'ProdProductionOrderPickingList', content: { ProductionOrderNumber: order, PickingListLines: [{ ItemNumber: 'RawMaterial001', ConsumptionBOMQuantity: -4, OperationNumber: 20, ConsumptionDate: '2026-03-05' }] } },
        { messageType: 'ProdProductionOrderPickingList', content: { ProductionOrderNumber: order, PickingListLines: [{ ItemNumber: 'RawMaterial002', ConsumptionBOMQuantity: -444, OperationNumber: 20, ConsumptionDate: '2026-03-05' }] } },
      ]);
      expectValidPostings(reversals);
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

    it('a test cancel (?test=1) goes through the reversal path: linked to the test completion only, posting nothing; the real cancel still reverses the real one', async () => {
      const body = completionOfCancelled();
      const real = await idOf(await sendProficy(h, 'operation-completed', body));
      const test = await idOf(await sendProficy(h, 'operation-completed', body, { query: 'test=1' }));
      expect(test).toMatch(/^TEST-PRF-/);
      expect(await allPostings(h)).toHaveLength(3);
      const testCancel = await sendProficy(h, 'operation-cancelled', proficySamples['operation-cancelled'], { query: 'test=1' });
      expect(testCancel.status).toBe(200);
      expect(await idOf(testCancel)).toMatch(/^TEST-PRF-/);
      let rows = await allDeliveries(h);
      const byId = (id: string) => rows.find((r) => r.externalId === id)!;
      expect(rows[0]).toMatchObject({ integration: 'operation-cancelled', outcome: 'test', refersTo: byId(test).id });
      // Nothing sent, nothing of the real completion touched.
      const ps = await allPostings(h);
      expect(ps).toHaveLength(3);
      expect(ps.every((p) => p.state !== 'cancelled' && p.reversesPostingId === null)).toBe(true);

      // The real cancel finds the real completion, not the newer test one.
      const cancelled = await idOf(await sendProficy(h, 'operation-cancelled', proficySamples['operation-cancelled']));
      rows = await allDeliveries(h);
      expect(rows.find((r) => r.externalId === cancelled)!.refersTo).toBe(byId(real).id);
      const after = await allPostings(h);
      expect(after).toHaveLength(6);
      expect(after.slice(3).map((p) => p.reversesPostingId)).toEqual(after.slice(0, 3).map((p) => p.id));
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
}
