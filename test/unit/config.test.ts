import { describe, expect, it } from 'vitest';
import { ConfigError, parseBridgeConfig } from '../../src/config/bridge-config.js';
import { parseNodeConfig } from '../../src/config/node-config.js';
import { sourceDefinitions } from '../../src/sources/registry.js';

const problemsOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

const d365Env = { D365_URL: 'https://x.operations.dynamics.com/', D365_TENANT_ID: 't', D365_CLIENT_ID: 'c', D365_CLIENT_SECRET: 's', D365_COMPANY: 'USMF' };
const webhookEnv = { WEBHOOK_URL: 'https://erp.example.com/mes', WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 7).toString('base64')}` };
const targetsOf = (c: ReturnType<typeof parseBridgeConfig>) => c.targets.map((t) => t.definition.name);

describe('configuration', () => {
  it('has working defaults', () => {
    const c = parseNodeConfig({});
    expect(c).toMatchObject({ PORT: 8787, HOST: '0.0.0.0', DATABASE_PATH: './data/bridge.db', SQLITE_SYNCHRONOUS: 'full', HEADERS_TIMEOUT_MS: 10_000, REQUEST_TIMEOUT_MS: 30_000 });
    expect(c.bridge).toMatchObject({ dedupeWindowMs: 60_000, maxBodyBytes: 1_048_576, plantTimeZone: 'UTC', logRequests: true, retentionMs: 90 * 86_400_000 });
    expect(targetsOf(c.bridge)).toEqual(['journal']);
    expect(c.bridge.sources.map((s) => s.definition.name)).toEqual(sourceDefinitions.filter((d) => !d.switchedOn).map((d) => d.name)); // every source no other setting switches, by default
  });

  it('reads the per-target send limit, or leaves it to the dispatcher to derive', () => {
    expect(parseBridgeConfig({}).dispatch.concurrencyPerTarget).toBeUndefined();
    expect(parseBridgeConfig({ DISPATCH_CONCURRENCY_PER_TARGET: '2' }).dispatch.concurrencyPerTarget).toBe(2);
    expect(problemsOf(() => parseBridgeConfig({ DISPATCH_CONCURRENCY_PER_TARGET: '0' }))).toEqual(['DISPATCH_CONCURRENCY_PER_TARGET: must be at least 1']);
  });

  it('treats blank values as unset', () => {
    expect(parseBridgeConfig({ DEDUPE_WINDOW_SECONDS: '', INGEST_TOKEN: ' ' }).dedupeWindowMs).toBe(60_000);
  });

  it('names every bad setting in words', () => {
    const problems = problemsOf(() =>
      parseNodeConfig({ PORT: 'eighty', DEDUPE_WINDOW_SECONDS: '-1', INGEST_TOKEN: 'short', PLANT_TIME_ZONE: 'Mars/Olympus', ERP_CONNECTOR: 'sap', SOURCES: 'nextplus,mes9000' }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: must be a port number',
        'DEDUPE_WINDOW_SECONDS: must be at least 0',
        'INGEST_TOKEN: must be at least 16 characters (use a long random value)',
        'PLANT_TIME_ZONE: must be an IANA time zone such as Europe/Berlin or America/Chicago',
        'ERP_CONNECTOR: must be one of journal, d365, webhook',
        'SOURCES: must be a comma list of nextplus, proficy, d365, vif',
      ]),
    );
  });

  it('refuses an INGEST_TOKEN that would be mangled in the URL the MES calls', () => {
    expect(problemsOf(() => parseBridgeConfig({ INGEST_TOKEN: 'abc+def/ghi=jklmnop' }))).toEqual([
      'INGEST_TOKEN: may only hold letters, digits and - _ . ~ (it goes into a URL; try openssl rand -hex 16)',
    ]);
    expect(parseBridgeConfig({ INGEST_TOKEN: 'Ab3_-.~xyz0123456789' }).ingestToken).toBe('Ab3_-.~xyz0123456789');
  });

  it('requires the D365 settings when the D365 target is on, and keeps the secret out of errors', () => {
    expect(problemsOf(() => parseBridgeConfig({ ERP_TARGETS: 'd365', D365_URL: 'https://x.operations.dynamics.com/', D365_CLIENT_SECRET: 's3cret' }))).toEqual([
      'D365_TENANT_ID: is required when the d365 target is on (ERP_TARGETS)',
      'D365_CLIENT_ID: is required when the d365 target is on (ERP_TARGETS)',
      'D365_COMPANY: is required when the d365 target is on (ERP_TARGETS)',
    ]);
    const c = parseBridgeConfig({ ERP_TARGETS: 'd365', ...d365Env, RETRY_HORIZON_MS: '60000' });
    expect(c.targets[0]!.settings).toMatchObject({ connection: { url: 'https://x.operations.dynamics.com', company: 'USMF', timeoutMs: 30_000 } });
    expect(c.dispatch).toEqual({ mode: 'queued', syncTimeoutMs: 10_000, intervalMs: 1000, concurrency: 4, retryBaseMs: 2000, retryMaxMs: 900_000, retryHorizonMs: 60_000 });
    expect(problemsOf(() => parseBridgeConfig({ ERP_TARGETS: 'd365', D365_URL: 'not a url', D365_CLIENT_SECRET: 's3cret', DELIVERY_MODE: 'later' })).join('\n')).not.toMatch(/s3cret/);
  });

  it('keeps ERP_CONNECTOR working as the one-target alias of ERP_TARGETS', () => {
    expect(targetsOf(parseBridgeConfig({ ERP_CONNECTOR: 'd365', ...d365Env }))).toEqual(['d365']);
    expect(targetsOf(parseBridgeConfig({ ERP_TARGETS: 'd365', ERP_CONNECTOR: 'd365', ...d365Env }))).toEqual(['d365']);
    expect(problemsOf(() => parseBridgeConfig({ ERP_TARGETS: 'webhook', ERP_CONNECTOR: 'd365', ...d365Env, ...webhookEnv }))[0]).toMatch(/^ERP_CONNECTOR: is the older name of ERP_TARGETS/);
  });

  it('fans out to several targets and checks each one\'s settings', () => {
    expect(targetsOf(parseBridgeConfig({ ERP_TARGETS: 'd365, webhook', ...d365Env, ...webhookEnv }))).toEqual(['d365', 'webhook']);
    expect(problemsOf(() => parseBridgeConfig({ ERP_TARGETS: 'webhook', WEBHOOK_SECRET: 'hunter2' }))).toEqual([
      'WEBHOOK_URL: is required with the webhook target: the full URL of the receiver, such as https://erp.example.com/mes-events',
      'WEBHOOK_SECRET: must be whsec_ followed by at least 24 random bytes in base64 (e.g. whsec_$(openssl rand -base64 32))',
    ]);
  });

  it('switches sources on and off', () => {
    const c = parseBridgeConfig({ SOURCES: 'proficy' });
    expect(c.sources.map((s) => s.definition.name)).toEqual(['proficy']);
    expect(c.disabledSources.map((s) => s.prefix)).toEqual(['/nextplus', '/d365', '/vif']);
  });

  it('ORDER_SYNC switches the D365 source on, which needs D365_COMPANY', () => {
    const d365 = { D365_URL: 'https://d365.example.com', D365_TENANT_ID: 't', D365_CLIENT_ID: 'c', D365_CLIENT_SECRET: 's', D365_COMPANY: 'USMF' };
    const on = parseBridgeConfig({ ORDER_SYNC: 'nextplus', ...d365, NEXTPLUS_URL: 'https://np.example.com', NEXTPLUS_USERNAME: 'u', NEXTPLUS_PASSWORD: 'p' });
    expect(on.sources.map((s) => s.definition.name)).toContain('d365');
    expect(targetsOf(on)).toContain('d365-orders');
    const problems = problemsOf(() => parseBridgeConfig({ ORDER_SYNC: 'nextplus' }));
    expect(problems.filter((p) => p.startsWith('D365_COMPANY'))).toEqual(['D365_COMPANY: is required when ORDER_SYNC is on (released orders are read from D365 OData)']); // once
    expect(problemsOf(() => parseBridgeConfig({ ORDER_SYNC: 'sap' }))).toEqual(['ORDER_SYNC: must be off, nextplus, vif or nextplus,vif']);
  });

  it("the D365 target alone switches the D365 source on (its verdicts), with the processed event's field names as settings", () => {
    const on = parseBridgeConfig({ ERP_TARGETS: 'd365', ...d365Env, D365_PROCESSED_STATE_FIELD: 'Status, MessageStatus' });
    const source = on.sources.find((s) => s.definition.name === 'd365');
    expect(source?.settings).toMatchObject({
      processed: { eventId: 'SysMessageProcessorMessageProcessedBusinessEvent', queue: 'JmgMES3P', fields: { state: ['Status', 'MessageStatus'], error: ['ErrorMessage'] }, failedStates: ['Failed'] },
    });
    expect(targetsOf(on)).toEqual(['d365']);
    expect(problemsOf(() => parseBridgeConfig({ ERP_TARGETS: 'd365', ...d365Env, D365_PROCESSED_TYPE_FIELD: 'Message Type' }))).toEqual([
      'D365_PROCESSED_TYPE_FIELD: must be one or more field names, separated by commas',
    ]);
  });

  it("the D365 source's set-up hint names the configured legal entity and only the events this bridge acts on", () => {
    const hintOf = (env: Record<string, string>) => {
      const source = parseBridgeConfig(env).sources.find((s) => s.definition.name === 'd365')!;
      return (source.definition.create as (s: unknown) => { connectHint: string })(source.settings).connectHint;
    };
    const verdictsOnly = hintOf({ ERP_TARGETS: 'd365', ...d365Env });
    expect(verdictsOnly).toMatch(/Message processor message processed .*, legal entity usmf$/);
    expect(verdictsOnly).not.toMatch('production order events');
    const nextplus = { NEXTPLUS_URL: 'https://np.example.com', NEXTPLUS_USERNAME: 'u', NEXTPLUS_PASSWORD: 'p' };
    const orderSyncOnly = hintOf({ ERP_TARGETS: 'journal', ORDER_SYNC: 'nextplus', ...d365Env, ...nextplus });
    expect(orderSyncOnly).toMatch(/the production order events \(order sync\), legal entity usmf$/);
    expect(orderSyncOnly).not.toMatch('Message processor');
    expect(hintOf({ ERP_TARGETS: 'd365', ORDER_SYNC: 'nextplus', ...d365Env, ...nextplus })).toMatch(/order sync\) and Message processor/);
  });

  it('checks the translation override', () => {
    expect(problemsOf(() => parseBridgeConfig({ TRANSLATION: '{nope' }))).toEqual(['TRANSLATION: is not valid JSON']);
    expect(problemsOf(() => parseBridgeConfig({ TRANSLATION: '{"startedQuantity": -1}' }))[0]).toMatch(/^TRANSLATION\.startedQuantity: /);
    expect(problemsOf(() => parseBridgeConfig({ TRANSLATION: '{"events":{"operation.add":["ProdProductionOrderPickingList"]}}' }))).toEqual([
      "TRANSLATION: operation.add can't produce material-consumed",
    ]);
  });

  it('checks the Proficy tables', () => {
    expect(problemsOf(() => parseBridgeConfig({ PROFICY_OPERATION_NUMBERS: '{"FrameAssembly": "twenty"}' }))[0]).toMatch(/^PROFICY_OPERATION_NUMBERS\.FrameAssembly: /);
    expect(problemsOf(() => parseBridgeConfig({ PROFICY_TRANSLATION: '{"events":{"route-released":["order-started"]}}' }))).toEqual([
      'PROFICY_TRANSLATION.events.route-released.0: is recorded only: give []',
    ]);
    expect(problemsOf(() => parseBridgeConfig({ PROFICY_TRANSLATION: '{"events":{"operation-completed":["order-ended"]}}' }))).toEqual([
      'PROFICY_TRANSLATION.events.operation-completed.0: may only list operation-reported, material-consumed, quantity-finished',
    ]);
  });

  it('warns when D365 gets no finished quantities from Next Plus', () => {
    expect(parseBridgeConfig({ ERP_TARGETS: 'd365', ...d365Env }).warnings[0]).toMatch(/No last operation is configured/);
    expect(parseBridgeConfig({ ERP_TARGETS: 'd365', ...d365Env, TRANSLATION: '{"lastOperation":{"positions":[90]}}' }).warnings).toEqual([]);
    expect(parseBridgeConfig({}).warnings).toEqual([]);
  });

  it('does not warn of a missing last operation with order sync to Next Plus: the route says which is last', () => {
    const nextplus = { NEXTPLUS_URL: 'https://np.example.com', NEXTPLUS_USERNAME: 'u', NEXTPLUS_PASSWORD: 'p' };
    const warnings = parseBridgeConfig({ ERP_TARGETS: 'd365', ...d365Env, ORDER_SYNC: 'nextplus', ...nextplus }).warnings;
    expect(warnings.filter((w) => /No last operation/.test(w))).toEqual([]);
  });

  it('reads the translation from TRANSLATION_FILE', () => {
    expect(problemsOf(() => parseNodeConfig({ TRANSLATION_FILE: '/no/such/file.json' }))).toEqual(["TRANSLATION_FILE: can't read /no/such/file.json"]);
  });

  describe.each([
    ['TRANSLATION', {}],
    ['PROFICY_TRANSLATION', {}],
    ['PROFICY_OPERATION_NUMBERS', {}],
    ['D365_JOURNAL_NAMES', { ERP_TARGETS: 'd365', ...d365Env }],
  ])('the JSON setting %s', (name, env) => {
    it.each(['null', '1', '"x"', '[]', 'true'])('refuses %s in a sentence naming it', (value) => {
      const problems = problemsOf(() => parseBridgeConfig({ ...env, [name]: value }));
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: must be a JSON object`))]);
    });

    it.each(['{"__proto__":{}}', '{"__proto__":{"x":1}}', '{"events":{"__proto__":[]}}', '{"productionOrders":{"__proto__":"P"}}'])('refuses a "__proto__" key (%s) naming it', (value) => {
      const problems = problemsOf(() => parseBridgeConfig({ ...env, [name]: value }));
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}(\\.\\w+)?: "__proto__" can't be a name`))]);
    });
  });

  it('takes built-in names (constructor, toString) as ordinary Proficy names', () => {
    const proficy = parseBridgeConfig({
      SOURCES: 'proficy',
      PROFICY_OPERATION_NUMBERS: '{"constructor": 10, "toString": 20}',
      PROFICY_TRANSLATION: '{"productionOrders": {"valueOf": "P1"}}',
    });
    expect(proficy.sources.map((s) => s.definition.name)).toEqual(['proficy']);
    expect(problemsOf(() => parseBridgeConfig({ PROFICY_OPERATION_NUMBERS: '{"constructor": "ten"}' }))).toEqual([expect.stringMatching(/^PROFICY_OPERATION_NUMBERS\.constructor: /)]);
  });
});
