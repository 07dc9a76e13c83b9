// Query and body rules of the admin API, validated by the same zod hook as everything else.
import { z } from 'zod';

/** A time filter: ISO 8601 or epoch milliseconds. */
const time = z.union([z.coerce.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((v) => Date.parse(v))], {
  error: 'must be an ISO 8601 time or epoch milliseconds',
});
const limit = z.coerce.number().int().min(1, { error: 'must be at least 1' }).max(500, { error: 'must be at most 500' }).default(50);
const integration = z.string().trim().min(1).max(60);
const name = z.string().trim().min(1).max(40);

const postingState = z.enum(['queued', 'sending', 'delivered', 'failed', 'held', 'cancelled'], {
  error: 'must be queued, sending, delivered, failed, held or cancelled',
});

export const eventListQuery = z.object({
  source: name.optional(),
  target: name.optional(),
  outcome: z.enum(['accepted', 'test', 'duplicate', 'rejected'], { error: 'must be accepted, test, duplicate or rejected' }).optional(),
  integration: integration.optional(),
  productionOrder: z.string().trim().min(1).optional(),
  serial: z.string().trim().min(1).optional(),
  state: postingState.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  verdict: z
    .enum(['unmatched'], { error: 'must be unmatched' })
    .optional()
    .describe("unmatched: only ERP verdicts (D365's message processor) that match no posting of this bridge; with source=d365 it is an index look-up."),
  from: time.optional(),
  to: time.optional(),
  limit,
  before: z.string().optional(),
});

export const postingListQuery = z.object({
  state: postingState.optional(),
  target: name.optional(),
  source: name.optional(),
  productionOrder: z.string().trim().min(1).optional(),
  integration: integration.optional(),
  from: time.optional(),
  to: time.optional(),
  limit,
  before: z.coerce.number().int().optional(),
});

export const postingIdParam = z.object({ id: z.coerce.number({ error: 'must be a posting number' }).int().positive() });

export const contentBody = z.object({ content: z.record(z.string(), z.unknown(), { error: 'must be the message content as a JSON object' }) });

/**
 * The filters of a bulk retry or cancel (and of the failure report): the postings list's, and
 * the headline of the last error, which names one failure group.
 */
export const bulkQuery = postingListQuery.omit({ limit: true, before: true }).extend({
  headline: z.string().trim().min(1).max(300).optional().describe('Only postings whose last error has this headline (a failure group\'s).'),
});
