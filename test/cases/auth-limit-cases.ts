// Wrong tokens are limited per client address: past AUTH_FAILURES_PER_MINUTE an address gets 429
// with Retry-After instead of 401, on the ingest URLs, the admin API, /metrics and the console
// sign-in alike; a right token is never held back, and the next minute starts afresh.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { form } from '../support/console-client.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, post, type Harness, type MakeHarness } from '../support/harness.js';

const LIMIT = 5;

export function authLimitCases(make: MakeHarness) {
  describe('wrong-token limit', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { AUTH_FAILURES_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' } })));
    afterEach(() => h.close());

    const from = (address: string) => ({ 'x-forwarded-for': `10.9.9.9, ${address}` });
    const ingest = (address: string, token: string) =>
      h.request(`/nextplus/device?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json', ...from(address) }, body: JSON.stringify(realEvent('device-add')) });

    it('answers 429 with Retry-After past the limit, never holds back the right token, and forgets after a minute', async () => {
      for (let i = 0; i < LIMIT; i++) expect((await ingest('203.0.113.7', 'wrong-token-0123456789')).status).toBe(401);
      const limited = await ingest('203.0.113.7', 'wrong-token-0123456789');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(((await limited.json()) as { message: string }).message).toMatch(/Too many wrong tokens from 203\.0\.113\.7; wait \d+ s/);
      expect((await ingest('203.0.113.7', h.token)).status).toBe(200); // the right token goes through at once
      expect((await ingest('198.51.100.4', 'wrong-token-0123456789')).status).toBe(401); // another address is counted on its own
      h.clock.advance(60_000);
      expect((await ingest('203.0.113.7', 'wrong-token-0123456789')).status).toBe(401);
    });

    it('limits the admin API, /metrics and the console sign-in the same way', async () => {
      const admin = (token: string) => h.request('/admin/api/summary', { headers: { authorization: `Bearer ${token}`, ...from('192.0.2.1') } });
      for (let i = 0; i < LIMIT; i++) expect((await admin('nope-nope-nope-nope')).status).toBe(401);
      expect((await admin('nope-nope-nope-nope')).status).toBe(429);
      expect((await h.request('/metrics', { headers: { authorization: 'Bearer nope', ...from('192.0.2.1') } })).status).toBe(429);
      expect((await admin(ADMIN_TEST_TOKEN)).status).toBe(200);

      const login = (token: string) => {
        const init = form({ name: 'Mallory', token });
        init.headers = { ...(init.headers as Record<string, string>), ...from('192.0.2.2') };
        return h.request('/console/login', init);
      };
      for (let i = 0; i < LIMIT; i++) expect((await login('not-the-admin-token')).status).toBe(401);
      const limited = await login('not-the-admin-token');
      expect(limited.status).toBe(429);
      expect(await limited.text()).toMatch('Too many wrong tokens from this address');
      expect((await login(ADMIN_TEST_TOKEN)).status).toBe(303);
    });

    it('takes X-Forwarded-For only from a trusted proxy: otherwise a client can\'t dodge the limit by varying it', async () => {
      const direct = await make({ env: { AUTH_FAILURES_PER_MINUTE: String(LIMIT) } });
      try {
        const statuses = [];
        for (let i = 0; i <= LIMIT; i++) {
          const res = await direct.request('/nextplus/device?token=wrong-token-0123456789', { method: 'POST', headers: { 'x-forwarded-for': `198.51.100.${i}` }, body: '{}' });
          statuses.push(res.status);
        }
        expect(statuses.at(-1)).toBe(429);
      } finally {
        await direct.close();
      }
    });

    it('records nothing for wrong tokens, limited or not', async () => {
      for (let i = 0; i < LIMIT + 3; i++) await ingest('203.0.113.9', 'wrong-token-0123456789');
      await post(h, '/nextplus/device', realEvent('device-add'));
      expect((await h.request('/admin/api/events', { headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}` } }).then((r) => r.json()) as { items: unknown[] }).items).toHaveLength(1);
    });
  });
}
