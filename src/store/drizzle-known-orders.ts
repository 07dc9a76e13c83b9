// The loop's memory on drizzle: routes read and MES orders made (schema: order_routes,
// mes_orders). Written inside the attempt's atomic write (the outbox store), read before a
// source interprets a delivery (the ledger store) and by the console's order page.
import { and, eq } from 'drizzle-orm';
import type { KnownOrder, OrderFacts, OrderLookup, RouteStep } from '../core/known-order.js';
import type { PostingRow } from './ledger-rows.js';
import type { AnySqliteDb, Statement } from './drizzle-types.js';
import { mesOrders, orderRoutes } from './schema.js';

/** The writes of what a delivered send taught: a route read again replaces the old one. */
export function orderFactStatements(db: AnySqliteDb, facts: OrderFacts, posting: Pick<PostingRow, 'id' | 'target' | 'productionOrder'>, now: number): Statement[] {
  const statements: Statement[] = (facts.routes ?? []).map(({ productionOrder, route }) =>
    db
      .insert(orderRoutes)
      .values({ productionOrder, route: JSON.stringify(route), readAt: now })
      .onConflictDoUpdate({ target: orderRoutes.productionOrder, set: { route: JSON.stringify(route), readAt: now } }),
  );
  if (facts.mesOrder) {
    const row = { target: posting.target, productionOrder: posting.productionOrder, mesId: facts.mesOrder.id ?? null, mesNumber: facts.mesOrder.number, postingId: posting.id, createdAt: now };
    statements.push(
      db
        .insert(mesOrders)
        .values(row)
        .onConflictDoUpdate({ target: [mesOrders.target, mesOrders.productionOrder], set: { mesId: row.mesId, mesNumber: row.mesNumber, postingId: row.postingId } }),
    );
  }
  return statements;
}

/**
 * The order an MES number or a production order names: the MES number first (an MES event
 * names its own order), then the production order. Undefined when the bridge never synced it.
 */
export async function findKnownOrder(db: AnySqliteDb, lookup: OrderLookup): Promise<KnownOrder | undefined> {
  let productionOrder: string | undefined;
  if (lookup.mesTarget && lookup.mesNumber) {
    const [made] = await db
      .select({ productionOrder: mesOrders.productionOrder })
      .from(mesOrders)
      .where(and(eq(mesOrders.target, lookup.mesTarget), eq(mesOrders.mesNumber, lookup.mesNumber)))
      .limit(1);
    productionOrder = made?.productionOrder;
  }
  productionOrder ??= lookup.productionOrder;
  if (!productionOrder) return undefined;
  return knownOrder(db, productionOrder);
}

/** What the bridge remembers of one production order; undefined when nothing. */
export async function knownOrder(db: AnySqliteDb, productionOrder: string): Promise<KnownOrder | undefined> {
  const [route] = await db.select().from(orderRoutes).where(eq(orderRoutes.productionOrder, productionOrder)).limit(1);
  const made = await db.select().from(mesOrders).where(eq(mesOrders.productionOrder, productionOrder));
  if (!route && !made.length) return undefined;
  return {
    productionOrder,
    route: route ? (JSON.parse(route.route) as RouteStep[]) : [],
    routeReadAt: route?.readAt,
    mesOrders: made.map((m) => ({ target: m.target, id: m.mesId ?? undefined, number: m.mesNumber, createdAt: m.createdAt })),
  };
}
