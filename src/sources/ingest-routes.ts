// The HTTP side of every source: its endpoints behind the ingest token, each delivery handed
// to the pipeline, the answer in the source's own shape. A source switched off by SOURCES
// answers with the setting to change instead of a bare 404.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../deps.js';
import { DomainError } from '../core/domain-errors.js';
import { deliverNow } from '../delivery/sync-delivery.js';
import type { BridgeEnv } from '../http/bridge-env.js';
import { requireToken } from '../http/require-token.js';
import { waitUntilOf } from '../http/wait-until.js';
import { receiveDelivery } from '../ingest/receive-delivery.js';

export function ingestRoutes(deps: AppDeps) {
  const app = new Hono<BridgeEnv>();
  const { config } = deps;
  const auth = requireToken(deps, {
    tokens: [deps.ingestToken],
    allowQuery: true,
    refusal: 'The bridge refused this delivery: the token in the URL is missing or wrong. Copy the URL again from the bridge into the MES.',
    where: 'ingest',
  });

  for (const source of config.sources) {
    for (const integration of source.integrations) {
      app.post(integration.path, auth, async (c) => {
        const answer = await receiveDelivery(deps, {
          integration,
          request: c.req.raw,
          test: ['1', 'true', 'yes'].includes(c.req.query('test') ?? ''),
          ...senderKeyOf(c.req.raw.headers),
          requestId: c.get('requestId'),
        });
        if (answer.queued.length) {
          if (config.delivery.mode === 'sync') {
            const outcome = await deliverNow(deps, answer.deliveryId, answer.queued);
            if (outcome.kind === 'rejected') return c.json({ message: outcome.message }, 422);
          } else {
            deps.notifyDispatcher(waitUntilOf(c));
          }
        }
        return c.json(source.answer(answer.externalId), answer.status as ContentfulStatusCode);
      });
    }
  }

  const enabled = config.sources.map((s) => s.name).join(',');
  for (const off of config.disabledSources) {
    app.all(`${off.prefix}/*`, () => {
      throw new DomainError('disabled', `${off.label} events are switched off on this bridge: add ${off.name} to the SOURCES setting (now ${enabled}) to receive them.`);
    });
  }
  return app;
}

/** The sender's own key: Idempotency-Key, or Standard Webhooks' webhook-id (Proficy's forwarders). */
function senderKeyOf(headers: Headers): { senderKey?: string; senderKeyHeader?: string } {
  const key = headers.get('idempotency-key');
  if (key !== null) return { senderKey: key, senderKeyHeader: 'Idempotency-Key' };
  const id = headers.get('webhook-id');
  return id !== null ? { senderKey: id, senderKeyHeader: 'webhook-id' } : {};
}

/** The ingest URLs of every enabled source, token included (the MES can be given nothing but a URL). */
export function ingestUrls(deps: Pick<AppDeps, 'config' | 'ingestToken'>, baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '');
  return deps.config.sources.map((s) => ({
    label: s.label,
    hint: s.connectHint,
    testHint: s.testHint,
    urls: s.integrations.map((i) => ({ label: i.shortLabel ?? i.label, url: `${base}${i.path}?token=${encodeURIComponent(deps.ingestToken)}` })),
  }));
}
