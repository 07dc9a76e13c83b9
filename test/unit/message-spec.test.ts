// The checker the fake ERP and the console rely on must itself catch what D365 would reject.
import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../src/targets/d365/message-spec.js';
import { specs } from '../support/spec-check.js';

describe('D365 message checker', () => {
  it('accepts the published examples', () => {
    expect(checkMessage(specs, 'ProdProductionOrderStart', { ProductionOrderNumber: 'P000211' })).toEqual([]);
    expect(
      checkMessage(specs, 'ProdProductionOrderReportFinished', {
        ProductionOrderNumber: 'P000214',
        ReportFinishedLines: [{ ItemNumber: 'L0100', ReportedGoodQuantity: 1, ReportAsFinishedDate: '2021-01-01', ErrorCause: 'CustomCause' }],
      }),
    ).toEqual([]);
  });

  it.each([
    ['an unknown field', 'ProdProductionOrderStart', { ProductionOrderNumber: 'P', Foo: 1 }, 'Foo is not a field D365 knows'],
    ['a missing required field', 'ProdProductionOrderStart', { StartedQuantity: 1 }, 'ProductionOrderNumber is required'],
    ['a wrong type', 'ProdProductionOrderStart', { ProductionOrderNumber: 'P', StartedQuantity: '1' }, 'StartedQuantity must be a number'],
    ['a boolean for Yes/No', 'ProdProductionOrderEnd', { ProductionOrderNumber: 'P', AutoUpdate: true }, 'AutoUpdate must be one of Yes, No'],
    ['a bad date', 'ProdProductionOrderEnd', { ProductionOrderNumber: 'P', EndedDate: '06/05/2026' }, 'EndedDate must be a date written YYYY-MM-DD'],
    ['a bad datetime', 'ProdProductionOrderEnd', { ProductionOrderNumber: 'P', ExecutedDateTime: '2026-05-06' }, 'ExecutedDateTime must be an ISO 8601 date and time'],
    ['no lines', 'ProdProductionOrderPickingList', { ProductionOrderNumber: 'P', PickingListLines: [] }, 'PickingListLines needs at least 1 line(s)'],
    ['a line without its required field', 'ProdProductionOrderRouteCard', { ProductionOrderNumber: 'P', RouteCardLines: [{ GoodQuantity: 1 }] }, 'RouteCardLines[0].OperationNumber is required'],
    ['a text operation number', 'ProdProductionOrderRouteCard', { ProductionOrderNumber: 'P', RouteCardLines: [{ OperationNumber: '10' }] }, 'RouteCardLines[0].OperationNumber must be a whole number'],
    ['an unknown line field', 'ProdProductionOrderPickingList', { ProductionOrderNumber: 'P', PickingListLines: [{ ItemNumber: 'C', Serial: 'x' }] }, 'PickingListLines[0].Serial is not a field D365 knows'],
    ['an unknown message type', 'ProdSomething', {}, 'unknown message type "ProdSomething"'],
  ])('rejects %s', (_what, type, content, problem) => {
    expect(checkMessage(specs, type, content)).toContain(problem);
  });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])('refuses a %s key (an own key, as JSON.parse makes it), at the top and in a line', (key) => {
    const top = JSON.parse(`{"ProductionOrderNumber": "P", "${key}": {"ProductionOrderNumber": "Q"}}`);
    expect(checkMessage(specs, 'ProdProductionOrderStart', top)).toEqual([`${key} is not a field D365 knows`]);
    const line = JSON.parse(`{"ProductionOrderNumber": "P", "PickingListLines": [{"ItemNumber": "C", "${key}": 1}]}`);
    expect(checkMessage(specs, 'ProdProductionOrderPickingList', line)).toEqual([`PickingListLines[0].${key} is not a field D365 knows`]);
  });

  it.each(['constructor', '__proto__', 'toString'])('names %s as an unknown message type', (type) => {
    expect(checkMessage(specs, type, { ProductionOrderNumber: 'P' })).toEqual([`unknown message type ${JSON.stringify(type)}`]);
  });
});
