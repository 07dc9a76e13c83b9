// Planning builds postings only for the targets that take an event's kind: D365 production
// events, the webhook and the journal everything; the webhook's published body takes order events.
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../src/core/canonical-events.js';
import { postingsForEvents } from '../../src/ingest/plan-postings.js';
import { d365Messages } from '../../src/targets/d365/d365-target.js';
import { journalTarget } from '../../src/targets/journal/d365-dry-run.js';
import type { Target } from '../../src/targets/target.js';
import { webhookBody, webhookBodySchema } from '../../src/targets/webhook/webhook-body.js';
import { messageOptionsFrom } from '../../src/targets/d365/message-options.js';

const origin = { source: 'd365', integration: 'business-events', deliveryId: 'dlv_1', externalId: 'D365-1', receivedAt: Date.parse('2026-03-04T10:00:00Z') };
const connector = { deliversOnCommit: false, timeoutMs: 1000, send: async () => ({ outcome: 'delivered' as const }) };
const d365: Target = { name: 'd365', label: 'D365', ...d365Messages(messageOptionsFrom({})), connector };
const journal: Target = { name: 'journal', label: 'Journal', ...journalTarget.create(messageOptionsFrom({}), undefined as never) };
const mes: Target = { name: 'mes', label: 'MES', takes: ['order-issued'], build: (e) => [{ messageType: 'create', content: { order: e.productionOrder } }], reverse: () => ({ messageType: 'x', content: {} }), check: () => [], connector };

const released: CanonicalEvent = { kind: 'order-released', productionOrder: 'P000123', date: '2026-03-04', company: 'usmf' };
const issued: CanonicalEvent = { kind: 'order-issued', productionOrder: 'P000123', date: '2026-03-04', item: 'D0001', quantity: 10, bomLines: [{ item: 'M0001', quantity: 20 }], routeOperations: [{ operationNumber: 10 }, { operationNumber: 20 }] };
const started: CanonicalEvent = { kind: 'order-started', productionOrder: 'P000123', date: '2026-03-04', quantity: 1 };

describe('targets take the kinds they declare', () => {
  it('D365 gets production events only, the MES order events only, the journal both', () => {
    const drafts = postingsForEvents([d365, mes, journal], [released, issued, started], origin);
    expect(drafts.map((d) => [d.target, d.messageType])).toEqual([
      ['d365', 'ProdProductionOrderStart'],
      ['mes', 'create'],
      ['journal', 'order-released'],
      ['journal', 'order-issued'],
      ['journal', 'ProdProductionOrderStart'],
    ]);
  });

  it("the webhook's published body carries order events as order.<what>", () => {
    for (const [event, type] of [
      [released, 'order.released'],
      [issued, 'order.issued'],
      [started, 'production.order-started'],
    ] as const) {
      const body = webhookBody(event, origin);
      expect(body.type).toBe(type);
      expect(webhookBodySchema.safeParse(body).success).toBe(true);
    }
  });
});
