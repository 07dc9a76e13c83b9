// One onError and one notFound for the whole app: every failure answers {"message"} in words
// an operator can act on. Unknown errors get a generic 500 with a reference; the details go to
// the log, never to the client. Rejected Next Plus deliveries are recorded with their reason.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../deps.js';
import { newDeliveryId } from '../ingest/ids.js';
import { BridgeError } from './bridge-error.js';
import type { BridgeEnv } from './bridge-env.js';

export function errorHandler(deps: AppDeps): ErrorHandler<BridgeEnv> {
  return async (err, c) => {
    const requestId = c.get('requestId');
    if (err instanceof BridgeError || err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const message = err.message || 'The request was refused.';
      // Unauthenticated bodies are not stored: anyone can reach the URL, only Next Plus has the token.
      if (status !== 401) await recordRejection(deps, c, status, message);
      else deps.logger.info('refused: missing or wrong token', { requestId, path: c.req.path });
      return c.json({ message }, status);
    }
    deps.logger.error('unexpected error', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? err.stack ?? err.message : String(err),
    });
    return c.json(
      {
        message: `The bridge hit an unexpected problem and did not record this (reference ${requestId}). Send it again; if it keeps failing, give the reference to your integration engineer.`,
      },
      500,
    );
  };
}

export const notFoundHandler: NotFoundHandler<BridgeEnv> = (c) =>
  c.json(
    {
      message: `There is nothing at ${c.req.method} ${c.req.path}. Next Plus events go to POST /nextplus/device, /nextplus/item-attach or /nextplus/operation.`,
    },
    404,
  );

async function recordRejection(deps: AppDeps, c: Context<BridgeEnv>, status: number, message: string) {
  const delivery = c.get('delivery');
  if (!delivery) return;
  const input = (delivery.input ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 120) : null);
  try {
    await deps.store.recordDelivery({
      id: newDeliveryId(),
      receivedAt: deps.clock.now(),
      integration: delivery.spec.name,
      eventType: ['add', 'update', 'remove'].includes(input.type as string) ? (input.type as string) : null,
      outcome: 'rejected',
      status,
      message,
      rawBody: delivery.rawBody ?? null,
      requestId: c.get('requestId'),
      workorderNumber: text(input.workorderNumber),
      serial: text(input.serial),
      sku: text(input.sku),
    });
  } catch (err) {
    deps.logger.error('could not record a rejected delivery', { requestId: c.get('requestId'), error: String(err) });
  }
}
