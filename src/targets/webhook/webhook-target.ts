// A signed webhook, for ERPs without a D365-style API (an iPaaS, SAP CPI, a customer's own
// service): every canonical event is POSTed as JSON to WEBHOOK_URL, signed with WEBHOOK_SECRET.
import { z } from 'zod';
import { parseEnv, wholeNumber } from '../../config/settings-toolkit.js';
import { canonicalKinds } from '../../core/canonical-events.js';
import { describeIssues } from '../../core/describe-zod-issues.js';
import type { TargetDefinition } from '../target.js';
import { reversalBody, webhookBody, webhookBodySchema } from './webhook-body.js';
import { webhookConnector, type WebhookSettings } from './webhook-connector.js';

const envSchema = z.object({
  WEBHOOK_URL: z.url({ error: 'is required with the webhook target: the full URL of the receiver, such as https://erp.example.com/mes-events' }),
  WEBHOOK_SECRET: z
    .string({ error: 'is required with the webhook target: a whsec_… secret shared with the receiver' })
    .trim()
    .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, { error: 'must be whsec_ followed by at least 24 random bytes in base64 (e.g. whsec_$(openssl rand -base64 32))' }),
  WEBHOOK_TIMEOUT_MS: wholeNumber(1000, 300_000).default(30_000),
});

export const webhookTarget: TargetDefinition<WebhookSettings> = {
  name: 'webhook',
  label: 'Webhook',
  settings(env) {
    const e = parseEnv(envSchema, env);
    return { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, timeoutMs: e.WEBHOOK_TIMEOUT_MS };
  },
  create: (settings, runtime) => ({
    takes: canonicalKinds,
    build: (event, origin) => {
      const body = webhookBody(event, origin);
      return [{ messageType: body.type, content: body }];
    },
    reverse: (posted, _date, origin) => {
      const body = reversalBody(posted, origin);
      return { messageType: body.type, content: body };
    },
    check(messageType, content) {
      const parsed = webhookBodySchema.safeParse(content);
      const problems = parsed.success ? [] : [describeIssues(parsed.error.issues, content)];
      if (parsed.success && parsed.data.type !== messageType) problems.push(`type must stay ${messageType}`);
      return problems;
    },
    connector: webhookConnector(settings, runtime.clock, runtime.fetch),
  }),
};
