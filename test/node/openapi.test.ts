// /openapi.json is generated from the schemas that validate, is a valid OpenAPI 3.1 document,
// and describes every API route the app serves (the console's HTML pages are not an API);
// /docs renders it for people without a network.
import { validate } from '@readme/openapi-parser';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ADMIN_TEST_TOKEN } from '../support/harness.js';
import { nodeHarness, type NodeHarness } from './node-harness.js';

const NOT_API = /^\/(console|openapi\.json|docs)?(\/|$)/;

describe('the OpenAPI document', () => {
  let h: NodeHarness;
  beforeEach(async () => (h = await nodeHarness()));
  afterEach(() => h.close());

  const document = async () => (await (await h.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>>; webhooks: Record<string, unknown> };

  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await document();
    expect((doc as { openapi?: string }).openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result).toMatchObject({ valid: true, specification: 'OpenAPI' });
    // The validator does refuse what is wrong: the same document with a broken response.
    const broken = structuredClone(doc) as { paths: Record<string, Record<string, { responses: unknown }>> };
    broken.paths['/healthz']!.get!.responses = { 200: { content: 'not a media type map' } };
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it("carries the package's version (so do /metrics' bridge_info)", async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(((await document()) as unknown as { info: { version: string } }).info.version).toBe(pkg.version);
  });

  it('describes every route the app serves', async () => {
    const doc = await document();
    const app = createApp(h.deps);
    const served = app.routes
      .filter((r) => r.method !== 'ALL' && !NOT_API.test(r.path) && r.path !== '/')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(25);
    const described = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`));
    expect([...new Set(served)].sort()).toEqual(described.filter((d) => served.includes(d)).sort());
    expect(served.filter((s) => !described.includes(s))).toEqual([]);
  });

  it('takes its ingest schemas from the sources and publishes the webhook body', async () => {
    const doc = (await document()) as any;
    const itemAttach = doc.paths['/nextplus/item-attach'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(itemAttach)).toMatch('"quantity"');
    expect(doc.webhooks['production-event'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/WebhookBody' });
    expect(doc.components.schemas.WebhookBody.properties.type.enum).toContain('production.reversal');
  });

  it('documents a validation rule exactly as the route enforces it', async () => {
    const doc = (await document()) as any;
    const limit = doc.paths['/admin/api/events'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ maximum: 500, minimum: 1 });
    const res = await h.request('/admin/api/events?limit=501', { headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}` } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch('limit must be at most 500');
  });

  // What Redocly's recommended rules ask, checked here without the tool: 0 errors, no warnings
  // for a missing operationId or licence.
  it("meets Redocly's recommended rules: servers, licence, an operationId and security on every operation", async () => {
    const doc = (await document()) as any;
    expect(doc.servers.length).toBeGreaterThan(0);
    for (const server of doc.servers) expect(server.url === '/' || !server.url.endsWith('/'), server.url).toBe(true);
    expect(doc.info.license.name).toBeTruthy();
    expect(doc.info.license.url ?? doc.info.license.identifier).toBeTruthy();
    const schemes = Object.keys(doc.components.securitySchemes);
    const operations = [...Object.entries(doc.paths), ...Object.entries(doc.webhooks).map(([name, item]) => [`webhook ${name}`, item] as const)].flatMap(([path, item]) =>
      Object.entries(item as Record<string, any>).map(([method, op]) => ({ where: `${method} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(25);
    const ids = operations.map(({ where, op }) => {
      expect(op.operationId, `${where}: operationId`).toMatch(/^[A-Za-z][A-Za-z0-9_.-]*$/);
      // Declared on every operation: the schemes it takes, or [] for a public one.
      expect(Array.isArray(op.security ?? doc.security), `${where}: security`).toBe(true);
      for (const requirement of op.security) for (const name of Object.keys(requirement)) expect(schemes, `${where}: ${name}`).toContain(name);
      return op.operationId as string;
    });
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'duplicate operationIds').toEqual([]);
    const publicOps = operations.filter(({ op }) => op.security.length === 0).map(({ where }) => where);
    expect(publicOps.sort()).toEqual(['get /healthz', 'get /readyz', 'post webhook production-event']);
  });

  it('names PUBLIC_URL as the server when it is set', async () => {
    const withUrl = await nodeHarness({ env: { PUBLIC_URL: 'https://bridge.plant.example.com/' } });
    try {
      const doc = (await (await withUrl.request('/openapi.json')).json()) as { servers: { url: string }[] };
      expect(doc.servers).toEqual([{ url: 'https://bridge.plant.example.com', description: 'PUBLIC_URL' }]);
    } finally {
      withUrl.close();
    }
  });

  it('/docs shows parameter types and renders the descriptions\' Markdown, escaped, without script', async () => {
    const html = await (await h.request('/docs')).text();
    // The limit parameter: its type and bounds.
    expect(html).toMatch(/<code>limit<\/code><\/td><td class="muted">query<\/td><td><code>integer<\/code><span class="muted"> 1–500/);
    // `next` / `before` in a summary are code, not literal backticks.
    expect(html).toMatch('pass <code>next</code> as <code>before</code>');
    expect(html).not.toMatch('`next`');
  });

  it('/docs is a readable page that needs no network', async () => {
    const res = await h.request('/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch('/nextplus/item-attach');
    expect(html).toMatch('Retry every failed posting of one production order');
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)[a-z]/i);
  });
});
