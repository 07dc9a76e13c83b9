// The admin JSON API (ADMIN_TOKEN as a Bearer header): list and inspect events and postings,
// and fix what failed — retry now, cancel, re-queue a cancelled posting, edit a failed one's
// content, retry a whole production order or everything a filter matches, post a suppressed
// duplicate anyway (the console's actions); failures grouped by their error's headline. Every
// action is recorded with who (X-Actor header, else "admin") and when. Routes are OpenAPI
// definitions (admin-api-spec.ts): /openapi.json describes exactly these.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { notFound } from '../core/domain-errors.js';
import type { AppDeps } from '../deps.js';
import type { HonoVariables } from '../http/hono-variables.js';
import { adminJsonBytes, limitBody } from '../http/body-limit.js';
import { requireToken } from '../http/require-token.js';
import { validationHook } from '../http/validation-hook.js';
import { waitUntilOf } from '../http/wait-until.js';
import { eventDetail } from '../operations/event-detail.js';
import { failureGroups } from '../operations/bulk-selection.js';
import { operatorActions } from '../operations/operator-actions.js';
import { routes } from './admin-api-spec.js';
import { eventView, postingView } from './admin-views.js';
import { integrationViews, targetHealthViews } from '../observability/watch-views.js';

const actorOf = (c: Context) => c.req.header('x-actor')?.trim().slice(0, 80) || 'admin';

export function adminRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<HonoVariables>({ defaultHook: validationHook });
  const actions = operatorActions(deps);
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminBearer', { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' });
  app.use(
    '*',
    requireToken(deps, {
      tokens: [deps.adminToken],
      allowQuery: false,
      refusal: "The admin API needs the bridge's ADMIN_TOKEN as Authorization: Bearer <token> (not in the URL).",
      where: 'admin API',
    }),
  );
  app.use('*', limitBody(adminJsonBytes(deps.config.maxBodyBytes), 'request body'));

  app.openapi(routes.summary, async (c) => {
    const { postingsByTarget, ...summary } = await deps.queries.summary();
    // `connector` keeps the target names; `targets` tells each one's health.
    const targets = await targetHealthViews(deps);
    const integrations = (await integrationViews(deps)).map((i) => ({ source: i.source, integration: i.integration, lastReceivedAt: i.lastReceivedAt, lastHour: i.lastHour }));
    const unmapped = deps.targets.flatMap((t) => (t.unmapped?.() ?? []).map((u) => ({ target: t.name, ...u })));
    return c.json({ connector: targets.map((t) => t.name).join(','), targets, ...summary, postingsByTarget, integrations, unmapped }, 200);
  });

  app.openapi(routes.events, async (c) => {
    const page = await deps.queries.events(c.req.valid('query'));
    return c.json({ items: page.items.map(eventView), next: page.next ?? null }, 200);
  });

  app.openapi(routes.event, async (c) => {
    const { id } = c.req.valid('param');
    const d = await eventDetail(deps, id);
    if (!d) throw notFound(`No event ${id}.`);
    const { event, postings, refersTo, duplicateOf, duplicates, referredBy, actions: done } = d;
    return c.json(
      {
        event: eventView(event),
        postings: postings.map(postingView),
        refersTo: refersTo ? eventView(refersTo) : null,
        duplicateOf: duplicateOf ? eventView(duplicateOf) : null,
        duplicates: duplicates.map(eventView),
        referredBy: referredBy.map(eventView),
        actions: done,
      },
      200,
    );
  });

  app.openapi(routes.postings, async (c) => {
    const page = await deps.queries.postings(c.req.valid('query'));
    return c.json({ items: page.items.map(postingView), next: page.next ?? null }, 200);
  });

  // Before /postings/{id}, which would read "failures" as a posting number.
  app.openapi(routes.failures, async (c) => c.json(await failureGroups(deps.queries, c.req.valid('query')), 200));

  for (const action of ['retry', 'cancel'] as const) {
    app.openapi(routes[action === 'retry' ? 'retryMany' : 'cancelMany'], async (c) => {
      const { limit, ...filter } = c.req.valid('query');
      const answer = await actions.applyMany(filter, action, actorOf(c), limit);
      // A cancel releases what the cancelled postings held: that is sent too.
      if (answer.count) deps.notifyDispatcher(waitUntilOf(c));
      return c.json(answer, 200);
    });
  }

  app.openapi(routes.posting, async (c) => {
    const { id } = c.req.valid('param');
    const posting = await deps.outbox.getPosting(id);
    if (!posting) throw notFound(`No posting ${id}.`);
    return c.json({ posting: postingView(posting), attempts: await deps.outbox.attemptsOf(id), actions: await deps.outbox.actionsOf({ postingId: id }) }, 200);
  });

  for (const action of ['retry', 'cancel', 'requeue'] as const) {
    app.openapi(routes[action], async (c) => {
      const { id } = c.req.valid('param');
      const posting = await actions.apply(id, action, actorOf(c));
      if (posting.state === 'queued') deps.notifyDispatcher(waitUntilOf(c));
      return c.json({ posting: postingView(posting) }, 200);
    });
  }

  app.openapi(routes.edit, async (c) => {
    const { id } = c.req.valid('param');
    c.req.valid('json'); // checked as an object; but zod drops a "__proto__" key silently, so the
    // target's check reads the content as sent, where it is refused in words.
    const { content } = (await c.req.json()) as { content: Record<string, unknown> };
    const posting = await actions.edit(id, content, actorOf(c));
    return c.json({ posting: postingView(posting) }, 200);
  });

  app.openapi(routes.retryOrder, async (c) => {
    const retried = await actions.retryOrder(c.req.valid('param').order, actorOf(c), c.req.valid('query').target || undefined);
    deps.notifyDispatcher(waitUntilOf(c));
    return c.json({ retried }, 200);
  });

  app.openapi(routes.postAnyway, async (c) => {
    const created = await actions.postDuplicateAnyway(c.req.valid('param').id, actorOf(c));
    deps.notifyDispatcher(waitUntilOf(c));
    return c.json({ created }, 200);
  });

  return app;
}
