// Token checks. The MES can only be given a URL, so the ingest token may ride in it (?token=);
// the admin API and /metrics take a Bearer header only (a URL ends up in logs and histories).
// Comparisons go through hono's timingSafeEqual. Wrong tokens are counted per client address.
import { createMiddleware } from 'hono/factory';
import { timingSafeEqual } from 'hono/utils/buffer';
import { DomainError } from '../core/domain-errors.js';
import type { AppDeps } from '../deps.js';
import type { HonoVariables } from './hono-variables.js';

const bearerOf = (authorization: string | undefined) => authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() || undefined;

interface TokenCheck {
  /** Any of these tokens is let in. */
  tokens: string[];
  /** The ingest URL carries its token in the query string; nothing else may. */
  allowQuery: boolean;
  /** The refusal, for the person who has to fix it. */
  refusal: string;
  /** For the log line when an address is throttled. */
  where: string;
}

/**
 * Compared in time that depends only on the longer of the two lengths. hono's default first
 * hashes both with SHA-256 to hide even that; the tokens' length is no secret (32 characters
 * when generated), and two async digests on every delivery are measurable, so the strings are
 * compared as they are.
 */
const asIs = (s: string) => s;

export async function tokenMatches(given: string | undefined, tokens: string[]): Promise<boolean> {
  if (!given) return false;
  let match = false;
  for (const t of tokens) if (await timingSafeEqual(given, t, asIs)) match = true;
  return match;
}

export function requireToken(deps: Pick<AppDeps, 'authFailures' | 'clientAddress' | 'clock'>, check: TokenCheck) {
  return createMiddleware<HonoVariables>(async (c, next) => {
    const given = bearerOf(c.req.header('authorization')) ?? (check.allowQuery ? c.req.query('token') : undefined);
    if (await tokenMatches(given, check.tokens)) return next();
    const address = deps.clientAddress(c);
    const wait = deps.authFailures.wrongToken(address, deps.clock.now(), check.where);
    if (wait > 0) throw new DomainError('rate-limited', `Too many wrong tokens from ${address}; wait ${wait} s before trying again.`, wait);
    throw new DomainError('unauthorized', check.refusal);
  });
}
