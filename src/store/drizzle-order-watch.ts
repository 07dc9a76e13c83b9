// Which orders an ERP source released and has not ended or withdrawn since, read from the
// deliveries' verbs (the D365 source stores released / started / ended / withdrawn). The catch-up
// poll asks D365 about these, because a deleted order publishes no event; and it reads when an
// order was last ended or withdrawn, to tell a new release (after that) from a repeat of one.
import { alias } from 'drizzle-orm/sqlite-core';
import { and, asc, eq, gt, inArray, notExists, or, sql } from 'drizzle-orm';
import type { AnySqliteDb } from './drizzle-types.js';
import { deliveries } from './schema.js';

/** The verbs that open or close an order's time in the MES (started changes nothing of that). */
const TURNS = ['released', 'ended', 'withdrawn'];
const CLOSINGS = ['ended', 'withdrawn'];

export interface OrderTurn {
  productionOrder: string;
  verb: string;
  deliveryId: string;
}

export class DrizzleOrderWatch {
  constructor(private readonly db: AnySqliteDb) {}

  private turns(source: string) {
    return and(eq(deliveries.source, source), eq(deliveries.outcome, 'accepted'), inArray(deliveries.eventType, TURNS));
  }

  /** Orders (after `after`, in order, at most `limit`) whose last turn is a release, with that release. */
  async outstanding(source: string, after: string, limit: number): Promise<OrderTurn[]> {
    const later = alias(deliveries, 'later');
    const laterTurn = this.db
      .select({ one: sql`1` })
      .from(later)
      .where(
        and(
          eq(later.source, source),
          eq(later.outcome, 'accepted'),
          inArray(later.eventType, TURNS),
          eq(later.productionOrder, deliveries.productionOrder),
          or(gt(later.receivedAt, deliveries.receivedAt), and(eq(later.receivedAt, deliveries.receivedAt), gt(later.id, deliveries.id))),
        ),
      );
    const rows = await this.db
      .select({ productionOrder: deliveries.productionOrder, deliveryId: deliveries.id })
      .from(deliveries)
      .where(and(this.turns(source), eq(deliveries.eventType, 'released'), gt(deliveries.productionOrder, after), notExists(laterTurn)))
      .orderBy(asc(deliveries.productionOrder))
      .limit(limit);
    return rows.map((r) => ({ productionOrder: r.productionOrder!, verb: 'released', deliveryId: r.deliveryId }));
  }

  /** The last ended or withdrawn event of each of these orders (none: never taken back). */
  async lastClosed(source: string, orders: readonly string[]): Promise<Map<string, OrderTurn>> {
    const last = new Map<string, OrderTurn>();
    // D1 binds at most 100 parameters to a query.
    for (let i = 0; i < orders.length; i += 50) {
      const rows = await this.db
        .select({ productionOrder: deliveries.productionOrder, verb: deliveries.eventType, deliveryId: deliveries.id })
        .from(deliveries)
        .where(and(this.turns(source), inArray(deliveries.eventType, CLOSINGS), inArray(deliveries.productionOrder, orders.slice(i, i + 50))))
        .orderBy(asc(deliveries.receivedAt), asc(deliveries.id));
      for (const r of rows) last.set(r.productionOrder!, { productionOrder: r.productionOrder!, verb: r.verb!, deliveryId: r.deliveryId });
    }
    return last;
  }
}
