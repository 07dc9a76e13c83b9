// POSTs a posting's stored body to WEBHOOK_URL, signed per the Standard Webhooks spec with the
// standardwebhooks library: webhook-id is the posting's stable id (the same on every retry, so
// the receiver can drop a repeat), webhook-timestamp is the time of this attempt (receivers
// refuse stale ones), webhook-signature the HMAC over both and the exact body.
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../../core/runtime.js';
import { classifyResponse, sendFailure } from '../classify-response.js';
import type { Connector } from '../connector.js';
import { outboundFetch } from '../outbound-fetch.js';
import { webhookIdOf } from './webhook-body.js';

export interface WebhookSettings {
  url: string;
  secret: string;
  timeoutMs: number;
}

const RECEIVER = { system: 'the webhook receiver', urlSetting: 'WEBHOOK_URL' };

export function webhookConnector(settings: WebhookSettings, clock: Clock, fetchFn: typeof fetch): Connector {
  const signer = new Webhook(settings.secret);
  return {
    deliversOnCommit: false,
    timeoutMs: settings.timeoutMs,
    async send(posting) {
      const id = webhookIdOf({ deliveryId: posting.deliveryId, postingId: posting.id });
      const at = new Date(clock.now());
      try {
        const res = await outboundFetch(
          fetchFn,
          settings.url,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'webhook-id': id,
              'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
              'webhook-signature': signer.sign(id, at, posting.content),
            },
            body: posting.content,
          },
          settings.timeoutMs,
        );
        return await classifyResponse(res, clock.now(), RECEIVER);
      } catch (err) {
        return sendFailure(err, RECEIVER.system, settings.timeoutMs, settings.url);
      }
    },
  };
}
