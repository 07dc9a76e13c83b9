// Every body the bridge reads has a limit, and reading stops at it: the console's sign-in (open
// to anyone who reaches the port), its buttons and edit form, the admin API. And the bodies of
// deliveries being read at once have a budget together (MAX_BYTES_IN_FLIGHT): past it a delivery
// is answered 503 with Retry-After, not recorded, and sent again by the MES; none is lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allDeliveries, allPostings, expectRefused, post, type Harness, type MakeHarness } from '../support/harness.js';

/** A body of `total` bytes in 1 KiB chunks that counts what was pulled from it. */
function countedBody(total: number, byte = 0x61) {
  const chunk = new Uint8Array(1024).fill(byte);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

/** A delivery body sent in two halves; the second waits for open(). `firstTaken` resolves once the reader asks for the second. */
function gatedBody(text: string) {
  const bytes = new TextEncoder().encode(text);
  const half = Math.floor(bytes.length / 2);
  let open!: () => void;
  let asked!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const firstTaken = new Promise<void>((r) => (asked = r));
  let part = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        part++;
        if (part === 1) return controller.enqueue(bytes.slice(0, half));
        if (part === 2) {
          asked();
          await gate;
          controller.enqueue(bytes.slice(half));
        }
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, open, firstTaken };
}

const streamed = (init: RequestInit & { body: ReadableStream }) => ({ ...init, duplex: 'half' }) as RequestInit;
const settle = () => new Promise((r) => setTimeout(r, 20));

export function bodyLimitCases(make: MakeHarness) {
  describe('body limits', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { MAX_BODY_BYTES: '4096', MAX_BYTES_IN_FLIGHT: '5000' } })));
    afterEach(() => h.close());

    it('sign-in: a 10 MB form is refused (413) in words after reading a few KB of it', async () => {
      const { stream, counter } = countedBody(10 * 1024 * 1024);
      const res = await h.request('/console/login', streamed({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' }, body: stream }));
      await expectRefused(res, 413, 'console form is larger than the bridge accepts (8192 bytes)');
      expect(res.headers.get('connection')).toBe('close');
      expect(counter.pulled).toBeLessThan(64 * 1024);
    });

    it("the console's buttons take a small form, the edit form one message (from a delivery of at most MAX_BODY_BYTES)", async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      const [p] = await allPostings(h);
      const ui = new ConsoleClient(h);
      await ui.login();
      const csrf = await ui.csrf();
      const big = await ui.post(`/console/postings/${p!.id}/retry`, { _csrf: csrf, back: '/console', pad: 'x'.repeat(20_000) });
      expect(big.status).toBe(413);
      expect(big.html).toMatch('console form is larger than the bridge accepts');
      // A message as large as a delivery may be, percent-encoded: read, and checked like any edit.
      const content = JSON.stringify({ ProductionOrderNumber: 'P'.repeat(4000), Note: 'ü'.repeat(1000) });
      const edit = await ui.post(`/console/postings/${p!.id}/content`, { _csrf: csrf, back: '/console', content });
      expect(edit.status).toBe(303);
      expect(decodeURIComponent(edit.location!)).toMatch('Note is not a field D365 knows');
      const tooBig = await ui.post(`/console/postings/${p!.id}/content`, { _csrf: csrf, back: '/console', content: 'x'.repeat(30_000) });
      expect(tooBig.status).toBe(413);
      expect(tooBig.html).toMatch('edited message is larger than the bridge accepts');
    });

    it('the admin API reads at most one message of JSON', async () => {
      const { stream, counter } = countedBody(10 * 1024 * 1024, 0x20);
      const res = await h.request(
        '/admin/api/postings/1/content',
        streamed({ method: 'PUT', headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}`, 'content-type': 'application/json' }, body: stream }),
      );
      await expectRefused(res, 413, 'request body is larger than the bridge accepts');
      expect(counter.pulled).toBeLessThan(64 * 1024);
    });

    it('deliveries past MAX_BYTES_IN_FLIGHT together get 503 with Retry-After, unrecorded; every 2xx is on record', async () => {
      const padded = (n: number) => JSON.stringify(realEvent('device-add', { note: 'n'.repeat(n) }));
      const send = (body: BodyInit) =>
        h.request(`/nextplus/device?token=${h.token}`, streamed({ method: 'POST', headers: { 'content-type': 'application/json' }, body: body as ReadableStream }));
      // Two deliveries of 2,000 bytes half read (1,000 each held), then one of 3,800 that would pass 5,000.
      const a = gatedBody(padded(1700));
      const b = gatedBody(padded(1700));
      const answers = [send(a.stream), send(b.stream)];
      await Promise.all([a.firstTaken, b.firstTaken]);
      await settle();
      const shed = await send(padded(3500));
      const message = await expectRefused(shed, 503, 'busy receiving other deliveries', 'MAX_BYTES_IN_FLIGHT', 'Send it again in 5 s');
      expect(shed.headers.get('retry-after')).toBe('5');
      a.open();
      b.open();
      const done = await Promise.all(answers);
      expect(done.map((r) => r.status)).toEqual([200, 200]);
      // Once they are answered their bytes are free again: the MES's resend is taken.
      const resent = await send(padded(3500));
      expect(resent.status).toBe(200);
      const rows = await allDeliveries(h);
      expect(rows.map((r) => [r.outcome, r.status])).toEqual([['accepted', 200], ['accepted', 200], ['accepted', 200]]);
      const ids = await Promise.all([...done, resent].map(async (r) => ((await r.json()) as { externalId: string }).externalId));
      expect(rows.map((r) => r.externalId).sort()).toEqual(ids.sort());
      expect(rows.map((r) => r.message)).not.toContain(message);
    });
  });
}
