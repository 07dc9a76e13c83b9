// Every console page needs a session; every console POST also needs the form's CSRF token.
// Pages are never cached and never framed (no clickjacking of the action buttons).
import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../deps.js';
import type { BridgeEnv } from '../http/bridge-env.js';
import { csrfMatches, readSession, type ConsoleSession } from './console-session.js';

export type ConsoleEnv = BridgeEnv & { Variables: { session: ConsoleSession } };

export const consoleHeaders = createMiddleware(async (c, next) => {
  await next();
  c.header('cache-control', 'no-store');
  c.header(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'same-origin');
});

export function requireSession(deps: AppDeps) {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    const session = await readSession(c, deps.adminToken, deps.clock.now());
    if (!session) return c.redirect('/console/login', 303);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      // SameSite=Strict already keeps the cookie off cross-site posts; the token is the second lock.
      if (c.req.header('sec-fetch-site') === 'cross-site' || !csrfMatches(session, form._csrf)) {
        return c.text('This form is not from a console page of this session (CSRF check). Reload the page and try again.', 403);
      }
    }
    c.set('session', session);
    await next();
  });
}

/** Where to go after an action: a console path from the form, never elsewhere. */
export function backTo(value: unknown, fallback = '/console'): string {
  return typeof value === 'string' && value.startsWith('/console') && !value.startsWith('//') && !value.includes('\\') ? value : fallback;
}
