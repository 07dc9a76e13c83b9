// The automatic consumption rules D365 gets (issue 17, item 6): configured, sent on Start,
// report-as-finished and the route card, and refused in words when misspelt.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/settings-toolkit.js';
import { buildD365Message } from '../../src/targets/d365/message-builders.js';
import { messageOptionsFrom } from '../../src/targets/d365/message-options.js';
import { checkMessage } from '../../src/targets/d365/message-spec.js';
import { specsFor } from '../../src/targets/d365/message-versions.js';
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

  it("sends the MES unit as D365's symbol only through D365_UNIT_MAP, and a cause with every error quantity", () => {
    const o = messageOptionsFrom({ D365_UNIT_MAP: JSON.stringify({ ml: 'mL' }), D365_ERROR_CAUSE: 'Machine' });
    const line = (unit: string) => (buildD365Message({ kind: 'material-consumed', ...base, item: 'JUICE', quantity: 5, unit }, o).content.PickingListLines as object[])[0];
    expect(line('ml')).toMatchObject({ BOMUnitSymbol: 'mL' });
    expect(line('EA')).not.toHaveProperty('BOMUnitSymbol'); // unmapped: D365 books in the BOM line's unit
    const card = buildD365Message({ kind: 'operation-reported', ...base, operationNumber: 10, goodQuantity: 5, scrapQuantity: 1 }, o);
    expect(card.content.RouteCardLines).toEqual([expect.objectContaining({ ErrorQuantity: 1, ErrorCause: 'Machine' })]);
    expectValidD365(card.messageType, card.content);
  });
});

describe('D365_MESSAGE_VERSION', () => {
  it('is 2024 by default; 2022 renames the journal-name fields, checked against the 2022 tables', () => {
    const names = JSON.stringify({ pickingList: 'PICK' });
    const pick = (env: Record<string, string>) => buildD365Message({ kind: 'material-consumed', ...base, item: 'X', quantity: 1 }, messageOptionsFrom({ D365_JOURNAL_NAMES: names, ...env }));
    expect(pick({}).content).toMatchObject({ JournalNameId: 'PICK' });
    const old = pick({ D365_MESSAGE_VERSION: '2022' });
    expect(old.content).toMatchObject({ PickingListJournalNameId: 'PICK' });
    expect(checkMessage(specsFor('2022'), old.messageType, old.content)).toEqual([]);
    expect(checkMessage(specsFor('2022'), old.messageType, pick({}).content)).toEqual(['JournalNameId is not a field D365 knows']);
  });

  it('refuses another version in a sentence naming the setting', () => {
    expect(() => messageOptionsFrom({ D365_MESSAGE_VERSION: '2023' })).toThrow(/D365_MESSAGE_VERSION: must be 2024 or 2022/);
  });
});
