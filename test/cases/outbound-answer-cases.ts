// What an ERP answers beyond "yes" or "no": a redirect is never followed and never counts as
// delivered (the posting fails naming the Location, its order holds, and the place it points to
// receives nothing), and an answer is read only as far as the bridge needs it (a 200 with a
// 50 MB body is delivered, and the body's stream is cancelled after its first few KB).
import { describe, expect, it } from 'vitest';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import type { FakeWebhookReceiver, ServedWebhook } from '../support/fake-webhook-receiver.js';
import { realEvent } from '../support/fixtures.js';
import { allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365 } from '../support/with-fake-d365.js';
import { withFakeWebhook } from '../support/with-fake-erps.js';

const HUGE = 50 * 1024 * 1024;
const REDIRECTS = [302, 307];

/** Two events for one order, dispatched: the first meets whatever the test set up. */
async function twoForOneOrder(h: Harness) {
  await post(h, '/nextplus/device', realEvent('device-add'));
  await post(h, '/nextplus/item-attach', realEvent('item-attach-add'));
  await h.dispatch();
  return allPostings(h);
}

export function d365AnswerCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  describe('D365 answers: redirects and size', () => {
    let d365: FakeD365;
    let h: Harness;
    withFakeD365(make, serveFake, () => ({}), (t) => ({ d365, h } = t));

    for (const status of REDIRECTS) {
      it(`a ${status} from SendMessage fails naming the Location and holds the order; nothing reaches the Location`, async () => {
        d365.nextFailures.push({ status, location: d365.movedUrl });
        const [first, second] = await twoForOneOrder(h);
        expect([first!.state, second!.state]).toEqual(['failed', 'held']);
        expect(first!.lastError).toBe(`HTTP ${status}: D365 redirected to ${d365.movedUrl}: a redirect is never a delivery; check D365_URL`);
        expect(d365.redirected).toEqual([]);
        expect(d365.received).toEqual([]);
      });
    }

    it('a token endpoint answering 302 sends nothing and fails naming the Location', async () => {
      d365.tokenAnswer = { status: 302, location: d365.movedUrl };
      const [first, second] = await twoForOneOrder(h);
      expect([first!.state, second!.state]).toEqual(['failed', 'held']);
      expect(first!.lastError).toMatch(`the token endpoint answered HTTP 302 redirecting to ${d365.movedUrl}`);
      expect(d365.redirected).toEqual([]);
      expect(d365.sendRequests).toBe(0);
    });

    it('a token answer longer than its bound is not taken for a token, in words', async () => {
      d365.tokenAnswer = { status: 200, body: JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: 'x'.repeat(20_000) }) };
      const [first] = await twoForOneOrder(h);
      expect(first!.state).toBe('queued'); // a token endpoint's trouble is retried
      expect(first!.lastError).toBe("the token endpoint's answer (HTTP 200) is longer than 16384 bytes, so it is not a token");
      expect(d365.sendRequests).toBe(0);
    });

    it('a 200 with a 50 MB body is delivered, and the body is not read past its first few KB', async () => {
      d365.answerBytes = HUGE;
      const postings = await twoForOneOrder(h);
      expect(postings.map((p) => p.state)).toEqual(['delivered', 'delivered']);
      expect(d365.streamed.cancelled).toBe(true);
      // Localhost socket buffers may take a few MB before the bridge hangs up; never all of it.
      expect(d365.streamed.pulled).toBeLessThan(HUGE / 2);
    });
  });
}

export function webhookAnswerCases(make: MakeHarness, serve: () => Promise<ServedWebhook>) {
  describe('webhook answers: redirects and size', () => {
    let webhook: FakeWebhookReceiver;
    let h: Harness;
    withFakeWebhook(make, serve, () => ({}), (t) => ({ webhook, h } = t));

    for (const status of REDIRECTS) {
      it(`a ${status} fails naming the Location and holds the order; the signed body never reaches the Location`, async () => {
        webhook.nextAnswers.push({ status, location: webhook.movedUrl });
        const [first, second] = await twoForOneOrder(h);
        expect([first!.state, second!.state]).toEqual(['failed', 'held']);
        expect(first!.lastError).toBe(`HTTP ${status}: the webhook receiver redirected to ${webhook.movedUrl}: a redirect is never a delivery; check WEBHOOK_URL`);
        expect(webhook.redirected).toEqual([]);
        expect(webhook.received).toEqual([]);
      });
    }

    it('a 200 with a 50 MB body is delivered, and the body is not read past its first few KB', async () => {
      webhook.answerBytes = HUGE;
      const postings = await twoForOneOrder(h);
      expect(postings.map((p) => p.state)).toEqual(['delivered', 'delivered']);
      expect(webhook.streamed.cancelled).toBe(true);
      expect(webhook.streamed.pulled).toBeLessThan(HUGE / 2);
    });
  });
}
