// The operations console at /console: server-rendered pages over the same ledger queries and
// operator actions as the admin API. Sign-in first, then everything behind the session.
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.js';
import { editFormBytes, limitBody, SMALL_FORM_BYTES } from '../http/body-limit.js';
import { tokenMatches } from '../http/require-token.js';
import { eventDetail } from '../operations/event-detail.js';
import { ingestUrls } from '../http/ingest-routes.js';
import { consoleActionRoutes } from './console-action-routes.js';
import { consoleHeaders, requireSession, sameSiteForms, type ConsoleEnv } from './console-guard.js';
import { consoleScript } from './console-script.js';
import { livePage } from './console-live.js';
import { chartsData } from './charts-data.js';
import { endSession, readSession, startSession } from './console-session.js';
import { eventsData } from './events-data.js';
import { directionsOf } from './pages/direction.js';
import { EventPage } from './pages/event-page.js';
import { EventsPage } from './pages/events-page.js';
import type { Frame } from './pages/layout.js';
import { Layout } from './pages/layout.js';
import { LoginPage } from './pages/login-page.js';
import { OrderPage } from './pages/order-page.js';
import { OverviewPage } from './pages/overview-page.js';
import { orderHref } from './console-links.js';
import { DomainError, invalid } from '../core/domain-errors.js';
import { BULK_LIMIT } from '../operations/bulk-selection.js';
import { bulkStates, operatorActions, type BulkActionName } from '../operations/operator-actions.js';
import { BulkConfirmPage } from './pages/bulk-confirm-page.js';
import { PostingsPage } from './pages/postings-page.js';
import { filterQuery, postingForm, postingsData } from './postings-data.js';
import { healthPanelData } from './pages/health-panel.js';

/** The overview counts finished postings and deliveries of the last day (a shift and then some). */
const RECENT_MS = 24 * 3600_000;

export function consoleRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  const actions = operatorActions(deps);
  app.use('*', consoleHeaders);
  app.use('*', sameSiteForms(deps.config.publicUrl));
  // Before anything reads a form (sign-in is open to anyone who can reach the port).
  const editLimit = limitBody(editFormBytes(deps.config.maxBodyBytes), 'edited message');
  const formLimit = limitBody(SMALL_FORM_BYTES, 'console form');
  app.use('*', (c, next) => (/\/postings\/[^/]+\/content$/.test(c.req.path) ? editLimit(c, next) : formLimit(c, next)));

  app.get('/app.js', (c) => c.body(consoleScript, 200, { 'content-type': 'text/javascript; charset=utf-8' }));

  app.get('/login', async (c) => {
    if (await readSession(c, deps.adminToken, deps.clock.now())) return c.redirect('/console', 303);
    return c.html(<LoginPage />);
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const name = typeof form.name === 'string' ? form.name.trim().replace(/[|\r\n]/g, ' ').slice(0, 60) : '';
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    if (!name) return c.html(<LoginPage error="Enter your name: it is recorded with every action you take." />, 400);
    if (!(await tokenMatches(token, [deps.adminToken]))) {
      const address = deps.clientAddress(c);
      const wait = deps.authFailures.wrongToken(address, deps.clock.now(), 'console sign-in');
      if (wait > 0) return c.html(<LoginPage name={name} error={`Too many wrong tokens from this address; wait ${wait} s before trying again.`} />, 429, { 'retry-after': String(wait) });
      deps.logger.info('console sign-in refused', { requestId: c.get('requestId'), address });
      return c.html(<LoginPage name={name} error="That is not the bridge's ADMIN_TOKEN." />, 401);
    }
    await startSession(c, deps.adminToken, name, deps.clock.now());
    return c.redirect('/console', 303);
  });

  app.use('*', requireSession(deps));

  app.post('/logout', (c) => {
    endSession(c);
    return c.redirect('/console/login', 303);
  });

  const live = livePage(deps);
  app.get('/', livePage(deps, { everyMinute: true }), async (c) => {
    const since = deps.clock.now() - RECENT_MS;
    const summary = await deps.queries.summary(since);
    const charts = await chartsData(deps, summary, deps.clock.now());
    const base = deps.config.publicUrl ?? new URL(c.req.url).origin;
    const targets = deps.targets.map((t) => ({ name: t.name, label: t.label, sends: !t.connector.deliversOnCommit, unmapped: t.unmapped?.() ?? [] }));
    return c.html(<OverviewPage frame={frameOf(c)} d={{ ...summary, targets, charts, now: deps.clock.now(), sources: ingestUrls(deps, base), watch: await healthPanelData(deps) }} />);
  });

  app.get('/events', live, async (c) => {
    const { data, error } = await eventsData(deps, c.req.query());
    data.choices = { sources: deps.sources.map((s) => s.name), targets: deps.targets.map((t) => t.name), integrations: deps.sources.flatMap((s) => s.integrations.map((i) => i.name)) };
    data.directions = directionsOf(deps.sources);
    return c.html(<EventsPage frame={{ ...frameOf(c), error: error ?? c.req.query('error') }} d={data} />);
  });

  app.get('/events/:id', live, async (c) => {
    const detail = await eventDetail(deps, c.req.param('id'));
    if (!detail) return notFound(c, `No event ${c.req.param('id')}. It may have been typed wrong; search the events instead.`);
    // Reversals are the postings of the removes that refer to this event.
    const reversals = (await deps.queries.postingsOfDeliveries(detail.referredBy.map((r) => r.id))).filter((r) => r.reversesPostingId != null);
    const postings = await Promise.all(
      detail.postings.map(async (p) => ({ posting: p, attempts: await deps.outbox.attemptsOf(p.id), reversedBy: reversals.filter((r) => r.reversesPostingId === p.id) })),
    );
    return c.html(<EventPage frame={frameOf(c)} d={{ ...detail, postings, direction: directionsOf(deps.sources)[detail.event.source] }} />);
  });

  app.get('/postings', async (c) => {
    const { data, error } = await postingsData(deps, c.req.query());
    return c.html(<PostingsPage frame={{ ...frameOf(c), error: error ?? c.req.query('error') }} d={data} />);
  });

  // The question before a bulk action; the form on it posts to the same address (console-action-routes).
  app.get('/bulk/:action{retry|cancel}', async (c) => {
    const action = c.req.param('action') as BulkActionName;
    const { form, filter, error } = postingForm(c.req.query());
    const back = `/console/postings?${filterQuery(form, { headline: '' })}`;
    try {
      if (!filter) throw invalid(error!);
      const selection = await actions.bulkSelection(filter, action);
      const state = bulkStates(filter, action)[0]!;
      const d = { action, state, selection, query: filterQuery(form), back, limit: BULK_LIMIT, headline: filter.headline };
      return c.html(<BulkConfirmPage frame={frameOf(c)} d={d} />);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return c.redirect(`${back}&error=${encodeURIComponent(err.message)}`, 303);
    }
  });

  // A posting's own address: its event's page, scrolled to it.
  app.get('/postings/:id', async (c) => {
    const posting = /^\d+$/.test(c.req.param('id')) ? await deps.outbox.getPosting(Number(c.req.param('id'))) : undefined;
    if (!posting) return notFound(c, `No posting ${c.req.param('id')}.`);
    return c.redirect(`/console/events/${posting.deliveryId}#posting-${posting.id}`, 303);
  });

  // Links made before orders moved to the query string still open (see console-links.ts).
  app.get('/orders/:order', (c) => c.redirect(orderHref(c.req.param('order')), 301));
  app.get('/order', live, async (c) => {
    const order = c.req.query('id');
    if (order === undefined) return notFound(c, 'No production order named: open one from the events list.');
    const { events, postings } = await deps.queries.orderTimeline(order);
    // Each target's lane of this order is held by its own first failed posting.
    const blockers = [...new Map(postings.filter((p) => p.state === 'failed').reverse().map((p) => [p.target, p] as const)).values()];
    const blocking = await Promise.all(blockers.map(async (p) => ({ posting: p, attempts: await deps.outbox.attemptsOf(p.id) })));
    const known = await deps.store.findKnownOrder({ productionOrder: order });
    return c.html(<OrderPage frame={frameOf(c)} d={{ order, events, postings, blocking, known, directions: directionsOf(deps.sources) }} />);
  });

  app.route('/', consoleActionRoutes(deps));
  return app;
}

function frameOf(c: Context<ConsoleEnv>): Frame & { csrf: string } {
  const { actor, csrf } = c.get('session');
  return { title: 'Console', actor, csrf, notice: c.req.query('notice'), error: c.req.query('error'), live: c.get('liveEtag') };
}

function notFound(c: Context<ConsoleEnv>, message: string) {
  return c.html(
    <Layout frame={frameOf(c)}>
      <h1>Not found</h1>
      <div class="empty">{message}</div>
    </Layout>,
    404,
  );
}
