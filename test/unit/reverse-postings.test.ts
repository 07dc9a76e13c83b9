import { describe, expect, it } from 'vitest';
import { IrreversibleError, reversePostings } from '../../src/translation/reverse-postings.js';
import { expectValidD365 } from '../support/spec-check.js';

describe('reversePostings', () => {
  it.each([
    ['ProdProductionOrderStart', { ProductionOrderNumber: 'P1', StartedQuantity: 1 }, { ProductionOrderNumber: 'P1', StartedQuantity: -1 }],
    [
      'ProdProductionOrderPickingList',
      { ProductionOrderNumber: 'P1', JournalNameId: 'J', PickingListLines: [{ ItemNumber: 'C', ConsumptionBOMQuantity: 2.5, ConsumptionDate: '2026-01-01' }] },
      { ProductionOrderNumber: 'P1', JournalNameId: 'J', PickingListLines: [{ ItemNumber: 'C', ConsumptionBOMQuantity: -2.5, ConsumptionDate: '2026-02-02' }] },
    ],
    [
      'ProdProductionOrderRouteCard',
      { ProductionOrderNumber: 'P1', RouteCardLines: [{ OperationNumber: 10, GoodQuantity: 3, ErrorQuantity: 0, Hours: 1.5, ConsumptionDate: '2026-01-01' }] },
      { ProductionOrderNumber: 'P1', RouteCardLines: [{ OperationNumber: 10, GoodQuantity: -3, ErrorQuantity: 0, Hours: -1.5, ConsumptionDate: '2026-02-02' }] },
    ],
    [
      'ProdProductionOrderReportFinished',
      { ProductionOrderNumber: 'P1', ReportFinishedLines: [{ ReportedGoodQuantity: 1, ReportedErrorQuantity: 2, ProductSerialNumber: 'S', ReportAsFinishedDate: '2026-01-01' }] },
      { ProductionOrderNumber: 'P1', ReportFinishedLines: [{ ReportedGoodQuantity: -1, ReportedErrorQuantity: -2, ProductSerialNumber: 'S', ReportAsFinishedDate: '2026-02-02' }] },
    ],
  ] as const)('%s: quantities negated, everything else kept, dated today', (messageType, content, reversed) => {
    const [r] = reversePostings([{ messageType, productionOrder: 'P1', content: structuredClone(content) as Record<string, unknown> }], '2026-02-02');
    expect(r).toEqual({ messageType, productionOrder: 'P1', content: reversed });
    expectValidD365(messageType, r!.content);
  });

  it('an ended production order can not be reversed by a message', () => {
    expect(() =>
      reversePostings([{ messageType: 'ProdProductionOrderEnd', productionOrder: 'P1', content: { ProductionOrderNumber: 'P1' } }], '2026-02-02'),
    ).toThrow(IrreversibleError);
  });
});
