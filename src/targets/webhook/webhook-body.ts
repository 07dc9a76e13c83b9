// What the webhook target POSTs: one canonical event and where it came from, in the Standard
// Webhooks payload shape ({type, timestamp, data}). A reversal is its own type and names the
// message it undoes by that message's webhook-id. The schema is published in the OpenAPI
// document and checks an operator's edit before it is saved.
import { z } from 'zod';
import { canonicalEventSchema, canonicalKinds, isProductionEvent, type CanonicalEvent, type CanonicalKind } from '../../core/canonical-events.js';
import type { EventOrigin, PostedMessage } from '../target.js';

const REVERSAL_TYPE = 'production.reversal';
// Production events (MES -> ERP) are production.<kind>; order events (ERP -> MES) order.<what>.
const typeOfKind = (kind: CanonicalKind) => (isProductionEvent({ kind } as CanonicalEvent) ? `production.${kind}` : `order.${kind.replace(/^order-/, '')}`);
const typeOf = (e: CanonicalEvent) => typeOfKind(e.kind);
const webhookTypes = [...canonicalKinds.map(typeOfKind), REVERSAL_TYPE];

/** The id of a posting as a webhook message: stable, so every retry carries the same one. */
export const webhookIdOf = (p: { deliveryId: string; postingId: number }) => `msg_${p.deliveryId}_${p.postingId}`;

const origin = z.strictObject({
  source: z.string(),
  integration: z.string(),
  eventType: z.string().optional(),
  deliveryId: z.string(),
  externalId: z.string(),
  receivedAt: z.iso.datetime(),
});

export const webhookBodySchema = z
  .strictObject({
    type: z.enum(webhookTypes as [string, ...string[]]),
    timestamp: z.iso.datetime(),
    data: z.strictObject({
      event: canonicalEventSchema,
      origin,
      reverses: z.strictObject({ webhookId: z.string(), type: z.string() }).optional(),
    }),
  })
  .refine((b) => (b.type === REVERSAL_TYPE) === (b.data.reverses !== undefined), { error: 'data.reverses is given exactly when type is production.reversal' })
  .refine((b) => b.type === REVERSAL_TYPE || b.type === typeOf(b.data.event), { error: 'type must match data.event.kind' });

export type WebhookBody = z.infer<typeof webhookBodySchema>;

const originOf = (o: EventOrigin) => ({ ...o, receivedAt: new Date(o.receivedAt).toISOString() });

export function webhookBody(event: CanonicalEvent, o: EventOrigin): WebhookBody {
  return { type: typeOf(event), timestamp: new Date(o.receivedAt).toISOString(), data: { event, origin: originOf(o) } };
}

/** Undoes a posted message: the same event, sent as a reversal naming the message it takes back. */
export function reversalBody(posted: PostedMessage, o: EventOrigin): WebhookBody {
  const original = posted.content as WebhookBody;
  return {
    type: REVERSAL_TYPE,
    timestamp: new Date(o.receivedAt).toISOString(),
    data: { event: original.data.event, origin: originOf(o), reverses: { webhookId: webhookIdOf(posted), type: posted.messageType } },
  };
}
