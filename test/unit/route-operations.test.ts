// A Next Plus operation on a work order the bridge made, against the route D365 gave it: which
// operation a position is, and which one is last. Pure: the known order is handed in.
import { describe, expect, it } from 'vitest';
import type { KnownOrder } from '../../src/core/known-order.js';
import type { NextPlusEvent } from '../../src/sources/nextplus/nextplus-event.js';
import { operationEventSchema } from '../../src/sources/nextplus/operation-event.js';
import { toCanonical } from '../../src/sources/nextplus/to-canonical.js';
import { resolveTranslationRules } from '../../src/sources/nextplus/translation-rules.js';
import { fixtures } from '../support/fixtures.js';

const rules = resolveTranslationRules({});
const order = (route: number[]): KnownOrder => ({ productionOrder: 'P1', route: route.map((n) => ({ operationNumber: n, operationId: `OP${n}` })), mesOrders: [] });
const op = (position: number): NextPlusEvent => ({ integration: 'operation', event: operationEventSchema.parse({ ...fixtures['operation-add'].body, position }) });
const made = (position: number, known?: KnownOrder) => toCanonical(op(position), rules, '2026-05-06', known).map((e) => `${e.kind}${'operationNumber' in e ? `:${e.operationNumber}` : ''}:${e.productionOrder}`);

describe('positions against a known route', () => {
  it('an operation number of the route is that operation; else the Nth', () => {
    expect(made(20, order([10, 20, 30]))).toEqual(['operation-reported:20:P1']);
    expect(made(2, order([10, 20, 30]))).toEqual(['operation-reported:20:P1']);
  });
  it('the last operation (by number or by place) also reports finished', () => {
    expect(made(30, order([10, 20, 30]))).toEqual(['operation-reported:30:P1', 'quantity-finished:P1']);
    expect(made(3, order([10, 20, 30]))).toEqual(['operation-reported:30:P1', 'quantity-finished:P1']);
  });
  it('a position the route has no place for is kept as is, and is not last', () => {
    expect(made(7, order([10, 20, 30]))).toEqual(['operation-reported:7:P1']);
    expect(made(0, order([10, 20, 30]))).toEqual(['operation-reported:0:P1']);
  });
  it('a route read without operations, or no known order, changes nothing', () => {
    expect(made(1, order([]))).toEqual(['operation-reported:1:P1']);
    expect(made(1)).toEqual(['operation-reported:1:ERP-WO-123']);
  });
});
