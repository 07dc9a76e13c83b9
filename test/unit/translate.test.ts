// The default Next Plus translation table, row by row, through both halves: Next Plus event ->
// canonical events (the source) -> D365 messages (the target), plus the knobs that override
// it. Pure functions: no database, no clock.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/domain-errors.js';
import { deviceEventSchema } from '../../src/sources/nextplus/device-event.js';
import { itemAttachEventSchema } from '../../src/sources/nextplus/item-attach-event.js';
import type { NextPlusEvent } from '../../src/sources/nextplus/nextplus-event.js';
import { operationEventSchema } from '../../src/sources/nextplus/operation-event.js';
import { checkTranslationRules, toCanonical } from '../../src/sources/nextplus/to-canonical.js';
import { resolveTranslationRules, type TranslationRules } from '../../src/sources/nextplus/translation-rules.js';
import { buildD365Message } from '../../src/targets/d365/message-builders.js';
import { messageOptionsFrom, type JournalNames } from '../../src/targets/d365/message-options.js';
import { fixtures } from '../support/fixtures.js';
import { expectValidD365 } from '../support/spec-check.js';

const D = '2026-05-06';
const defaultTranslationRules = resolveTranslationRules({});
/** What the journal (and D365) target makes of a Next Plus event. */
const translate = (e: NextPlusEvent, rules: TranslationRules, date: string, journals: JournalNames = {}) =>
  toCanonical(e, rules, date).map((c) => ({ ...buildD365Message(c, { ...messageOptionsFrom({}), journalNames: journals }), productionOrder: c.productionOrder }));
const device = (o = {}): NextPlusEvent => ({ integration: 'device', event: deviceEventSchema.parse({ ...fixtures['device-add'].body, ...o }) });
const deviceUpdate = (): NextPlusEvent => ({ integration: 'device', event: deviceEventSchema.parse(fixtures['device-update'].body) });
const item = (o = {}): NextPlusEvent => ({ integration: 'item-attach', event: itemAttachEventSchema.parse({ ...fixtures['item-attach-add'].body, ...o }) });
const op = (o = {}): NextPlusEvent => ({ integration: 'operation', event: operationEventSchema.parse({ ...fixtures['operation-add'].body, ...o }) });
const removeOf = (name: 'device-remove' | 'item-attach-remove' | 'operation-remove'): NextPlusEvent => {
  const schema = { 'device-remove': deviceEventSchema, 'item-attach-remove': itemAttachEventSchema, 'operation-remove': operationEventSchema }[name];
  return { integration: name.replace('-remove', ''), event: schema.parse(fixtures[name].body) } as NextPlusEvent;
};

describe('default translation table', () => {
  const rules = defaultTranslationRules;
  it.each([
    ['device add', device(), [{ messageType: 'ProdProductionOrderStart', productionOrder: 'ERP-WO-123', content: { ProductionOrderNumber: 'ERP-WO-123', StartedQuantity: 1, StartedDate: D, AutomaticBOMConsumptionRule: 'FlushingPrincip' } }]],
    ['device update', deviceUpdate(), []],
    ['item-attach add', item(), [{ messageType: 'ProdProductionOrderPickingList', productionOrder: 'ERP-WO-123', content: { ProductionOrderNumber: 'ERP-WO-123', PickingListLines: [{ ItemNumber: 'COMPONENT-SKU', ConsumptionBOMQuantity: 5, ConsumptionDate: D }] } }]],
    ['operation add', op(), [{ messageType: 'ProdProductionOrderRouteCard', productionOrder: 'ERP-WO-123', content: { ProductionOrderNumber: 'ERP-WO-123', RouteCardLines: [{ OperationNumber: 10, OperationId: 'ASSY', OperationsResourceId: 'WC-123', GoodQuantity: 1, ErrorQuantity: 0, ConsumptionDate: D, BOMConsumption: 'No' }] } }]],
    // Removes are reversals of what was posted, computed from the ledger, not translated.
    ['device remove', removeOf('device-remove'), []],
    ['item-attach remove', removeOf('item-attach-remove'), []],
    ['operation remove', removeOf('operation-remove'), []],
  ])('%s', (_row, event, expected) => {
    const postings = translate(event, rules, D);
    expect(postings).toEqual(expected);
    for (const p of postings) expectValidD365(p.messageType, p.content);
  });

  it('production order is workorderExternalId, else workorderNumber', () => {
    expect(translate(device({ workorderExternalId: null }), rules, D)[0]!.productionOrder).toBe('WO-12345');
    expect(translate(device({ workorderExternalId: '' }), rules, D)[0]!.productionOrder).toBe('WO-12345');
  });
});

describe('overrides', () => {
  it('production order from workorderNumber only', () => {
    const rules = resolveTranslationRules({ productionOrderNumber: 'workorderNumber' });
    expect(translate(device(), rules, D)[0]!.productionOrder).toBe('WO-12345');
  });

  it('requiring the ERP id refuses MES-only work orders', () => {
    const rules = resolveTranslationRules({ productionOrderNumber: 'workorderExternalId' });
    expect(() => translate(device({ workorderExternalId: null }), rules, D)).toThrow(DomainError);
    expect(() => translate(device({ workorderExternalId: null }), rules, D)).toThrow(/WO-12345 has no ERP production order/);
  });

  it('a row can post other messages, or nothing', () => {
    const rules = resolveTranslationRules({ events: { 'device.add': [], 'device.update': ['ProdProductionOrderStart'] } });
    expect(translate(device(), rules, D)).toEqual([]);
    expect(translate(deviceUpdate(), rules, D).map((p) => p.messageType)).toEqual(['ProdProductionOrderStart']);
  });

  it('last operation by position or actCode adds report-as-finished', () => {
    const byCode = resolveTranslationRules({ lastOperation: { actCodes: ['PACK'] } });
    expect(translate(op({ actCode: 'PACK', validQty: 2, invalidQty: 1 }), byCode, D).map((p) => p.content)).toEqual([
      expect.objectContaining({ RouteCardLines: expect.any(Array) }),
      { ProductionOrderNumber: 'ERP-WO-123', ReportFinishedLines: [{ ReportedGoodQuantity: 2, ReportedErrorQuantity: 1, ProductSerialNumber: 'SN12345', ReportAsFinishedDate: D, AutomaticBOMConsumptionRule: 'FlushingPrincip', AutomaticRouteConsumptionRule: 'RouteDependent' }] },
    ]);
    expect(translate(op({ actCode: 'ASSY' }), byCode, D)).toHaveLength(1);
    const withEnd = resolveTranslationRules({ lastOperation: { positions: [10], messages: ['ProdProductionOrderReportFinished', 'ProdProductionOrderEnd'] } });
    const postings = translate(op(), withEnd, D);
    expect(postings.map((p) => p.messageType)).toEqual(['ProdProductionOrderRouteCard', 'ProdProductionOrderReportFinished', 'ProdProductionOrderEnd']);
    for (const p of postings) expectValidD365(p.messageType, p.content);
  });

  it('journal names go into the messages when set', () => {
    const journals = { pickingList: 'PickMES', routeCard: 'RouteMES' };
    const rules = defaultTranslationRules;
    expect(translate(item(), rules, D, journals)[0]!.content.JournalNameId).toBe('PickMES');
    expect(translate(op(), rules, D, journals)[0]!.content.JournalNameId).toBe('RouteMES');
    expectValidD365('ProdProductionOrderPickingList', translate(item(), rules, D, journals)[0]!.content);
  });

  it('rows may name canonical events or the D365 messages of earlier versions', () => {
    const canonical = resolveTranslationRules({ events: { 'device.add': ['order-started', 'quantity-finished'] } });
    const aliases = resolveTranslationRules({ events: { 'device.add': ['ProdProductionOrderStart', 'ProdProductionOrderReportFinished'] } });
    expect(translate(device(), aliases, D)).toEqual(translate(device(), canonical, D));
    expect(translate(device(), canonical, D).map((p) => p.content)).toEqual([
      { ProductionOrderNumber: 'ERP-WO-123', StartedQuantity: 1, StartedDate: D, AutomaticBOMConsumptionRule: 'FlushingPrincip' },
      { ProductionOrderNumber: 'ERP-WO-123', ReportFinishedLines: [{ ReportedGoodQuantity: 1, ProductSerialNumber: 'SN12345', ReportAsFinishedDate: D, AutomaticBOMConsumptionRule: 'FlushingPrincip', AutomaticRouteConsumptionRule: 'RouteDependent' }] },
    ]);
  });

  it('configurations that could not work are found at start', () => {
    expect(checkTranslationRules(defaultTranslationRules)).toEqual([]);
    const bad = resolveTranslationRules({ events: { 'device.add': ['ProdProductionOrderPickingList'] }, lastOperation: { messages: ['ProdProductionOrderPickingList'] } });
    expect(checkTranslationRules(bad)).toEqual([
      'device.add can\'t produce material-consumed',
      'lastOperation can\'t produce material-consumed',
    ]);
    expect(() => resolveTranslationRules({ events: { 'device.add': ['NoSuchMessage'] } })).toThrow();
    expect(() => resolveTranslationRules({ unknownKnob: 1 })).toThrow();
  });
});
