// Sends postings to Dynamics 365 SCM as MES integration messages (SysMessageService
// SendMessage on queue JmgMES3P). SendMessage only queues the message inside D365; its own
// batch job processes it later, so "delivered" here means "D365 accepted it into its queue".
import type { Clock } from '../../core/runtime.js';
import { classifyResponse, sendFailure } from '../classify-response.js';
import type { Connector, PostingToSend, SendResult } from '../connector.js';
import type { TargetRuntime } from '../target.js';
import { discardAnswer, outboundFetch } from '../outbound-fetch.js';
import { EntraTokenSource, TokenError } from './entra-token.js';

export interface D365Settings {
  url: string;
  company: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  tokenUrl?: string;
  timeoutMs: number;
  /** D365's MES message queue (D365_MESSAGE_QUEUE; the verdicts read back are matched on it too). */
  messageQueue: string;
}

const SEND_MESSAGE_PATH = '/api/services/SysMessageServices/SysMessageService/SendMessage';

/**
 * The Entra token of D365's app registration: one cache per app and environment, shared by every
 * part of the bridge that calls D365 (SendMessage, the OData reads of order sync) when the
 * runtime offers `shared`.
 */
export function d365Tokens(settings: D365Settings, runtime: Pick<TargetRuntime, 'clock' | 'fetch' | 'shared'>): EntraTokenSource {
  const base = settings.url.replace(/\/+$/, '');
  const tokenUrl = settings.tokenUrl ?? `https://login.microsoftonline.com/${encodeURIComponent(settings.tenantId)}/oauth2/v2.0/token`;
  const make = () => new EntraTokenSource({ tokenUrl, clientId: settings.clientId, clientSecret: settings.clientSecret, scope: `${base}/.default` }, runtime.fetch, runtime.clock, settings.timeoutMs);
  return runtime.shared ? runtime.shared(`entra ${tokenUrl} ${settings.clientId} ${base}`, make) : make();
}

export function d365Connector(settings: D365Settings, clock: Clock, fetchFn: typeof fetch = fetch, tokens = d365Tokens(settings, { clock, fetch: fetchFn })): Connector {
  const base = settings.url.replace(/\/+$/, '');
  const endpoint = `${base}${SEND_MESSAGE_PATH}`;

  async function post(posting: PostingToSend): Promise<Response> {
    const token = await tokens.token();
    // Node's and Workers' fetch keep connections alive and reuse them between sends.
    return outboundFetch(
      fetchFn,
      endpoint,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          _companyId: settings.company,
          _messageQueue: settings.messageQueue,
          _messageType: posting.messageType,
          _messageContent: posting.content,
        }),
      },
      settings.timeoutMs,
    );
  }

  return {
    deliversOnCommit: false,
    timeoutMs: settings.timeoutMs,
    async send(posting): Promise<SendResult> {
      try {
        let res = await post(posting);
        if (res.status === 401) {
          // An expired or revoked token: refresh once; a 401 that persists is retried later.
          await discardAnswer(res);
          tokens.invalidate();
          res = await post(posting);
        }
        return await classifyResponse(res, clock.now(), { system: 'D365', urlSetting: 'D365_URL' });
      } catch (err) {
        if (err instanceof TokenError) return { outcome: err.permanent ? 'permanent' : 'transient', error: err.message };
        return sendFailure(err, 'D365', settings.timeoutMs, endpoint);
      }
    },
  };
}
