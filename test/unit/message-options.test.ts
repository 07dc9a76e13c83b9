// The automatic consumption rules D365 gets (issue 17, item 6): configured, sent on Start,
// report-as-finished and the route card, and refused in words when misspelt.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/settings-toolkit.js';
import { buildD365Message } from '../../src/targets/d365/message-builders.js';
import { messageOptionsFrom } from '../../src/targets/d365/message-options.js';
import { expectValidD365 } from '../support/spec-check.js';

const base = { productionOrder: 'P1', date: '2026-03-04' };
const messages = (env: Record<string, string>) => {
  const o = messageOptionsFrom(env);
  return [
    buildD365Message({ kind: 'order-started', ...base, quantity: 1 }, o),
    buildD365Message({ kind: 'quantity-finished', ...base, goodQuantity: 1 }, o),
    buildD365Message({ kind: 'operation-reported', ...base, operationNumber: 10, goodQuantity: 1 }, o),
  ];
};

describe('automatic consumption rules', () => {
  it('are sent as configured, with the defaults explicit: FlushingPrincip, RouteDependent, no BOM consumption on route cards', () => {
    const [start, finished, card] = messages({});
    expect(start!.content.AutomaticBOMConsumptionRule).toBe('FlushingPrincip');
    expect(finished!.content.ReportFinishedLines).toEqual([expect.objectContaining({ AutomaticBOMConsumptionRule: 'FlushingPrincip', AutomaticRouteConsumptionRule: 'RouteDependent' })]);
    expect(card!.content.RouteCardLines).toEqual([expect.objectContaining({ BOMConsumption: 'No' })]);
    const [, never] = messages({ D365_AUTOMATIC_BOM_CONSUMPTION: 'Never', D365_AUTOMATIC_ROUTE_CONSUMPTION: 'Never' });
    expect(never!.content.ReportFinishedLines).toEqual([expect.objectContaining({ AutomaticBOMConsumptionRule: 'Never', AutomaticRouteConsumptionRule: 'Never' })]);
    const [, , always] = messages({ D365_AUTOMATIC_BOM_CONSUMPTION: 'Always' });
    expect(always!.content.RouteCardLines).toEqual([expect.objectContaining({ BOMConsumption: 'Yes' })]);
    for (const m of [...messages({}), ...messages({ D365_AUTOMATIC_BOM_CONSUMPTION: 'Always' })]) expectValidD365(m.messageType, m.content);
  });

  it('refuses a misspelt rule in a sentence naming the setting', () => {
    expect(() => messageOptionsFrom({ D365_AUTOMATIC_BOM_CONSUMPTION: 'flushing' })).toThrow(ConfigError);
    expect(() => messageOptionsFrom({ D365_AUTOMATIC_ROUTE_CONSUMPTION: 'Sometimes' })).toThrow(/D365_AUTOMATIC_ROUTE_CONSUMPTION.*RouteDependent, Always or Never/);
  });
});
