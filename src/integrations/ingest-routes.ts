// The three URLs an admin pastes into Next Plus's Integration Builder. Each delivery goes:
// token -> size limit -> JSON body -> zod schema -> ingest pipeline -> {"externalId"}.
import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../deps.js';
import { BridgeError } from '../http/bridge-error.js';
import type { BridgeEnv } from '../http/bridge-env.js';
import { readJsonBody } from '../http/read-json-body.js';
import { requireToken } from '../http/require-token.js';
import { validationHook } from '../http/validation-hook.js';
import { deliverNow } from '../delivery/sync-delivery.js';
import { ingestEvent } from '../ingest/ingest-event.js';
import type { NextPlusEvent } from '../translation/posting.js';
import { integrations } from './integrations.js';

const MAX_SENDER_KEY = 200;

export function ingestRoutes(deps: AppDeps) {
  const app = new Hono<BridgeEnv>();
  const auth = requireToken(
    deps.ingestToken,
    'The bridge refused this delivery: the token in the URL is missing or wrong. Copy the URL again from the bridge into the Integration Builder.',
  );
  const limit = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: () => {
      throw new BridgeError(
        413,
        `The delivery is larger than the bridge accepts (${deps.config.maxBodyBytes} bytes), so nothing was posted. Check what the integration sends.`,
      );
    },
  });
  const read = readJsonBody();

  for (const spec of integrations) {
    app.post(
      spec.path,
      auth,
      async (c, next) => {
        c.set('delivery', { spec });
        await next();
      },
      limit,
      read,
      zValidator('json', spec.schema, validationHook),
      async (c) => {
        const delivery = c.get('delivery')!;
        const answer = await ingestEvent(deps, {
          spec,
          event: { integration: spec.name, event: c.req.valid('json') } as NextPlusEvent,
          input: delivery.input,
          rawBody: delivery.rawBody ?? '',
          test: ['1', 'true', 'yes'].includes(c.req.query('test') ?? ''),
          senderKey: senderKey(c.req.header('idempotency-key') ?? c.req.header('webhook-id')),
          requestId: c.get('requestId'),
        });
        if (answer.queuedOrders.length) {
          if (deps.config.delivery.mode === 'sync') {
            const outcome = await deliverNow(deps, answer.deliveryId, answer.queuedOrders);
            if (outcome.kind === 'rejected') return c.json({ message: outcome.message }, 422);
          } else {
            deps.notifyDispatcher(waitUntilOf(c));
          }
        }
        return c.json({ externalId: answer.externalId }, answer.status as ContentfulStatusCode);
      },
    );
  }
  return app;
}

/** A Worker's waitUntil, so background delivery outlives the response; undefined on Node. */
export function waitUntilOf(c: Context): ((p: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    return undefined; // Hono throws when the runtime has no execution context
  }
}

function senderKey(raw: string | undefined): string | undefined {
  const key = raw?.trim();
  if (!key) return undefined;
  if (key.length > MAX_SENDER_KEY) {
    throw new BridgeError(400, `The Idempotency-Key header is longer than ${MAX_SENDER_KEY} characters.`);
  }
  return key;
}
