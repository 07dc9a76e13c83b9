// Tells people when delivery needs them, so nobody has to watch the console: a JSON notice to
// ALERT_WEBHOOK_URL when a posting fails, and again when its order has stayed held longer than
// ALERT_HELD_MINUTES; when a delivered posting failed in the ERP after all (its verdict read
// back, once per verdict); a failing target and a quiet line are told by watch-alerts.ts. The body has a `text` line, which Slack and Teams incoming webhooks show
// as the message, plus the details as fields for anything that reads JSON. Outside text in
// `text` is made inert (chat-text.ts); the JSON fields carry it raw: they are data, which a chat
// doesn't render and a program reading them wants exact.
import type { Clock, Logger } from '../core/runtime.js';
import type { OutboxStore, PostingRow } from '../store/outbox-store.js';
import { discardAnswer, outboundFetch, redirectOf } from '../targets/outbound-fetch.js';
import { chatLink, plainChat } from './chat-text.js';
import { orderHref } from '../console/console-links.js';
import { noWatchAlerts, watchAlerts, type WatchAlerts } from './watch-alerts.js';
import { asSentence } from '../core/sentence.js';

export interface Alerts extends WatchAlerts {
  postingFailed(posting: PostingRow, error: string): Promise<void>;
  /** Sends the "held too long" notice for orders that crossed the threshold since last time. */
  checkHeld(): Promise<void>;
  /** Sends the "failed in the ERP" notice for delivered postings the ERP's verdict failed since last time. */
  checkErpVerdicts(): Promise<void>;
}

export const noAlerts: Alerts = { postingFailed: async () => {}, checkHeld: async () => {}, checkErpVerdicts: async () => {}, ...noWatchAlerts };

interface AlertSettings {
  webhookUrl: string;
  heldAfterMs: number;
  /** Where the console is, for a link in the notice. */
  publicUrl?: string;
}

export function webhookAlerts(settings: AlertSettings, outbox: OutboxStore, clock: Clock, logger: Logger, fetchFn: typeof fetch = fetch): Alerts {
  const link = (p: PostingRow) => (settings.publicUrl ? `${settings.publicUrl}${orderHref(p.productionOrder)}` : undefined);

  const linkText = (url: string | undefined) => (url ? ` ${chatLink(url, 'Open in the console')}` : '');
  /** A notice about one posting: `what` follows "<message> for production order <order>". */
  const postingNotice = (p: PostingRow, kind: string, error: string, what: string) => {
    const url = link(p);
    const text = `mes-erp-bridge: ${plainChat(p.messageType)} for production order ${plainChat(p.productionOrder)} ${what}${linkText(url)}`;
    return { text, kind, target: p.target, productionOrder: p.productionOrder, postingId: p.id, messageType: p.messageType, error, link: url };
  };

  async function send(body: Record<string, unknown>): Promise<boolean> {
    try {
      const res = await outboundFetch(fetchFn, settings.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, 10_000);
      // Nothing of the answer is needed: the status says it all (a redirect was not followed).
      await discardAnswer(res);
      if (res.ok) return true;
      const location = redirectOf(res);
      logger.error('alert webhook refused the notice', location === undefined ? { status: res.status } : { status: res.status, location, hint: 'a redirect is never followed; check ALERT_WEBHOOK_URL' });
    } catch (err) {
      logger.error('alert webhook unreachable', { error: err instanceof Error ? err.message : String(err) });
    }
    return false;
  }

  return {
    ...watchAlerts(send, settings.publicUrl),
    async postingFailed(p, error) {
      await send(postingNotice(p, 'posting-failed', error, `failed at ${plainChat(p.target)} and the order is held there. ${plainChat(error)}`));
    },
    async checkHeld() {
      const now = clock.now();
      for (const p of await outbox.longHeld(now - settings.heldAfterMs)) {
        const minutes = Math.round((now - p.updatedAt) / 60_000);
        const url = link(p);
        const sent = await send({
          text: `mes-erp-bridge: production order ${plainChat(p.productionOrder)} has been held for ${minutes} min at ${plainChat(p.target)} by a failed ${plainChat(p.messageType)} (posting ${p.id}): ${plainChat(p.lastError ?? '')}${linkText(url)}`,
          kind: 'order-held',
          target: p.target,
          productionOrder: p.productionOrder,
          postingId: p.id,
          messageType: p.messageType,
          heldMinutes: minutes,
          error: p.lastError,
          link: url,
        });
        // Marked only once sent: an unreachable webhook gets the notice on a later run.
        if (sent) await outbox.markHeldAlerted(p.id, now);
      }
    },
    async checkErpVerdicts() {
      // Read back from the ERP after the posting was delivered: its lane goes on (what followed
      // was sent), so the notice asks for a fix in the ERP, not in the bridge.
      for (const p of await outbox.unalertedErpFailures()) {
        const error = p.erpVerdictMessage ?? '';
        const erp = plainChat(p.target.toUpperCase());
        const what = `(posting ${p.id}) was delivered, then failed in ${erp}: ${asSentence(plainChat(error))} Fix and reprocess it in ${erp}'s message processor.`;
        const sent = await send(postingNotice(p, 'posting-failed-in-erp', error, what));
        if (sent) await outbox.markErpVerdictAlerted(p.id, clock.now());
      }
    },
  };
}
