// The postings list's form (as the browser sends it: blanks, local datetime-local values, the
// browser's zone offset) as ledger filters: one page of postings, the failure groups, and the
// filter a bulk retry or cancel acts on. The same fields travel from the list to the
// confirmation page to the action, so all three mean the same postings.
import { bulkQuery } from '../admin/admin-schemas.js';
import { describeIssues } from '../core/describe-zod-issues.js';
import type { AppDeps } from '../deps.js';
import { failureGroups, type BulkFilter, type FailureGroup } from '../operations/bulk-selection.js';
import { errorHeadline } from '../operations/error-headline.js';
import type { PostingRow } from '../store/ledger-rows.js';
import { localToEpoch } from './local-time.js';

const FILTERS = ['state', 'target', 'source', 'productionOrder', 'from', 'to', 'headline'] as const;
const PAGE = 50;

export interface PostingForm {
  /** The filters as typed (with tzOffset and the page cursor), to refill forms and build links. */
  form: Record<string, string>;
  filter?: BulkFilter;
  error?: string;
}

/** The query string of these filters (no cursor): for links to the list, the groups, the confirmation. */
export function filterQuery(form: Record<string, string>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const k of [...FILTERS, 'tzOffset'] as const) if (form[k]) params.set(k, form[k]);
  for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v); else params.delete(k);
  return params.toString();
}

export function postingForm(query: Record<string, string>): PostingForm {
  const form: Record<string, string> = {};
  for (const k of [...FILTERS, 'tzOffset', 'before'] as const) if (query[k]?.trim()) form[k] = query[k].trim();
  const offset = Number(form.tzOffset ?? 0) || 0;
  const raw: Record<string, unknown> = {};
  for (const k of FILTERS) if (form[k]) raw[k] = form[k];
  for (const k of ['from', 'to'] as const) if (form[k]) raw[k] = localToEpoch(form[k], offset) ?? form[k];
  const parsed = bulkQuery.safeParse(raw);
  if (!parsed.success) return { form, error: `Check the filters: ${describeIssues(parsed.error.issues, raw)}` };
  return { form, filter: parsed.data };
}

export interface PostingsData {
  form: Record<string, string>;
  postings: PostingRow[];
  /** Query string of the next (older) page, if there is one. */
  older?: string;
  /** Failed postings grouped by error, when the list shows failed ones. */
  groups?: { groups: FailureGroup[]; truncated: boolean };
  filtered: boolean;
  choices: { sources: string[]; targets: string[] };
}

export async function postingsData(deps: Pick<AppDeps, 'queries' | 'sources' | 'targets'>, query: Record<string, string>): Promise<{ data: PostingsData; error?: string }> {
  const { form, filter, error } = postingForm(query);
  const choices = { sources: deps.sources.map((s) => s.name), targets: deps.targets.map((t) => t.name) };
  const filtered = FILTERS.some((k) => form[k]);
  if (!filter) return { data: { form, postings: [], filtered, choices }, error };
  const { headline, ...listFilter } = filter;
  const before = Number(form.before) || undefined;
  const page = await deps.queries.postings({ ...listFilter, before, limit: PAGE });
  // The headline is worked out from each stored error, not a column: the list filters its page.
  const postings = headline ? page.items.filter((p) => errorHeadline(p.lastError) === headline) : page.items;
  const older = page.next ? `${filterQuery(form)}&before=${page.next}` : undefined;
  const groups = filter.state === 'failed' ? await failureGroups(deps.queries, filter) : undefined;
  return { data: { form, postings, older, groups, filtered, choices } };
}
