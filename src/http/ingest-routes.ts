// The HTTP side of every source: its endpoints behind the ingest token; each delivery's body
// read (bounded, its bytes counted in flight), handed to the pipeline as plain values, and the
// outcome answered: a success in the source's own shape, a refusal as {"message"} with the
// status error-status.ts gives its kind. A source switched off by SOURCES answers with the
// setting to change instead of a bare 404.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { DomainError } from '../core/domain-errors.js';
import { afterCommit } from '../ingest/after-commit.js';
import type { IngestAnswer } from '../ingest/ingest-payload.js';
import { receiveDeliveries } from '../ingest/receive-delivery.js';
import type { HonoVariables } from './hono-variables.js';
import { statusOf } from './error-status.js';
import { readBodyText } from './read-body.js';
import { requireToken } from './require-token.js';
import { waitUntilOf } from './wait-until.js';

export function ingestRoutes(deps: AppDeps) {
  const app = new Hono<HonoVariables>();
  
  const auth = requireToken(deps, {
    tokens: [deps.ingestToken],
    allowQuery: true,
    refusal: 'The bridge refused this delivery: the token in the URL is missing or wrong. Copy the URL again from the bridge into the MES.',
    where: 'ingest',
  });
  // The pipeline records a refusal with the status it is answered with: this layer's mapping.
  const pipeline = { ...deps, statusOf: (kind: DomainError['kind']) => statusOf[kind] };

  for (const source of deps.sources) {
    for (const integration of source.integrations) {
      app.post(integration.path, auth, async (c) => {
        // The body's bytes count as in flight until the delivery is recorded.
        const budget = deps.bytesInFlight.lease();
        let received;
        try {
          const body = await readBodyText(c.req.raw, deps.config.maxBodyBytes, integration.label, budget);
          received = await receiveDeliveries(pipeline, {
            integration,
            body: body.text,
            unreadable: body.problem,
            test: ['1', 'true', 'yes'].includes(c.req.query('test') ?? ''),
            ...senderKeyOf(c.req.raw.headers),
            requestId: c.get('requestId'),
          });
        } finally {
          budget.release();
        }
        // Every element is on record by now; the first refusal is the answer (a sender's retry
        // is answered as duplicates for the rest).
        const { outcomes, batch } = received;
        const refusal = outcomes.find((o) => o.outcome === 'refused');
        const first = outcomes[0];
        c.set('delivery', {
          source: source.name,
          integration: integration.name,
          outcome: refusal ? 'rejected' : batch ? outcomes.map((o) => o.outcome).join(',') : (first?.outcome ?? 'empty'),
          productionOrder: first && first.outcome !== 'refused' ? first.productionOrder : undefined,
        });
        if (refusal) throw refusal.error;
        const taken = outcomes as IngestAnswer[];
        for (const outcome of taken) {
          const refused = await afterCommit(pipeline, outcome, waitUntilOf(c));
          if (refused) throw refused;
        }
        const answers = taken.map((o) => source.answer(o.externalId));
        return c.json(batch ? answers : answers[0], 200);
      });
    }
  }

  const enabled = deps.sources.map((s) => s.name).join(',');
  for (const off of deps.config.disabledSources) {
    app.all(`${off.prefix}/*`, () => {
      const how = off.offHint ?? `add ${off.name} to the SOURCES setting (now ${enabled}) to receive them`;
      throw new DomainError('disabled', `${off.label} events are switched off on this bridge: ${how}.`);
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
export function ingestUrls(deps: Pick<AppDeps, 'sources' | 'ingestToken'>, baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '');
  return deps.sources.map((s) => ({
    label: s.label,
    hint: s.connectHint,
    testHint: s.testHint,
    urls: s.integrations.map((i) => ({ label: i.shortLabel, url: `${base}${i.path}?token=${encodeURIComponent(deps.ingestToken)}` })),
  }));
}
