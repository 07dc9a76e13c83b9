// Console sign-in: the ADMIN_TOKEN once, then an HttpOnly, SameSite=Strict cookie signed with
// it (HMAC-SHA-256 through crypto.subtle, so Node and Workers alike). Nothing is stored server
// side; changing ADMIN_TOKEN signs everyone out. The cookie carries the name the operator gave,
// which is what actions are recorded under. Every form carries a CSRF token derived from the
// session, checked on every POST, on top of SameSite=Strict.
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { timingSafeEqual } from 'hono/utils/buffer';

const SESSION_COOKIE = 'bridge_console';
/** A shift and then some: an operator signs in once per shift. */
const SESSION_MS = 12 * 3600_000;

export interface ConsoleSession {
  actor: string;
  issuedAt: number;
  /** Goes into every form; a POST without it is refused. */
  csrf: string;
}

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}


const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export async function startSession(c: Context, adminToken: string, actor: string, now: number) {
  await setSignedCookie(c, SESSION_COOKIE, `${now}|${actor}`, adminToken, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    path: '/console',
    maxAge: SESSION_MS / 1000,
  });
}

export function endSession(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/console', secure: isHttps(c) });
}

/** The session this request carries, if its signature holds and it has not expired. */
export async function readSession(c: Context, adminToken: string, now: number): Promise<ConsoleSession | undefined> {
  const value = await getSignedCookie(c, adminToken, SESSION_COOKIE);
  if (!value) return undefined;
  const [issued, ...name] = value.split('|');
  const issuedAt = Number(issued);
  if (!Number.isFinite(issuedAt) || now - issuedAt > SESSION_MS || issuedAt > now + 60_000) return undefined;
  return { actor: name.join('|'), issuedAt, csrf: await hmacHex(adminToken, `csrf|${value}`) };
}

export async function csrfMatches(session: ConsoleSession, given: unknown): Promise<boolean> {
  return typeof given === 'string' && (await timingSafeEqual(given, session.csrf));
}
