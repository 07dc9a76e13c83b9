// Running it as a factory does: the built bridge with production settings, what it says at
// start (the admin token once, sentences for what went wrong), its probes and metrics, and an
// online backup taken while deliveries come in.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bridgeFixture } from '../support/bridge-fixture.js';
import { realEvent } from '../support/fixtures.js';
import { proficySample } from '../support/proficy-fixtures.js';
import { runToExit, stopBridge } from '../support/spawn-bridge.js';

const run = promisify(execFile);
const { dir, start: startBridge } = bridgeFixture('prod');

const postJson = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the built bridge in production', () => {
  it('shows a generated admin token once; later starts say how to see it again', async () => {
    const env = { DATABASE_PATH: join(dir, 'token.db') };
    const first = await startBridge(env);
    const token = first.output().match(/admin token (\S+) \(generated now/)?.[1];
    expect(token).toMatch(/^[\w-]{32}$/);
    await stopBridge(first.child);
    const second = await startBridge(env);
    expect(second.output()).not.toContain(token!);
    expect(second.output()).toMatch('`npm run admin-token` prints it');
    await stopBridge(second.child);
    const { stdout } = await run(process.execPath, ['dist/admin-token.js'], { env: { ...process.env, ...env } });
    expect(stdout.trim()).toBe(token);
  });

  it('answers /readyz and /metrics (with Node process metrics) and redirects / to the console', async () => {
    const s = await startBridge({ DATABASE_PATH: join(dir, 'probes.db'), METRICS_TOKEN: 'metrics-token-0123456789abcdef' });
    try {
      const ready = await fetch(`${s.base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', database: 'ok', dispatcher: { alive: true } });
      expect((await postJson(s.urls['Device/Serial']!, realEvent('device-add'))).status).toBe(200);
      // Every enabled source's URLs are printed, Proficy's eleven too, each one working.
      const proficy = Object.entries(s.urls).filter(([, url]) => url.includes('/proficy/'));
      expect(proficy).toHaveLength(11);
      const routeReleased = await postJson(s.urls['Route Released']!, proficySample('route-released'));
      expect(await routeReleased.json()).toMatchObject({ id: expect.stringMatching(/^PRF-/) });
      const metrics = await (await fetch(`${s.base}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789abcdef' } })).text();
      expect(metrics).toMatch(/^bridge_deliveries_received_total\{source="nextplus",integration="device",outcome="accepted"\} 1$/m);
      expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m);
      expect(metrics).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
      const root = await fetch(`${s.base}/`, { redirect: 'manual' });
      expect(root.headers.get('location')).toBe('/console');
    } finally {
      await stopBridge(s.child);
    }
  });

  it('says in a sentence, with no stack trace, why it cannot start', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await runToExit({ DATABASE_PATH: join(dir, 'port.db'), PORT: String(port) });
      expect(taken.code).toBe(1);
      expect(taken.output).toMatch(`Port ${port} is taken`);
      expect(taken.output).toMatch('set PORT to a free port');
      expect(taken.output).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
    const aFile = join(dir, 'not-a-folder');
    writeFileSync(aFile, 'x');
    const folder = await runToExit({ DATABASE_PATH: join(aFile, 'bridge.db') });
    expect(folder.code).toBe(1);
    expect(folder.output).toMatch(`The ledger can't be written at ${join(aFile, 'bridge.db')}`);
    expect(folder.output).toMatch('Set DATABASE_PATH');
    expect(folder.output).not.toMatch(/\n\s+at /);
    const config = await runToExit({ DATABASE_PATH: join(dir, 'config.db'), ERP_TARGETS: 'd365,sap' });
    expect(config.code).toBe(1);
    expect(config.output).toMatch('ERP_TARGETS: must be a comma list of journal, d365, webhook');
  });

  it('takes an online backup under load that holds every event acknowledged before it', async () => {
    const ledger = join(dir, 'load.db');
    const s = await startBridge({ DATABASE_PATH: ledger, SQLITE_SYNCHRONOUS: 'normal' });
    const acknowledged: string[] = [];
    let stop = false;
    const load = Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let i = 0; !stop; i++) {
          const res = await postJson(s.urls['Item Attach']!, realEvent('item-attach-add', { item: { sku: `L${lane}-${i}`, quantity: 1 } }));
          if (res.status === 200) acknowledged.push(((await res.json()) as { externalId: string }).externalId);
        }
      }),
    );
    try {
      while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 20));
      const before = [...acknowledged];
      const copy = join(dir, 'backup.db');
      const { stdout } = await run(process.execPath, ['dist/backup.js', copy], { env: { ...process.env, DATABASE_PATH: ledger } });
      expect(stdout).toMatch(/^Backed up .* deliveries/);
      stop = true;
      await load;
      const backup = new Database(copy, { readonly: true });
      const inBackup = new Set((backup.prepare('SELECT external_id FROM deliveries').all() as { external_id: string }[]).map((r) => r.external_id));
      backup.close();
      expect(before.filter((id) => !inBackup.has(id))).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(before.length); // deliveries went on during the backup
    } finally {
      stop = true;
      await load;
      await stopBridge(s.child);
    }
  });
});
