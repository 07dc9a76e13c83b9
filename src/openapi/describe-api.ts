// The OpenAPI 3.1 document, generated from the schemas that validate: each source's ingest
// payload schemas (checked by the ingest pipeline), the admin API's request schemas (its
// routes are OpenAPI routes), and the webhook target's body (checked before an operator's edit).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import type { HonoVariables } from '../http/hono-variables.js';
import { VERSION } from '../observability/metrics.js';
import { webhookBodySchema } from '../targets/webhook/webhook-body.js';
import { json, messageSchema } from './json-response.js';

// Named once, at load: zod's registry of schema ids holds each id once per process.
const webhookBody = webhookBodySchema.meta({ id: 'WebhookBody' });

/** `post /nextplus/item-attach` → `postNextplusItemAttach`: stable, unique per route, URL-safe. */
export function operationIdFor(method: string, path: string): string {
  return method + path.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

export function describeApi(app: OpenAPIHono<HonoVariables>, deps: Pick<AppDeps, 'config' | 'sources'>) {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'ingestToken', { type: 'apiKey', in: 'query', name: 'token', description: 'INGEST_TOKEN, in the URL the MES is given' });
  registry.registerComponent('securitySchemes', 'ingestBearer', { type: 'http', scheme: 'bearer', description: 'INGEST_TOKEN, for senders that can set headers' });
  registry.registerComponent('securitySchemes', 'metricsBearer', { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN or ADMIN_TOKEN' });

  const query = z.object({
    token: z.string().optional().describe('INGEST_TOKEN (or send it as Authorization: Bearer)'),
    test: z.enum(['1', 'true', 'yes']).optional().describe('Check and record it, never post it'),
  });
  const headers = z.object({
    'idempotency-key': z.string().max(200).optional().describe("The sender's key, for good: the same key with the same body is a duplicate; with another body, 422. Test and real deliveries' keys are apart."),
    'webhook-id': z.string().max(200).optional().describe('Same as Idempotency-Key'),
  });
  for (const source of deps.sources) {
    const answer = z.object(Object.fromEntries(Object.keys(source.answer('x')).map((k) => [k, z.string()])));
    for (const integration of source.integrations) {
      registry.registerPath({
        method: 'post',
        path: integration.path,
        operationId: operationIdFor('post', integration.path),
        tags: [`${source.label} events`],
        summary: integration.label,
        security: [{ ingestToken: [] }, { ingestBearer: [] }],
        request: { query, headers, body: { required: true, content: { 'application/json': { schema: integration.schema } } } },
        responses: {
          200: json(answer, 'Accepted, a test, or a duplicate (which gets the original answer). Recorded before this answer.'),
          400: json(messageSchema, 'Not JSON, not UTF-8, nested too deep, or a field is wrong: the message names it.'),
          401: json(messageSchema, 'The token is missing or wrong.'),
          409: json(messageSchema, 'It refers to something it cannot undo or change.'),
          413: json(messageSchema, 'Larger than MAX_BODY_BYTES (the connection is closed).'),
          415: json(messageSchema, 'Not sent as JSON in UTF-8.'),
          422: json(messageSchema, 'Valid, but it refers to something this bridge never received, cannot be posted as it is, or reuses a sender key with another body.'),
          429: json(messageSchema, 'Too many wrong tokens from this address; see Retry-After.'),
          503: json(messageSchema, 'Too many bytes being received at once (MAX_BYTES_IN_FLIGHT): not read, not recorded; send it again after Retry-After.'),
        },
      });
    }
  }

  registry.registerPath({ method: 'get', path: '/healthz', operationId: 'getHealthz', tags: ['Operations'], summary: 'The process answers (liveness)', security: [], responses: { 200: json(z.looseObject({ status: z.literal('ok') }), 'Alive.') } });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'getReadyz',
    tags: ['Operations'],
    security: [],
    summary: 'The ledger answers and the dispatcher is alive (readiness)',
    responses: { 200: json(z.looseObject({ status: z.string() }), 'Ready.'), 503: json(z.looseObject({ status: z.string() }), 'Not ready: the body says what is wrong.') },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tags: ['Operations'],
    summary: 'Prometheus metrics',
    security: [{ metricsBearer: [] }],
    responses: { 200: { description: 'Prometheus text format 0.0.4.', content: { 'text/plain': { schema: z.string() } } }, 401: json(messageSchema, 'The token is missing or wrong.') },
  });

  registry.registerWebhook({
    method: 'post',
    path: 'production-event',
    operationId: 'productionEvent',
    tags: ['Webhook target'],
    // The receiver checks the Standard Webhooks signature in the headers; no token is sent.
    security: [],
    summary: 'What the webhook target POSTs to WEBHOOK_URL',
    description:
      'One canonical production event per request, signed per the Standard Webhooks spec (webhook-id: the posting, the same on every retry; webhook-timestamp; webhook-signature with WEBHOOK_SECRET). Answer 2xx when taken; 429/5xx are retried with backoff (Retry-After honoured); 410 and other 4xx fail the posting and hold its production order.',
    request: {
      headers: z.object({ 'webhook-id': z.string(), 'webhook-timestamp': z.string(), 'webhook-signature': z.string() }),
      body: { required: true, content: { 'application/json': { schema: webhookBody } } },
    },
    responses: { 200: { description: 'Taken.' } },
  });

  let document: unknown;
  return () =>
    (document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'mes-erp-bridge',
        version: VERSION,
        description: 'Receives MES events (Next Plus, GE Proficy), keeps an idempotency ledger, and posts them to ERP targets (D365, a signed webhook, the journal).',
        // package.json is private and names no licence: all rights reserved until its owner picks one.
        // (OpenAPI 3.1's `identifier`, an SPDX expression; the generator's type only knows 3.0's url.)
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } as { name: string },
      },
      // PUBLIC_URL when set; else the address this document was fetched from.
      servers: [{ url: deps.config.publicUrl ?? '/', description: deps.config.publicUrl ? 'PUBLIC_URL' : 'this bridge' }],
    }));
}
