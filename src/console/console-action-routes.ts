// The console's buttons: each POST runs one operator action under the signed-in name and goes
// back to the page it came from with a notice saying what happened (or what was refused).
import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { postingIdParam } from '../admin/admin-schemas.js';
import { DomainError, invalid } from '../core/domain-errors.js';
import type { AppDeps } from '../deps.js';
import { validationHook } from '../http/validation-hook.js';
import { waitUntilOf } from '../http/wait-until.js';
import { operatorActions, type PostingActionName } from '../operations/operator-actions.js';
import { backTo, type ConsoleEnv } from './console-guard.js';
import { plural } from './pages/plural.js';

export function consoleActionRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  const actions = operatorActions(deps);

  /** Back to the page the button was on, with a notice or an error. */
  async function back(c: Context<ConsoleEnv>, say: 'notice' | 'error', text: string) {
    const [path, hash] = backTo((await c.req.parseBody()).back).split('#');
    const join = path!.includes('?') ? '&' : '?';
    return c.redirect(`${path}${join}${say}=${encodeURIComponent(text)}${hash ? `#${hash}` : ''}`, 303);
  }

  /** Runs an action, then redirects back with its notice. */
  async function act(c: Context<ConsoleEnv>, run: (actor: string) => Promise<{ notice: string; queued: boolean }>) {
    const { notice, queued } = await run(c.get('session').actor);
    if (queued) deps.notifyDispatcher(waitUntilOf(c));
    return back(c, 'notice', notice);
  }

  // A refusal (the action's, or a request part the app's validation hook refused) goes back
  // to the page with its words, not to a bare error page.
  app.onError(async (err, c) => {
    if (!(err instanceof DomainError)) throw err;
    return back(c as Context<ConsoleEnv>, 'error', err.message);
  });

  // The admin API's rule for a posting number.
  const postingId = zValidator('param', postingIdParam, validationHook);

  app.post('/postings/:id/:action{retry|cancel|requeue}', postingId, (c) =>
    act(c, async (actor) => {
      const action = c.req.param('action') as PostingActionName;
      const p = await actions.apply(c.req.valid('param').id, action, actor);
      const done = { retry: 'queued to be sent now', cancel: 'cancelled; its order moves on', requeue: 'queued again' }[action];
      return { notice: `Posting #${p.id} ${done}.`, queued: p.state === 'queued' };
    }),
  );

  app.post('/postings/:id/content', postingId, (c) =>
    act(c, async (actor) => {
      const text = (await c.req.parseBody()).content;
      let content: unknown;
      try {
        content = JSON.parse(typeof text === 'string' ? text : '');
      } catch (err) {
        throw invalid(`The content is not valid JSON (${err instanceof Error ? err.message : 'unreadable'}); nothing was saved.`);
      }
      if (!content || typeof content !== 'object' || Array.isArray(content)) throw invalid('The content must be one JSON object; nothing was saved.');
      const p = await actions.edit(c.req.valid('param').id, content as Record<string, unknown>, actor);
      return { notice: `Content of posting #${p.id} saved. Press "Retry now" to send it.`, queued: false };
    }),
  );

  const retryOrder = (c: Context<ConsoleEnv>, order: string | undefined) =>
    act(c, async (actor) => {
      if (order === undefined) throw invalid('No production order named; nothing was retried.');
      const target = c.req.query('target') || undefined;
      const n = await actions.retryOrder(order, actor, target);
      return { notice: `${plural(n, 'failed posting')} of ${order}${target ? ` at ${target}` : ''} queued to be sent now, in order.`, queued: true };
    });
  app.post('/order/retry', (c) => retryOrder(c, c.req.query('id')));
  app.post('/orders/:order/retry', (c) => retryOrder(c, c.req.param('order')));

  app.post('/events/:id/post-anyway', (c) =>
    act(c, async (actor) => {
      const n = await actions.postDuplicateAnyway(c.req.param('id'), actor);
      return { notice: `The duplicate was posted anyway: ${plural(n, 'posting')} created.`, queued: true };
    }),
  );

  return app;
}
