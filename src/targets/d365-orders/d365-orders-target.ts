// The order reader: an internal target, on whenever ORDER_SYNC is. It takes `order-released`
// (only the order's number is known) and its send reads the order from D365 OData; what it read
// comes back as an `order-issued` follow-up, which the dispatcher posts to the MES targets in the
// same write that finishes this send. So the read is durable work like any posting: never inside
// the HTTP answer, retried with backoff while OData is down, failed and holding its lane (visible
// in the console) when it can't succeed, and sent again after a crash. An order D365 has back
// before Released, or no more after the bridge read it once, was withdrawn: recorded as such (the
// send is delivered, nothing goes to the MES, nothing is held), as an operator expects of a
// cancelled order. One OData never returned fails instead (notFound says why).
import { z } from 'zod';
import { conflict } from '../../core/domain-errors.js';
import { describeIssues } from '../../core/describe-zod-issues.js';
import { type EventOrigin } from '../../core/canonical-events.js';
import type { Connector, SendResult } from '../connector.js';
import { d365Tokens, type D365Settings } from '../d365/d365-connector.js';
import { d365Connection } from '../d365/d365-target.js';
import { d365SourceSettings } from '../../sources/d365/d365-source-settings.js';
import type { TargetDefinition } from '../target.js';
import { issuedOrder } from './issued-order.js';
import { ODataOrders } from './odata-orders.js';

export const READ_ORDER = 'ReadProductionOrder';

/**
 * A released order OData doesn't return, that the bridge never read before: more likely a wrong
 * legal entity or an app that may not read it than an order deleted this soon, so a failure a
 * person sees (lane held, alert) rather than a quiet "withdrawn".
 */
const notFound = (order: string, company: string): SendResult => ({
  outcome: 'permanent',
  status: 200,
  error:
    `D365 OData returns no production order ${order} in legal entity ${company}, though D365 released it, and the bridge never read it before. ` +
    `Likely causes: D365_COMPANY (${company}) is not the order's legal entity; the Entra ID app's D365 user may not read ProductionOrderHeaders (D365 then returns no rows rather than an error); or the order was deleted in D365 since. ` +
    'Fix D365_COMPANY or grant the app a role that reads production orders (System administration > Users), then retry this posting; cancel it if the order was really deleted.',
});

const contentSchema = z.strictObject({
  productionOrder: z.string().min(1),
  company: z.string().min(1),
  date: z.iso.date(),
  occurredAt: z.string().optional(),
  origin: z.looseObject({ source: z.string(), integration: z.string(), deliveryId: z.string(), externalId: z.string(), receivedAt: z.number() }),
});

export const d365OrdersTarget: TargetDefinition<D365Settings & { resetStatuses: string[] }> = {
  name: 'd365-orders',
  label: 'D365 order reader',
  settings: (env) => ({ ...d365Connection(env, 'when ORDER_SYNC is on (released orders are read from D365 OData)'), resetStatuses: d365SourceSettings(env).resetStatuses }),
  create: (settings, runtime) => {
    const company = settings.company.toLowerCase();
    const odata = new ODataOrders(settings.url, company, d365Tokens(settings, runtime), {
      fetch: runtime.fetch,
      timeoutMs: settings.timeoutMs,
      now: () => runtime.clock.now(),
      system: 'D365 OData',
      urlSetting: 'D365_URL',
    });
    const connector: Connector = {
      deliversOnCommit: false,
      timeoutMs: settings.timeoutMs * 3, // three reads
      async send(posting): Promise<SendResult> {
        const c = contentSchema.parse(JSON.parse(posting.content));
        const read = await odata.readOrder(c.productionOrder);
        if (!read.ok) return read.failure;
        const status = String(read.order?.header.ProductionOrderStatus ?? '');
        if (!read.order && !(await runtime.knownOrder?.(c.productionOrder))) return notFound(c.productionOrder, company);
        if (!read.order || settings.resetStatuses.includes(status)) {
          const now = read.order ? `is ${status} in D365 (legal entity ${company}), back before Released` : `is not in D365 (legal entity ${company}) any more`;
          return { outcome: 'delivered', status: 200, response: `recorded as withdrawn: production order ${c.productionOrder} ${now}, so nothing goes to the MES. A new release of it syncs it again.` };
        }
        const issued = issuedOrder(read.order, { date: c.date, company, occurredAt: c.occurredAt });
        const summary = `read ${issued.productionOrder}: ${issued.quantity} × ${issued.item}, ${issued.bomLines.length} BOM lines, ${issued.routeOperations.length} route operations`;
        return { outcome: 'delivered', status: 200, response: summary, followUps: { events: [issued], origin: c.origin as EventOrigin } };
      },
    };
    return {
      takes: ['order-released'],
      build: (event, origin) => {
        if (event.kind !== 'order-released') return [];
        return [{ messageType: READ_ORDER, content: { productionOrder: event.productionOrder, company: event.company ?? company, date: event.date, ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}), origin: { ...origin } } }];
      },
      reverse: () => {
        throw conflict('A read of a released order takes nothing back in D365; nothing was reversed.');
      },
      check: (_type, content) => {
        const parsed = contentSchema.safeParse(content);
        return parsed.success ? [] : [describeIssues(parsed.error.issues, content)];
      },
      connector,
    };
  },
};
