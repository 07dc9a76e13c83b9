// The admin API's routes as OpenAPI definitions: the request schemas here are the ones that
// validate (admin-schemas.ts), so /openapi.json can't drift from what the API accepts.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { json, messageSchema } from '../openapi/json-response.js';
import { BULK_LIMIT } from '../operations/bulk-selection.js';
import { bulkQuery, contentBody, eventListQuery, postingIdParam, postingListQuery } from './admin-schemas.js';

const posting = z
  .looseObject({
    id: z.number(), deliveryId: z.string(), target: z.string(), productionOrder: z.string(), messageType: z.string(), state: z.string(), content: z.unknown(),
    erpVerdict: z.string().nullable().optional().describe("The ERP's own verdict read back after delivery (D365's message processor): failed or processed; null: none heard."),
    erpVerdictMessage: z.string().nullable().optional().describe("The ERP's text with its verdict (a failed message's error)."),
  })
  .meta({ id: 'Posting', description: 'One message for one target, with its delivery state.' });
const event = z
  .looseObject({ id: z.string(), receivedAt: z.number(), source: z.string(), integration: z.string(), outcome: z.string(), status: z.number(), externalId: z.string().nullable() })
  .meta({ id: 'Event', description: 'One delivery from an MES, whatever became of it.' });
const record = z.looseObject({ id: z.number() });

const refusals = {
  400: json(messageSchema, 'A parameter or the body is not right; the message names it.'),
  401: json(messageSchema, 'The admin token is missing or wrong.'),
  429: json(messageSchema, 'Too many wrong tokens from this address; see Retry-After.'),
};
const base = { tags: ['Admin API'], security: [{ adminBearer: [] }] };
const actorHeader = z.object({ 'x-actor': z.string().max(80).optional().describe('Who is acting, for the record (default: admin).') });
const orderParam = z.object({ order: z.string().min(1).describe('The production order.') });
const eventParam = z.object({ id: z.string().min(1).describe('The delivery id (dlv_…).') });

function actionRoute<A extends string>(action: A, summary: string) {
  return createRoute({
    ...base,
    operationId: `${action}Posting`,
    method: 'post',
    path: `/postings/{id}/${action}` as `/postings/{id}/${A}`,
    summary,
    request: { params: postingIdParam, headers: actorHeader },
    responses: { 200: json(z.object({ posting }), 'The posting after the action.'), 404: json(messageSchema, 'No such posting.'), 409: json(messageSchema, 'Not possible in its state; the message says why.'), ...refusals },
  });
}

function bulkRoute<A extends 'retry' | 'cancel'>(action: A, summary: string) {
  return createRoute({
    ...base,
    operationId: `${action}Postings`,
    method: 'post',
    path: `/postings/${action}` as `/postings/${A}`,
    summary,
    description:
      `Takes the filters of \`GET /postings\` as query parameters, and \`headline\` (a failure group's). Without \`state\`, failed postings. ` +
      `Oldest first, at most ${BULK_LIMIT} postings per call (\`more: true\`: call again for the rest). Each posting gets its own operator action; ` +
      'a production order\'s postings behind a failed one are released, in order, once none of them has failed.',
    request: {
      query: bulkQuery.extend({
        limit: z.coerce.number().int().min(1, { error: 'must be at least 1' }).max(BULK_LIMIT, { error: `must be at most ${BULK_LIMIT}` }).default(BULK_LIMIT).describe('At most this many postings in this call.'),
      }),
      headers: actorHeader,
    },
    responses: { 200: json(z.object({ count: z.number().describe('How many postings moved.'), more: z.boolean().describe(`More match than the ${BULK_LIMIT} taken per call.`) }), 'How many postings moved.'), ...refusals },
  });
}

const failureGroup = z
  .object({
    target: z.string(),
    headline: z.string(),
    count: z.number(),
    productionOrders: z.array(z.string()),
    firstFailedAt: z.number(),
    lastFailedAt: z.number(),
    oldestPostingId: z.number(),
  })
  .meta({ id: 'FailureGroup', description: 'Failed postings of one target whose last errors have the same headline.' });
const targetHealthSchema = z.object({
  name: z.string(),
  label: z.string(),
  healthy: z.boolean().describe('No retryable failure since the last success'),
  lastSuccessAt: z.number().nullable(),
  failingSince: z.number().nullable().describe('The first retryable failure since the last success (epoch ms)'),
  consecutiveFailures: z.number(),
  lastError: z.string().nullable().describe('The last failure in words that name its cause'),
  nextRetryAt: z.number().nullable(),
});
const unmappedSchema = z
  .object({ target: z.string(), setting: z.string(), what: z.string(), value: z.string(), count: z.number().describe('Messages that left it out since this instance started') })
  .meta({ id: 'UnmappedValue', description: "A value a target's settings don't map yet (D365_WORKER_MAP's MES users), left out of its messages." });
const integrationActivitySchema = z.object({ source: z.string(), integration: z.string(), lastReceivedAt: z.number().nullable(), lastHour: z.number().describe('Deliveries in the last hour') });

export const routes = {
  summary: createRoute({
    ...base,
    operationId: 'getSummary',
    method: 'get',
    path: '/summary',
    summary: "Counts by state and outcome, per target, the oldest waiting posting, each target's health and each integration's last delivery",
    responses: { 200: json(z.looseObject({ targets: z.array(targetHealthSchema), integrations: z.array(integrationActivitySchema), postings: z.record(z.string(), z.number()), deliveries: z.record(z.string(), z.number()), oldestWaitingSince: z.number().nullable(), unmapped: z.array(unmappedSchema) }), 'The counts.'), ...refusals },
  }),
  events: createRoute({
    ...base,
    operationId: 'listEvents',
    method: 'get',
    path: '/events',
    summary: 'Events, newest first, filtered, a page at a time (pass `next` as `before`)',
    request: { query: eventListQuery },
    responses: { 200: json(z.object({ items: z.array(event), next: z.string().nullable() }), 'One page of events.'), ...refusals },
  }),
  event: createRoute({
    ...base,
    operationId: 'getEvent',
    method: 'get',
    path: '/events/{id}',
    summary: 'One event: raw body, postings, what it repeats or refers to, what refers to it, operator actions',
    request: { params: eventParam },
    responses: { 200: json(z.looseObject({ event, postings: z.array(posting) }), 'The event and everything linked to it.'), 404: json(messageSchema, 'No such event.'), ...refusals },
  }),
  postings: createRoute({
    ...base,
    operationId: 'listPostings',
    method: 'get',
    path: '/postings',
    summary: 'Postings, newest first, filtered, a page at a time (pass `next` as `before`)',
    request: { query: postingListQuery },
    responses: { 200: json(z.object({ items: z.array(posting), next: z.number().nullable() }), 'One page of postings.'), ...refusals },
  }),
  failures: createRoute({
    ...base,
    operationId: 'listFailureGroups',
    method: 'get',
    path: '/postings/failures',
    summary: 'Failed postings grouped by target and error headline, the largest group first',
    description: 'Takes the filters of `GET /postings` but `state` (always failed). Retry or cancel a group with `POST /postings/retry?target=…&headline=…`.',
    request: { query: bulkQuery.omit({ state: true }) },
    responses: { 200: json(z.object({ groups: z.array(failureGroup), truncated: z.boolean().describe('More failed postings than the report reads (the oldest are grouped).') }), 'The groups.'), ...refusals },
  }),
  retryMany: bulkRoute('retry', 'Retry every posting a filter matches (failed ones by default), in order'),
  cancelMany: bulkRoute('cancel', 'Cancel every posting a filter matches (failed ones by default)'),
  posting: createRoute({
    ...base,
    operationId: 'getPosting',
    method: 'get',
    path: '/postings/{id}',
    summary: 'One posting with every delivery attempt and operator action',
    request: { params: postingIdParam },
    responses: { 200: json(z.object({ posting, attempts: z.array(record), actions: z.array(record) }), 'The posting.'), 404: json(messageSchema, 'No such posting.'), ...refusals },
  }),
  retry: actionRoute('retry', 'Send a failed, queued or held posting now'),
  cancel: actionRoute('cancel', 'Never send this posting (releases what it held)'),
  requeue: actionRoute('requeue', 'Put a cancelled posting back in the queue'),
  edit: createRoute({
    ...base,
    operationId: 'editPostingContent',
    method: 'put',
    path: '/postings/{id}/content',
    summary: "Replace a failed posting's content (checked the way its target checks it)",
    request: { params: postingIdParam, headers: actorHeader, body: { required: true, content: { 'application/json': { schema: contentBody } } } },
    responses: { 200: json(z.object({ posting }), 'The posting with its new content.'), 404: json(messageSchema, 'No such posting.'), 409: json(messageSchema, 'Only failed postings can be edited.'), ...refusals },
  }),
  retryOrder: createRoute({
    ...base,
    operationId: 'retryOrder',
    method: 'post',
    path: '/orders/{order}/retry',
    summary: 'Retry every failed posting of one production order (at one target, or all), oldest first',
    request: { params: orderParam, query: z.object({ target: z.string().optional() }), headers: actorHeader },
    responses: { 200: json(z.object({ retried: z.number() }), 'How many were queued again.'), 409: json(messageSchema, 'Nothing failed to retry.'), ...refusals },
  }),
  postAnyway: createRoute({
    ...base,
    operationId: 'postEventAnyway',
    method: 'post',
    path: '/events/{id}/post-anyway',
    summary: 'Post a delivery that was suppressed as a duplicate, as if it were new',
    request: { params: eventParam, headers: actorHeader },
    responses: { 200: json(z.object({ created: z.number() }), 'How many postings were made.'), 404: json(messageSchema, 'No such event.'), 409: json(messageSchema, 'Not a suppressed duplicate, or already posted.'), ...refusals },
  }),
};
