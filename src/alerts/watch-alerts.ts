// The notices for what nobody is looking at: a target failing for ALERT_FAILING_MINUTES and its
// recovery, an integration quiet for ALERT_QUIET_MINUTES and its return. Same shape as the
// posting notices (alerts.ts): a chat `text` whose outside parts are made inert, the one link
// the bridge's own (the console page that shows the problem), the details as JSON fields.
import { eventsHref } from '../console/console-links.js';
import type { TargetHealth } from '../store/health-store.js';
import { chatLink, plainChat } from './chat-text.js';

/** A quiet or returning integration, as the watch sees it. */
export interface LineNotice {
  source: string;
  integration: string;
  /** What the MES calls it: "Next Plus Device/Serial". */
  label: string;
  lastReceivedAt: number;
  quietMinutes: number;
}

/** Each resolves to whether the notice was taken: only then is it marked as sent. */
export interface WatchAlerts {
  targetFailing(h: TargetHealth, failingMinutes: number): Promise<boolean>;
  targetRecovered(h: TargetHealth, failedMinutes: number): Promise<boolean>;
  lineQuiet(line: LineNotice): Promise<boolean>;
  lineBack(line: LineNotice): Promise<boolean>;
}

export const noWatchAlerts: WatchAlerts = {
  targetFailing: async () => false,
  targetRecovered: async () => false,
  lineQuiet: async () => false,
  lineBack: async () => false,
};

const round = (minutes: number) => (minutes < 10 ? Math.round(minutes * 10) / 10 : Math.round(minutes));

export function watchAlerts(send: (body: Record<string, unknown>) => Promise<boolean>, publicUrl: string | undefined): WatchAlerts {
  const linkOf = (filters: Record<string, string>) => (publicUrl ? `${publicUrl}${eventsHref(filters)}` : undefined);
  const linkText = (url: string | undefined) => (url ? ` ${chatLink(url, 'Open in the console')}` : '');
  const lineLink = (l: LineNotice) => linkOf({ source: l.source, integration: l.integration });

  return {
    targetFailing(h, minutes) {
      const link = linkOf({ target: h.target, state: 'queued' });
      return send({
        text: `mes-erp-bridge: ${plainChat(h.target)} has been failing for ${round(minutes)} min (${h.consecutiveFailures} attempts in a row); postings wait and are retried. Last error: ${plainChat(h.lastError ?? '')}${linkText(link)}`,
        kind: 'target-failing',
        target: h.target,
        failingSince: new Date(h.failingSince ?? 0).toISOString(),
        failingMinutes: round(minutes),
        consecutiveFailures: h.consecutiveFailures,
        error: h.lastError,
        link,
      });
    },
    targetRecovered(h, minutes) {
      const link = linkOf({ target: h.target });
      return send({
        text: `mes-erp-bridge: ${plainChat(h.target)} is taking postings again (it failed for about ${round(minutes)} min); waiting postings go out now.${linkText(link)}`,
        kind: 'target-recovered',
        target: h.target,
        lastSuccessAt: h.lastSuccessAt === null ? null : new Date(h.lastSuccessAt).toISOString(),
        link,
      });
    },
    lineQuiet(l) {
      const link = lineLink(l);
      return send({
        text: `mes-erp-bridge: nothing received from ${plainChat(l.label)} for ${l.quietMinutes} min during working hours (last delivery ${new Date(l.lastReceivedAt).toISOString()}). Is the integration enabled in the MES, and can it reach the bridge?${linkText(link)}`,
        kind: 'line-quiet',
        source: l.source,
        integration: l.integration,
        lastReceivedAt: new Date(l.lastReceivedAt).toISOString(),
        quietMinutes: l.quietMinutes,
        link,
      });
    },
    lineBack(l) {
      const link = lineLink(l);
      return send({
        text: `mes-erp-bridge: ${plainChat(l.label)} is delivering again.${linkText(link)}`,
        kind: 'line-back',
        source: l.source,
        integration: l.integration,
        lastReceivedAt: new Date(l.lastReceivedAt).toISOString(),
        link,
      });
    },
  };
}
