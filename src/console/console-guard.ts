// Every console page needs a session; every console POST (sign-in included) must come from a
// page of this site (hono's csrf: Origin / Sec-Fetch-Site) and, once signed in, also carry the
// form's CSRF token. Pages are never cached, never framed, and run only the console's own
// script file (CSP script-src 'self': no inline script can run, injected or not), which may
// only fetch from this site (connect-src 'self': the pages' self-refresh).
import { createMiddleware } from 'hono/factory';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from '../deps.js';
import type { HonoVariables } from '../http/hono-variables.js';
import { csrfMatches, readSession, type ConsoleSession } from './console-session.js';

/** `liveEtag`: set on pages that refresh themselves (console-live.ts). */
export type ConsoleEnv = HonoVariables & { Variables: { session: ConsoleSession; liveEtag?: string } };

const CSRF_REFUSAL = 'This form is not from a console page of this site (CSRF check). Reload the page and try again.';

export const consoleHeaders = createMiddleware(async (c, next) => {
  await next();
  c.header('cache-control', 'no-store');
  c.header(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
});

/** Refuses cross-site form posts: the request's own origin, or PUBLIC_URL's behind a proxy. */
export function sameSiteForms(publicUrl: string | undefined) {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  const check = csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin });
  return createMiddleware(async (c, next) => {
    // A browser that says the post comes from another site is believed, whatever else it sends.
    if (c.req.method === 'POST' && c.req.header('sec-fetch-site') === 'cross-site') return c.text(CSRF_REFUSAL, 403);
    let passed = false;
    try {
      await check(c, async () => {
        passed = true;
        await next();
      });
    } catch (err) {
      if (!passed && err instanceof HTTPException && err.status === 403) return c.text(CSRF_REFUSAL, 403);
      throw err;
    }
  });
}

export function requireSession(deps: Pick<AppDeps, 'adminToken' | 'clock'>) {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    const session = await readSession(c, deps.adminToken, deps.clock.now());
    if (!session) return c.redirect('/console/login', 303);
    if (c.req.method === 'POST' && !(await csrfMatches(session, (await c.req.parseBody())._csrf))) return c.text(CSRF_REFUSAL, 403);
    c.set('session', session);
    await next();
  });
}

/**
 * Where to go after an action: a console path from the form, never elsewhere. Only
 * printable ASCII: a CR/LF (or any non-Latin-1 character) can't go into a Location header, and
 * finding that out only when redirecting would answer 500 after the action had already run.
 */
export function backTo(value: unknown, fallback = '/console'): string {
  const safe = typeof value === 'string' && value.startsWith('/console') && !value.startsWith('//') && !value.includes('\\') && /^[\x21-\x7e]+$/.test(value);
  return safe ? value : fallback;
}
