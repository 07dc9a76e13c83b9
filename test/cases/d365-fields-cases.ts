// What D365 receives, field by field, against the fake D365 that checks its field tables
// (issue 17, item 8): one report-as-finished line per Proficy lot with its batch number, and
// the 2022 tables' journal-name fields with D365_MESSAGE_VERSION=2022.
import { describe, expect, it } from 'vitest';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import type { Harness, MakeHarness } from '../support/harness.js';
import { newKafkaId, proficySample } from '../support/proficy-fixtures.js';
import { OPERATION_NUMBERS, sendProficy } from '../support/proficy-expectations.js';
import { withFakeD365, type WithFakeD365 } from '../support/with-fake-d365.js';

/** The documented completion with its two lots measured in the order's unit (kg: 10 each). */
export function completionInKg(good: number) {
  const body = proficySample('process-order-completed');
  body.processOrderRouteInfo.engineeringUnit = 'kg';
  body.processOrderRouteInfo.actualGoodQuantity = good;
  body.processOrderRouteInfo.actualBadQuantity = 2;
  return body;
}

export function d365FieldsCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  let d365: FakeD365;
  let h: Harness;
  let makeWith: WithFakeD365['makeWith'];
  withFakeD365(make, serveFake, () => ({ PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS }), (t) => ({ d365, h, makeWith } = t));

  type Line = Record<string, unknown>;
  const finishedLines = () => d365.received.filter((r) => r.type === 'ProdProductionOrderReportFinished').flatMap((r) => r.content.ReportFinishedLines as Line[]);
  const pick = (l: Line) => ({ batch: l.ItemBatchNumber, good: l.ReportedGoodQuantity, error: l.ReportedErrorQuantity });

  describe('D365 field tables', () => {
    it('books one report-as-finished line per Proficy lot with its batch number, the quantities adding up to the total', async () => {
      await sendProficy(h, 'process-order-completed', completionInKg(20));
      await h.dispatch();
      expect(finishedLines().map(pick)).toEqual([
        { batch: 'Production_event1', good: 10, error: 2 },
        { batch: 'Production_event2', good: 10, error: undefined },
      ]);
      d365.received.length = 0;
      // More finished than the lots account for: the rest on a line of its own, without a batch.
      const more = completionInKg(26);
      more.kafkaConsumerId = newKafkaId();
      await sendProficy(h, 'process-order-completed', more);
      await h.dispatch();
      expect(finishedLines().map(pick)).toEqual([
        { batch: 'Production_event1', good: 10, error: 2 },
        { batch: 'Production_event2', good: 10, error: undefined },
        { batch: undefined, good: 6, error: undefined },
      ]);
      d365.received.length = 0;
      // A lot quantity that can't be read is not known (the completion is still taken): that lot takes the rest.
      const odd = completionInKg(26);
      odd.kafkaConsumerId = newKafkaId();
      odd.materialLots[0].dimensionalQuantities[1].producedQuantity = -1;
      expect((await sendProficy(h, 'process-order-completed', odd)).status).toBe(200);
      await h.dispatch();
      expect(finishedLines().map(pick)).toEqual([
        { batch: 'Production_event1', good: 16, error: 2 },
        { batch: 'Production_event2', good: 10, error: undefined },
      ]);
    });

    it("D365_MESSAGE_VERSION=2022 sends the 2022 tables' journal-name fields, which a 2022 D365 accepts", async () => {
      d365.messageVersion = '2022';
      const journalNames = JSON.stringify({ pickingList: 'PICK', routeCard: 'ROUTE', reportFinished: 'RAF' });
      const v22 = await makeWith({ PROFICY_OPERATION_NUMBERS: OPERATION_NUMBERS, D365_MESSAGE_VERSION: '2022', D365_JOURNAL_NAMES: journalNames });
      try {
        await sendProficy(v22, 'operation-completed', proficySample('operation-completed'));
        await sendProficy(v22, 'process-order-completed', completionInKg(20));
        await v22.dispatch();
        const byType = (type: string) => d365.received.find((r) => r.type === type)!.content;
        expect(byType('ProdProductionOrderPickingList')).toMatchObject({ PickingListJournalNameId: 'PICK' });
        expect(byType('ProdProductionOrderRouteCard')).toMatchObject({ RouteCardJournalNameId: 'ROUTE' });
        expect(finishedLines()[0]).toMatchObject({ ReportFinishedJournalNameId: 'RAF' });
        expect(d365.received.some((r) => JSON.stringify(r.content).includes('"JournalNameId"'))).toBe(false);
      } finally {
        await v22.close();
      }
    });
  });
}
