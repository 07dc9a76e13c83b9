import { describe, expect, it } from 'vitest';
import { ConfigError, parseBridgeConfig } from '../../src/config/bridge-config.js';
import { parseNodeConfig } from '../../src/config/node-config.js';

const problemsOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('configuration', () => {
  it('has working defaults', () => {
    const c = parseNodeConfig({});
    expect(c).toMatchObject({ PORT: 8787, HOST: '0.0.0.0', DATABASE_PATH: './data/bridge.db', SQLITE_SYNCHRONOUS: 'full' });
    expect(c.bridge).toMatchObject({ erpConnector: 'journal', dedupeWindowMs: 60_000, maxBodyBytes: 1_048_576, plantTimeZone: 'UTC', logRequests: true });
  });

  it('treats blank values as unset', () => {
    expect(parseBridgeConfig({ DEDUPE_WINDOW_SECONDS: '', INGEST_TOKEN: ' ' }).dedupeWindowMs).toBe(60_000);
  });

  it('names every bad setting in words', () => {
    const problems = problemsOf(() =>
      parseNodeConfig({ PORT: 'eighty', DEDUPE_WINDOW_SECONDS: '-1', INGEST_TOKEN: 'short', PLANT_TIME_ZONE: 'Mars/Olympus', ERP_CONNECTOR: 'sap' }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: must be a port number',
        'DEDUPE_WINDOW_SECONDS: must be at least 0',
        'INGEST_TOKEN: must be at least 16 characters (use a long random value)',
        'PLANT_TIME_ZONE: must be an IANA time zone such as Europe/Berlin or America/Chicago',
        'ERP_CONNECTOR: must be journal or d365',
      ]),
    );
  });

  it('refuses an INGEST_TOKEN that would be mangled in the URL Next Plus calls', () => {
    expect(problemsOf(() => parseBridgeConfig({ INGEST_TOKEN: 'abc+def/ghi=jklmnop' }))).toEqual([
      'INGEST_TOKEN: may only hold letters, digits and - _ . ~ (it goes into a URL; try openssl rand -hex 16)',
    ]);
    expect(parseBridgeConfig({ INGEST_TOKEN: 'Ab3_-.~xyz0123456789' }).ingestToken).toBe('Ab3_-.~xyz0123456789');
  });

  it('requires the D365 settings when the D365 connector is chosen, and keeps the secret out of errors', () => {
    expect(problemsOf(() => parseBridgeConfig({ ERP_CONNECTOR: 'd365', D365_URL: 'https://x.operations.dynamics.com/', D365_CLIENT_SECRET: 's3cret' }))).toEqual([
      'D365_TENANT_ID: is required when ERP_CONNECTOR is d365',
      'D365_CLIENT_ID: is required when ERP_CONNECTOR is d365',
      'D365_COMPANY: is required when ERP_CONNECTOR is d365',
    ]);
    const c = parseBridgeConfig({
      ERP_CONNECTOR: 'd365',
      D365_URL: 'https://x.operations.dynamics.com/',
      D365_TENANT_ID: 't',
      D365_CLIENT_ID: 'c',
      D365_CLIENT_SECRET: 's',
      D365_COMPANY: 'USMF',
      RETRY_HORIZON_MS: '60000',
    });
    expect(c.d365).toMatchObject({ url: 'https://x.operations.dynamics.com', company: 'USMF', timeoutMs: 30_000 });
    expect(c.delivery).toEqual({ mode: 'queued', syncTimeoutMs: 10_000, intervalMs: 1000, concurrency: 4, retryBaseMs: 2000, retryMaxMs: 900_000, retryHorizonMs: 60_000 });
    expect(problemsOf(() => parseBridgeConfig({ D365_URL: 'not a url', DELIVERY_MODE: 'later' })).join('\n')).not.toMatch(/s3cret/);
  });

  it('checks the translation override', () => {
    expect(problemsOf(() => parseBridgeConfig({ TRANSLATION: '{nope' }))).toEqual(['TRANSLATION: is not valid JSON']);
    expect(problemsOf(() => parseBridgeConfig({ TRANSLATION: '{"startedQuantity": -1}' }))[0]).toMatch(/^TRANSLATION\.startedQuantity: /);
    expect(problemsOf(() => parseBridgeConfig({ TRANSLATION: '{"events":{"operation.add":["ProdProductionOrderPickingList"]}}' }))).toEqual([
      "TRANSLATION: operation.add can't produce ProdProductionOrderPickingList",
    ]);
  });

  it('reads the translation from TRANSLATION_FILE', () => {
    expect(problemsOf(() => parseNodeConfig({ TRANSLATION_FILE: '/no/such/file.json' }))).toEqual(["TRANSLATION_FILE: can't read /no/such/file.json"]);
  });
});
