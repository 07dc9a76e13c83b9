// Reads a Next Plus body once, keeping the raw text for the ledger: 415 when it isn't JSON,
// 400 when it doesn't parse or isn't an object. The parsed value is handed to the zod
// validator through Hono's body cache so the body is parsed only once.
import { createMiddleware } from 'hono/factory';
import { BridgeError } from './bridge-error.js';
import type { BridgeEnv } from './bridge-env.js';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function readJsonBody() {
  return createMiddleware<BridgeEnv>(async (c, next) => {
    const delivery = c.get('delivery');
    if (!delivery) throw new Error('readJsonBody needs the delivery set by the route');
    const { spec } = delivery;
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
    // Bytes first, decoded here: Request.text() on a non-text body makes workerd warn.
    delivery.rawBody = new TextDecoder().decode(await c.req.arrayBuffer());
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new BridgeError(
        415,
        `The ${spec.label} delivery was not sent as JSON (Content-Type: ${mediaType || 'none'}). Send it with Content-Type: application/json.`,
      );
    }
    let input: unknown;
    try {
      input = JSON.parse(delivery.rawBody);
    } catch {
      throw new BridgeError(400, `The ${spec.label} delivery is not valid JSON, so nothing was posted. Check the integration's payload in Next Plus.`);
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new BridgeError(400, `The ${spec.label} delivery must be a JSON object with the event's fields, so nothing was posted.`);
    }
    delivery.input = input;
    c.req.bodyCache.json = Promise.resolve(input);
    await next();
  });
}
