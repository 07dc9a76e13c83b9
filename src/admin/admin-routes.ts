// The admin JSON API (ADMIN_TOKEN): list and inspect events and postings, and fix what
// failed — retry now, cancel, re-queue a cancelled posting, edit a failed one's content, retry
// a whole production order, post a suppressed duplicate anyway (the console's actions).
// Every action is recorded with who (X-Actor header, else "admin") and when.
import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { notFound } from '../core/domain-errors.js';
import type { AppDeps } from '../deps.js';
import type { BridgeEnv } from '../http/bridge-env.js';
import { requireToken } from '../http/require-token.js';
import { validationHook } from '../http/validation-hook.js';
import { waitUntilOf } from '../sources/ingest-routes.js';
import { eventDetail } from '../operations/event-detail.js';
import { operatorActions, type PostingActionName } from '../operations/operator-actions.js';
import { contentBody, eventListQuery, postingIdParam, postingListQuery } from './admin-schemas.js';
import { eventView, postingView } from './admin-views.js';

const actorOf = (c: Context) => c.req.header('x-actor')?.trim().slice(0, 80) || 'admin';

export function adminRoutes(deps: AppDeps) {
  const app = new Hono<BridgeEnv>();
  const actions = operatorActions(deps);
  app.use(
    '*',
    requireToken({
      tokens: [deps.adminToken],
      allowQuery: false,
      refusal: "The admin API needs the bridge's ADMIN_TOKEN as Authorization: Bearer <token> (not in the URL).",
      failures: deps.authFailures,
      clientAddress: deps.clientAddress,
      where: 'admin API',
      now: () => deps.clock.now(),
    }),
  );

  app.get('/summary', async (c) => {
    const { postingsByTarget, ...summary } = await deps.queries.summary();
    return c.json({ connector: deps.targets.map((t) => t.name).join(','), targets: deps.targets.map((t) => t.name), ...summary, postingsByTarget });
  });

  app.get('/events', zValidator('query', eventListQuery, validationHook), async (c) => {
    const page = await deps.queries.events(c.req.valid('query'));
    return c.json({ items: page.items.map(eventView), next: page.next ?? null });
  });

  app.get('/events/:id', async (c) => {
    const d = await eventDetail(deps, c.req.param('id'));
    if (!d) throw notFound(`No event ${c.req.param('id')}.`);
    return c.json({
      event: eventView(d.event),
      postings: d.postings.map(postingView),
      refersTo: d.refersTo ? eventView(d.refersTo) : null,
      duplicateOf: d.duplicateOf ? eventView(d.duplicateOf) : null,
      duplicates: d.duplicates.map(eventView),
      referredBy: d.referredBy.map(eventView),
      actions: d.actions,
    });
  });

  app.get('/postings', zValidator('query', postingListQuery, validationHook), async (c) => {
    const page = await deps.queries.postings(c.req.valid('query'));
    return c.json({ items: page.items.map(postingView), next: page.next ?? null });
  });

  app.get('/postings/:id', zValidator('param', postingIdParam, validationHook), async (c) => {
    const { id } = c.req.valid('param');
    const posting = await deps.outbox.getPosting(id);
    if (!posting) throw notFound(`No posting ${id}.`);
    return c.json({
      posting: postingView(posting),
      attempts: await deps.outbox.attemptsOf(id),
      actions: await deps.outbox.actionsOf({ postingId: id }),
    });
  });

  app.post('/postings/:id/:action{retry|cancel|requeue}', zValidator('param', postingIdParam.extend({ action: z.string() }), validationHook), async (c) => {
    const { id } = c.req.valid('param');
    const posting = await actions.apply(id, c.req.param('action') as PostingActionName, actorOf(c));
    if (posting.state === 'queued') deps.notifyDispatcher(waitUntilOf(c));
    return c.json({ posting: postingView(posting) });
  });

  app.put('/postings/:id/content', zValidator('param', postingIdParam, validationHook), zValidator('json', contentBody, validationHook), async (c) => {
    const { id } = c.req.valid('param');
    const posting = await actions.edit(id, c.req.valid('json').content, actorOf(c));
    return c.json({ posting: postingView(posting) });
  });

  app.post('/orders/:order/retry', async (c) => {
    const retried = await actions.retryOrder(c.req.param('order'), actorOf(c), c.req.query('target') || undefined);
    deps.notifyDispatcher(waitUntilOf(c));
    return c.json({ retried });
  });

  app.post('/events/:id/post-anyway', async (c) => {
    const created = await actions.postDuplicateAnyway(c.req.param('id'), actorOf(c));
    deps.notifyDispatcher(waitUntilOf(c));
    return c.json({ created });
  });

  return app;
}
