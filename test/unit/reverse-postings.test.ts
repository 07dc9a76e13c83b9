import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/domain-errors.js';
import { reverseD365Message } from '../../src/targets/d365/reverse-message.js';
import { expectValidD365 } from '../support/spec-check.js';

const posted = (messageType: string, content: Record<string, unknown>) => ({ postingId: 1, deliveryId: 'dlv_1', messageType, content: structuredClone(content) });

describe('D365 reversal of a posted message', () => {
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
    const r = reverseD365Message(posted(messageType, content), '2026-02-02');
    expect(r).toEqual({ messageType, content: reversed });
    expectValidD365(messageType, r.content);
  });

  it('an ended production order can not be reversed by a message', () => {
    const ended = () => reverseD365Message(posted('ProdProductionOrderEnd', { ProductionOrderNumber: 'P1' }), '2026-02-02');
    expect(ended).toThrow(DomainError);
    expect(ended).toThrow("This can't be undone automatically: production order P1 was already ended in the ERP. Reverse it in the ERP by hand.");
  });
});
