// D365_AUTO_START (issue 17, item 2): which events need a started order, what the automatic Start
// says, that it is never reversed, and the setting refused in words when misspelt.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/settings-toolkit.js';
import { autoStartFrom, isAutomaticStart, startBefore } from '../../src/targets/d365/auto-start.js';
import { messageOptionsFrom } from '../../src/targets/d365/message-options.js';
import { expectValidD365 } from '../support/spec-check.js';

const base = { productionOrder: 'P1', date: '2026-03-04' };
const o = messageOptionsFrom({});

describe('automatic Start', () => {
  it('goes before picking lists, route cards and reports as finished, never before a Start or an End', () => {
    const journals = [
      startBefore({ kind: 'material-consumed', ...base, item: 'C1', quantity: 1 }, o),
      startBefore({ kind: 'operation-reported', ...base, operationNumber: 10 }, o),
      startBefore({ kind: 'quantity-finished', ...base, goodQuantity: 1 }, o),
    ];
    for (const start of journals) {
      expect(start).toEqual({
        messageType: 'ProdProductionOrderStart',
        content: { ProductionOrderNumber: 'P1', StartedDate: '2026-03-04', AutomaticBOMConsumptionRule: 'FlushingPrincip' },
        unlessLaneHas: ['ProdProductionOrderStart', 'ProdProductionOrderEnd'],
      });
      expectValidD365(start!.messageType, start!.content);
    }
    expect(startBefore({ kind: 'order-started', ...base, quantity: 1 }, o)).toBeUndefined();
    expect(startBefore({ kind: 'order-ended', ...base }, o)).toBeUndefined();
  });

  it('is told from a Start with a quantity, which is reversed as before', () => {
    const posted = (content: Record<string, unknown>) => ({ postingId: 1, deliveryId: 'd', messageType: 'ProdProductionOrderStart', content });
    expect(isAutomaticStart(posted({ ProductionOrderNumber: 'P1' }))).toBe(true);
    expect(isAutomaticStart(posted({ ProductionOrderNumber: 'P1', StartedQuantity: 1 }))).toBe(false);
  });

  it('is on by default, off with false, and a misspelt value is refused naming the setting', () => {
    expect(autoStartFrom({})).toBe(true);
    expect(autoStartFrom({ D365_AUTO_START: 'false' })).toBe(false);
    expect(() => autoStartFrom({ D365_AUTO_START: 'maybe' })).toThrow(ConfigError);
    try {
      autoStartFrom({ D365_AUTO_START: 'maybe' });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(['D365_AUTO_START: must be true or false']);
    }
  });
});
