// Dynamics 365 Supply Chain Management: each canonical event becomes one MES integration
// message (ProdProductionOrderStart, …PickingList, …RouteCard, …ReportFinished, …End), sent with
// SysMessageService.SendMessage; a reversal is the posted message with its quantities negated.
import { z } from 'zod';
import { isProductionEvent, productionKinds, type ProductionEvent } from '../../core/canonical-events.js';
import type { Logger } from '../../core/runtime.js';
import { ConfigError, parseEnv, wholeNumber, type Env } from '../../config/settings-toolkit.js';
import type { Target, TargetDefinition } from '../target.js';
import { d365Connector, d365Tokens, type D365Settings } from './d365-connector.js';
import { buildD365Message } from './message-builders.js';
import { messageOptionsFrom, type MessageOptions } from './message-options.js';
import { checkMessage } from './message-spec.js';
import { specsFor } from './message-versions.js';
import { reverseD365Message } from './reverse-message.js';
import { autoStartFrom, startingOrders } from './auto-start.js';

interface D365TargetSettings {
  connection: D365Settings;
  messages: MessageOptions;
  /** D365_AUTO_START: a Start before the first journal of an order the bridge has not started. */
  autoStart: boolean;
}

const MAX_UNMAPPED = 1000;

/** The D365 message content without the connection: also what the journal records. */
export function d365Messages(options: MessageOptions, logger?: Logger): Omit<Target, 'name' | 'label' | 'connector'> {
  // An MES user without a personnel number is left out of Worker; counted per user for the
  // console and said once in the log, so the map (D365_WORKER_MAP) can be completed.
  const unmappedWorkers = new Map<string, number>();
  const checkWorker = (event: ProductionEvent) => {
    if (event.kind !== 'operation-reported' || event.worker === undefined || options.workers.has(event.worker)) return;
    if (!unmappedWorkers.has(event.worker) && unmappedWorkers.size >= MAX_UNMAPPED) return; // a bounded memory, whatever the MES sends
    const count = (unmappedWorkers.get(event.worker) ?? 0) + 1;
    unmappedWorkers.set(event.worker, count);
    if (count === 1) logger?.warn(`MES user ${JSON.stringify(event.worker)} has no D365 personnel number in D365_WORKER_MAP: route cards leave Worker out until it is added`, { worker: event.worker });
  };
  return {
    takes: productionKinds,
    // Planning hands a target only the kinds it takes: anything else is a programming error.
    build: (event) => {
      if (!isProductionEvent(event)) throw new Error(`D365 takes production events, not ${event.kind}`);
      checkWorker(event);
      return [buildD365Message(event, options)];
    },
    reverse: (posted, date) => reverseD365Message(posted, date),
    check: (messageType, content) => checkMessage(specsFor(options.version), messageType, content),
    unmapped: () => [...unmappedWorkers].map(([value, count]) => ({ setting: 'D365_WORKER_MAP', what: 'MES user without a D365 personnel number', value, count })),
  };
}

const envSchema = z.object({
  D365_URL: z.url({ error: 'must be the environment URL, such as https://contoso.operations.dynamics.com' }).optional(),
  D365_TENANT_ID: z.string().trim().optional(),
  D365_CLIENT_ID: z.string().trim().optional(),
  D365_CLIENT_SECRET: z.string().optional(),
  D365_COMPANY: z.string().trim().optional(),
  D365_TOKEN_URL: z.url({ error: 'must be a full URL' }).optional(),
  D365_TIMEOUT_MS: wholeNumber(1000, 300_000).default(30_000),
  /** The MES integration's message queue: JmgMES3P in every D365 release so far. */
  D365_MESSAGE_QUEUE: z.string().trim().min(1).default('JmgMES3P'),
});

/** D365's connection settings, required for `why` (the D365 target, or order sync's OData reads). */
export function d365Connection(env: Env, why: string): D365Settings {
  const e = parseEnv(envSchema, env);
  const required = ['D365_URL', 'D365_TENANT_ID', 'D365_CLIENT_ID', 'D365_CLIENT_SECRET', 'D365_COMPANY'] as const;
  const missing = required.filter((k) => !e[k]);
  if (missing.length) throw new ConfigError(missing.map((k) => `${k}: is required ${why}`));
  return {
    url: e.D365_URL!.replace(/\/+$/, ''),
    tenantId: e.D365_TENANT_ID!,
    clientId: e.D365_CLIENT_ID!,
    clientSecret: e.D365_CLIENT_SECRET!,
    company: e.D365_COMPANY!,
    tokenUrl: e.D365_TOKEN_URL,
    timeoutMs: e.D365_TIMEOUT_MS,
    messageQueue: e.D365_MESSAGE_QUEUE,
  };
}

export const d365Target: TargetDefinition<D365TargetSettings> = {
  name: 'd365',
  label: 'D365',
  settings(env) {
    return { connection: d365Connection(env, 'when the d365 target is on (ERP_TARGETS)'), messages: messageOptionsFrom(env), autoStart: autoStartFrom(env) };
  },
  create: (s, runtime) => {
    const messages = d365Messages(s.messages, runtime.logger);
    return {
      ...messages,
      ...startingOrders(messages, s.messages, s.autoStart),
      connector: d365Connector(s.connection, runtime.clock, runtime.fetch, d365Tokens(s.connection, runtime)),
    };
  },
};
