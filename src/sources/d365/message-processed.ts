// D365's verdict on what the bridge sent it: SysMessageProcessorMessageProcessedBusinessEvent
// ("Message processor message processed"). SendMessage only queues a message in D365 (the
// posting is delivered then); D365's message processor runs later and may fail it. This event
// says how it went. Its payload's field names are not published, so each is a setting whose
// default is what the business-event catalog shows (ASSUMED: docs/sources.md,
// test/fixtures/SOURCES.md); a field setting may list several names, the first present wins.
// The event becomes a verdict on a posting (src/core/posting-verdict.ts): the core finds the
// posting and records it.
import { z } from 'zod';
import { parseEnv, type Env } from '../../config/settings-toolkit.js';
import type { PostingVerdict, VerdictResult } from '../../core/posting-verdict.js';
import type { Interpretation } from '../source.js';

export interface ProcessedEventSettings {
  eventId: string;
  /** The queue of the messages the bridge sends (D365_MESSAGE_QUEUE): verdicts of other queues are not about the bridge. */
  queue: string;
  fields: { queue: string[]; type: string[]; state: string[]; content: string[]; error: string[] };
  /** Message states that mean processed, and failed; others (queued, in process) are recorded only. */
  processedStates: string[];
  failedStates: string[];
}

const names = z
  .string()
  .trim()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .refine((l) => l.length > 0 && l.every((n) => /^[A-Za-z_][\w.]*$/.test(n)), { error: 'must be one or more field names, separated by commas' });

const envSchema = z.object({
  D365_PROCESSED_EVENT_ID: z.string().trim().min(1).default('SysMessageProcessorMessageProcessedBusinessEvent'),
  D365_MESSAGE_QUEUE: z.string().trim().min(1).default('JmgMES3P'),
  D365_PROCESSED_QUEUE_FIELD: names.default(['MessageQueue']),
  D365_PROCESSED_TYPE_FIELD: names.default(['MessageType']),
  D365_PROCESSED_STATE_FIELD: names.default(['MessageState', 'State']),
  D365_PROCESSED_CONTENT_FIELD: names.default(['MessageContent']),
  D365_PROCESSED_ERROR_FIELD: names.default(['ErrorMessage']),
  D365_PROCESSED_OK_STATES: names.default(['Processed']),
  D365_PROCESSED_FAILED_STATES: names.default(['Failed']),
});

export function processedEventSettings(env: Env): ProcessedEventSettings {
  const e = parseEnv(envSchema, env);
  return {
    eventId: e.D365_PROCESSED_EVENT_ID,
    queue: e.D365_MESSAGE_QUEUE,
    fields: { queue: e.D365_PROCESSED_QUEUE_FIELD, type: e.D365_PROCESSED_TYPE_FIELD, state: e.D365_PROCESSED_STATE_FIELD, content: e.D365_PROCESSED_CONTENT_FIELD, error: e.D365_PROCESSED_ERROR_FIELD },
    processedStates: e.D365_PROCESSED_OK_STATES,
    failedStates: e.D365_PROCESSED_FAILED_STATES,
  };
}

/** Whether ERP_TARGETS (or ERP_CONNECTOR, its older name) names d365: its verdicts are then worth hearing. */
export function d365TargetOn(env: Env): boolean {
  return (env.ERP_TARGETS ?? env.ERP_CONNECTOR ?? '').toLowerCase().split(',').map((s) => s.trim()).includes('d365');
}

type Payload = Record<string, unknown>;

const MAX_ERROR_TEXT = 2000;

/** The first of the named fields present in the event, as text. */
function field(e: Payload, candidates: string[]): string | undefined {
  for (const n of candidates) {
    const v = e[n];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

/** The message content: a JSON object, or JSON text of one (as D365 stores it). */
function contentOf(e: Payload, s: ProcessedEventSettings): Record<string, unknown> | undefined {
  for (const n of s.fields.content) {
    let v = e[n];
    if (typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch {
        continue;
      }
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  }
  return undefined;
}

/** The production order the processed message is about: in its content, else on the event (as long as an order number can be). */
export function processedOrder(e: Payload, s: ProcessedEventSettings): string | undefined {
  const inContent = contentOf(e, s)?.ProductionOrderNumber;
  const order = typeof inContent === 'string' && inContent.trim() ? inContent : e.ProductionOrderNumber;
  return typeof order === 'string' && order.trim() ? order.trim().slice(0, 120) : undefined;
}

const recordOnly = (note: string): Interpretation => ({ kind: 'post', events: () => [], note });

export function interpretProcessed(e: Payload, s: ProcessedEventSettings, occurredAt: string | undefined): Interpretation {
  const queue = field(e, s.fields.queue);
  if (queue !== undefined && queue.toLowerCase() !== s.queue.toLowerCase()) {
    return recordOnly(`a message of queue ${queue}, not D365_MESSAGE_QUEUE ${s.queue}, was processed in D365: recorded, not about the bridge's postings`);
  }
  const state = field(e, s.fields.state);
  const result: VerdictResult | undefined = state === undefined ? undefined : s.failedStates.includes(state) ? 'failed' : s.processedStates.includes(state) ? 'processed' : undefined;
  if (!result) {
    return recordOnly(`message state ${state ?? `(no ${s.fields.state.join(' or ')})`} is neither ${s.processedStates.join('/')} nor ${s.failedStates.join('/')} (D365_PROCESSED_OK_STATES, D365_PROCESSED_FAILED_STATES): recorded, nothing done`);
  }
  const content = contentOf(e, s);
  const verdict: PostingVerdict = {
    target: 'd365',
    productionOrder: processedOrder(e, s) ?? '',
    messageType: field(e, s.fields.type) ?? '',
    result,
    // D365's log can be long: the text kept on the posting and put in the alert is its start (the raw event keeps it all).
    ...(field(e, s.fields.error) ? { message: field(e, s.fields.error)!.slice(0, MAX_ERROR_TEXT) } : {}),
    ...(occurredAt ? { at: Date.parse(occurredAt) } : {}),
    ...(content ? { content } : {}),
  };
  return { kind: 'post', events: () => [], verdict };
}
