// The bridge as production runs it: built once for the suite (build-once.ts, what `npm start`
// does first), then `node dist/node.js` as a child process, fixtures over real HTTP.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveFakeD365 } from './fake-d365-server.js';
import { itemOf } from '../support/fake-d365.js';
import { bridgeFixture } from '../support/bridge-fixture.js';
import { settle, sleep } from '../support/fault-tools.js';
import { fixtures, realEvent, type FixtureName } from '../support/fixtures.js';
import { stopBridge as stop, type Started } from '../support/spawn-bridge.js';

const { dir, start: startIn } = bridgeFixture('bb', { LOG_REQUESTS: 'true' });

/** Starts the built bridge on a free port, on this file's ledger unless told otherwise. */
const start = (env: Record<string, string> = {}): Promise<Started> => startIn({ DATABASE_PATH: join(dir, 'bridge.db'), ...env });

const urlFor = (s: Started, path: string) =>
  s.urls[{ '/nextplus/device': 'Device/Serial', '/nextplus/item-attach': 'Item Attach', '/nextplus/operation': 'Operation' }[path]!]!;

describe('the built bridge (node dist/node.js)', () => {
  it('prints the three URLs, accepts every fixture over HTTP, and keeps its token across restarts', async () => {
    const first = await start();
    expect(first.urls['Device/Serial']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/nextplus\/device\?token=[\w-]{32}$/);
    const health = await fetch(new URL('/healthz', urlFor(first, '/nextplus/device')));
    expect(await health.json()).toEqual({ status: 'ok', connector: 'journal', targets: ['journal'] });

    for (const name of Object.keys(fixtures) as FixtureName[]) {
      const { path, body } = fixtures[name];
      const res = await fetch(urlFor(first, path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, name).toBe(200);
      expect(((await res.json()) as { externalId: string }).externalId).toMatch(/^TEST-/);
    }
    const real = await fetch(urlFor(first, '/nextplus/operation'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(realEvent('operation-add')),
    });
    expect(((await real.json()) as { externalId: string }).externalId).toMatch(/^OPR-/);
    expect(first.output()).not.toMatch(/"level":"error"/);
    await stop(first.child);

    // The token is printed once, on the start that made it; later banners name the command.
    const second = await start();
    const token = new URL(first.urls['Device/Serial']!).searchParams.get('token')!;
    expect(first.output()).toMatch('shown only this once');
    expect(second.output()).not.toContain(token);
    expect(second.output()).toMatch(/device\?token=INGEST-TOKEN\n[\s\S]*`npm run ingest-token` prints it/);
    const printed = execFileSync(process.execPath, ['dist/ingest-token.js'], { env: { ...process.env, INGEST_TOKEN: '', DATABASE_PATH: join(dir, 'bridge.db') } });
    expect(printed.toString().trim()).toBe(token);
    const res = await fetch(urlFor(second, '/nextplus/operation'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(realEvent('operation-add')) });
    expect(res.status).toBe(200);
    await stop(second.child);
  });

  it('uses INGEST_TOKEN when it is set', async () => {
    const s = await start({ INGEST_TOKEN: 'configured-token-1234567890' });
    expect(s.urls['Operation']).toMatch(/\?token=configured-token-1234567890$/); // completed as a person would
    expect(s.output()).not.toContain('configured-token-1234567890');
    expect(s.output()).toMatch('Replace INGEST-TOKEN with your INGEST_TOKEN');
    const wrong = await fetch(urlFor(s, '/nextplus/operation').replace(/token=.*/, 'token=nope'), { method: 'POST' });
    expect(wrong.status).toBe(401);
    await stop(s.child);
  });

  it('prints the console address and a generated admin token that signs in to it', async () => {
    const s = await start({ DATABASE_PATH: join(dir, 'console.db') });
    const [, consoleUrl, adminToken] = s.output().match(/^Console: (\S+) \(sign in with admin token (\S+) \(generated/m) ?? [];
    expect(consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console$/);
    const login = await fetch(`${consoleUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(consoleUrl!).origin },
      body: new URLSearchParams({ name: 'newcomer', token: adminToken! }).toString(),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const overview = await fetch(consoleUrl!, { headers: { cookie } });
    expect(await overview.text()).toMatch('Signed in as newcomer');
    await stop(s.child);
  });

  it('refuses to start on bad configuration, saying what is wrong', async () => {
    const failed = await start({ PORT: 'eighty' }).catch((err: Error) => err.message);
    expect(failed).toMatch(/exited with 1/);
    expect(failed).toMatch(/PORT: must be a port number/);
  });
});

describe('the built bridge with the D365 connector', () => {
  it('delivers what was queued before a restart, exactly once', async () => {
    const served = await serveFakeD365();
    const d365 = served.fake;
    try {
      const env = { ...d365.env({ RETRY_BASE_MS: '100', RETRY_MAX_MS: '200', DISPATCH_INTERVAL_MS: '100' }), DATABASE_PATH: join(dir, 'd365.db') };
      d365.outage = { status: 503 };
      const first = await start(env);
      for (let i = 1; i <= 3; i++) {
        const body = realEvent('item-attach-add', { item: { sku: `PART-${i}`, quantity: i } });
        const res = await fetch(urlFor(first, '/nextplus/item-attach'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(res.status).toBe(200);
      }
      await sleep(500); // a few failed attempts against the outage
      await stop(first.child);
      expect(d365.received).toEqual([]);

      d365.outage = undefined;
      const second = await start(env);
      // Three received, then 300 ms of quiet: room for a wrongful second send to show up.
      await settle(() => d365.received.length, () => d365.received.length >= 3, { quietMs: 300, timeoutMs: 10_000 });
      expect(d365.received.map(itemOf)).toEqual(['PART-1', 'PART-2', 'PART-3']);
      expect(d365.violations).toEqual([]);
      await stop(second.child);
    } finally {
      await served.stop();
    }
  });
});
