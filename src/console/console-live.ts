// Pages that refresh themselves. The console's script asks again for the page it shows every
// few seconds, with If-None-Match. The ETag is the ledger's change stamp (the newest delivery,
// posting, attempt and operator action: four index reads), the page's address and the
// operator, and for a page that shows ages or "the last hour" also the minute; so "nothing new"
// is a 304 that costs no rendering, the same on Node and Workers. Browsers never send the tag
// on their own: the pages are no-store, and only the script remembers it.
import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../deps.js';
import type { ConsoleEnv } from './console-guard.js';

async function digest(text: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...hash.slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `everyMinute`: the page changes with the clock too (ages, "last hour"). */
export function livePage(deps: AppDeps, { everyMinute = false } = {}) {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    const stamp = await deps.queries.changeStamp();
    const minute = everyMinute ? Math.floor(deps.clock.now() / 60_000) : 0;
    const url = new URL(c.req.url);
    const etag = `"${await digest(`${stamp}|${minute}|${url.pathname}${url.search}|${c.get('session').actor}`)}"`;
    const asked = c.req.header('if-none-match')?.split(',').map((t) => t.trim()) ?? [];
    if (asked.includes(etag)) return c.body(null, 304, { etag });
    c.set('liveEtag', etag);
    await next();
    if (c.res.status === 200) c.header('etag', etag);
  });
}
