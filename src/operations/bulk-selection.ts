// Which postings a bulk action (retry or cancel everything a filter matches) or the failure
// report reads: oldest first, so a lane's first failed posting is acted on before those behind
// it, and bounded, so a ledger with a million postings can't stall one request.
import type { PostingFilter, LedgerQueries, PostingBrief } from '../store/ledger-queries.js';
import { errorHeadline } from './error-headline.js';

/** At most this many postings per bulk action: call again for the rest (`more` says so). */
export const BULK_LIMIT = 1000;
/** The failure report groups at most this many failed postings (the oldest). */
export const REPORT_LIMIT = 10_000;
const PAGE = 500;
const NO_REASON = 'no reason recorded';

/** A posting's headline, as groups and the headline filter know it. */
const headlineOf = (p: PostingBrief) => errorHeadline(p.lastError) ?? NO_REASON;

/** The postings list's filters, plus the headline of the last error (a failure group's). */
export type BulkFilter = Omit<PostingFilter, 'limit' | 'before'> & { headline?: string };

export interface Selection {
  items: PostingBrief[];
  /** More postings match than were taken. */
  more: boolean;
}

/** Up to `limit` postings in `states` matching `f`, oldest first. */
export async function selectPostings(queries: LedgerQueries, f: BulkFilter, states: string[], limit: number, scanLimit = REPORT_LIMIT): Promise<Selection> {
  const { headline, state: _state, ...filter } = f;
  const items: PostingBrief[] = [];
  let after: number | undefined;
  for (let scanned = 0; scanned < scanLimit; scanned += PAGE) {
    // Without a headline, SQL takes exactly what is needed; with one, pages are read and matched here.
    const page = await queries.oldestPostings({ ...filter, states, after, limit: headline ? PAGE : limit + 1 });
    for (const p of page) if (!headline || headlineOf(p) === headline) items.push(p);
    if (items.length > limit) return { items: items.slice(0, limit), more: true };
    if (!headline || page.length < PAGE) return { items, more: false };
    after = page[page.length - 1]!.id;
  }
  return { items, more: true };
}

export interface FailureGroup {
  target: string;
  headline: string;
  count: number;
  /** The production orders held by these failures, in the order they failed. */
  productionOrders: string[];
  firstFailedAt: number;
  lastFailedAt: number;
  oldestPostingId: number;
}

/** Failed postings grouped by target and error headline, the largest group first. */
export async function failureGroups(queries: LedgerQueries, f: BulkFilter): Promise<{ groups: FailureGroup[]; truncated: boolean }> {
  const { items, more } = await selectPostings(queries, { ...f, headline: undefined }, ['failed'], REPORT_LIMIT);
  const groups = new Map<string, FailureGroup & { orders: Set<string> }>();
  for (const p of items) {
    const headline = headlineOf(p);
    if (f.headline && headline !== f.headline) continue;
    const key = `${p.target}\n${headline}`;
    const g = groups.get(key) ?? { target: p.target, headline, count: 0, productionOrders: [], orders: new Set(), firstFailedAt: p.updatedAt, lastFailedAt: p.updatedAt, oldestPostingId: p.id };
    g.count++;
    if (!g.orders.has(p.productionOrder)) g.orders.add(p.productionOrder) && g.productionOrders.push(p.productionOrder);
    g.firstFailedAt = Math.min(g.firstFailedAt, p.updatedAt);
    g.lastFailedAt = Math.max(g.lastFailedAt, p.updatedAt);
    groups.set(key, g);
  }
  const list = [...groups.values()].map(({ orders: _orders, ...g }) => g);
  return { groups: list.sort((a, b) => b.count - a.count || a.oldestPostingId - b.oldestPostingId), truncated: more };
}
