// Turns the events form (as the browser sends it: blanks, local datetime-local values and the
// browser's zone offset) into a ledger query, and loads one page with its postings' states.
import { eventListQuery } from '../admin/admin-schemas.js';
import type { AppDeps } from '../deps.js';
import { describeIssues } from '../core/describe-zod-issues.js';
import type { EventsData } from './pages/events-page.js';
import { localToEpoch } from './local-time.js';

const FIELDS = ['q', 'source', 'target', 'state', 'outcome', 'integration', 'productionOrder', 'serial', 'verdict', 'from', 'to', 'tzOffset', 'before'] as const;
const PAGE = 50;

export async function eventsData(deps: Pick<AppDeps, 'queries'>, query: Record<string, string>): Promise<{ data: EventsData; error?: string }> {
  const form: Record<string, string> = {};
  for (const k of FIELDS) if (query[k]?.trim()) form[k] = query[k].trim();
  const offset = Number(form.tzOffset ?? 0) || 0;
  const raw: Record<string, unknown> = { ...form, limit: PAGE };
  delete raw.tzOffset;
  for (const k of ['from', 'to'] as const) if (form[k]) raw[k] = localToEpoch(form[k], offset) ?? form[k];
  const parsed = eventListQuery.safeParse(raw);
  const filtered = Object.keys(form).some((k) => k !== 'tzOffset' && k !== 'before');
  if (!parsed.success) {
    return { data: { form, events: [], postingsOf: new Map(), filtered }, error: `Check the filters: ${describeIssues(parsed.error.issues, raw)}` };
  }
  const page = await deps.queries.events(parsed.data);
  const postings = await deps.queries.postingsOfDeliveries(page.items.map((e) => e.id));
  const postingsOf = new Map<string, typeof postings>();
  for (const p of postings) postingsOf.set(p.deliveryId, [...(postingsOf.get(p.deliveryId) ?? []), p]);
  let older: string | undefined;
  if (page.next) {
    const params = new URLSearchParams(form);
    params.set('before', page.next);
    older = params.toString();
  }
  return { data: { form, events: page.items, postingsOf, older, filtered } };
}
