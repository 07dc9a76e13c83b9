// An unexpected failure answers a generic 500 with a reference and logs the details with the
// request id; nothing internal reaches Next Plus's operator screen.
import { afterEach, expect, it } from 'vitest';
import type { LedgerStore } from '../../src/store/ledger-store.js';
import { realEvent } from '../support/fixtures.js';
import { post, type Harness } from '../support/harness.js';
import { quietLogger } from '../support/quiet-logger.js';
import { nodeHarness } from './node-harness.js';

let h: Harness;
afterEach(() => h.close());

it('a failing database gives a generic 500, logged with the request id', async () => {
  const logger = quietLogger();
  const broken = (store: LedgerStore): LedgerStore =>
    Object.assign(Object.create(store) as LedgerStore, {
      commitEvent: async () => {
        throw new Error('SQLITE_FULL: database or disk is full at /secret/path/bridge.db');
      },
    });
  h = await nodeHarness({ wrapStore: broken, logger });
  const res = await post(h, '/nextplus/device', realEvent('device-add'), { headers: { 'x-request-id': 'req-42' } });
  expect(res.status).toBe(500);
  const { message } = (await res.json()) as { message: string };
  expect(message).toMatch(/unexpected problem.*reference req-42.*Send it again/);
  expect(message).not.toMatch(/SQLITE|secret|bridge\.db|Error/);
  const logged = logger.lines.find((l) => l.level === 'error')!;
  expect(logged.fields).toMatchObject({ requestId: 'req-42', path: '/nextplus/device' });
  expect(JSON.stringify(logged.fields)).toMatch('SQLITE_FULL');
});

it('the request log never carries the token', async () => {
  const logger = quietLogger();
  h = await nodeHarness({ logger, env: { LOG_REQUESTS: 'true' } });
  await post(h, '/nextplus/device', realEvent('device-add'));
  await h.request('/nextplus/device?token=wrong-token-value', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  expect(logger.lines.length).toBeGreaterThanOrEqual(2);
  const text = JSON.stringify(logger.lines);
  expect(text).not.toContain(h.token);
  expect(text).not.toContain('wrong-token-value');
  expect(text).toContain('/nextplus/device');
});
