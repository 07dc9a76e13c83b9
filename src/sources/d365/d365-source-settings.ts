// The D365 source's settings. Its legal entity is D365_COMPANY (the D365 target's setting too);
// the business events' ids and the status field are assumed names (test/fixtures/SOURCES.md),
// so each is a setting with the assumed name as its default.
import { z } from 'zod';
import { ConfigError, parseEnv, wholeNumber } from '../../config/settings-toolkit.js';
import type { OrderStatus } from '../../core/canonical-events.js';
import type { EnvStrings } from '../source.js';
import { d365TargetOn, processedEventSettings, type ProcessedEventSettings } from './message-processed.js';

/**
 * The status the catch-up poll's made-up event carries for an order D365 has no more (deleted):
 * not a ProdStatus, so no real event ever carries it.
 */
export const DELETED_STATUS = 'Deleted';

export interface D365SourceSettings {
  /** The legal entity whose orders this bridge syncs (lower case). */
  company: string;
  releasedEventId: string;
  statusEventId: string;
  /** The payload field holding the new ProdStatus symbol in a status-changed event. */
  statusField: string;
  /** ProdStatus symbols -> the order event's status. */
  statuses: Record<string, OrderStatus>;
  /** ProdStatus symbols before Released: an order moved back to one of these is withdrawn. */
  resetStatuses: string[];
  /** The catch-up poll: every this many minutes (0 = off). */
  pollMinutes: number;
  /** ASSUMED name of a header field with when the order last changed; unset: ReleasedDate (a date). */
  modifiedField?: string;
  /** D365's verdicts on the bridge's messages (message-processed.ts). */
  processed: ProcessedEventSettings;
  /** Outbound calls the polls (catch-up, VIF progress) may make per run; the rest waits for the next run. */
  pollBudget: number;
  /** What it is on for, so its set-up hint names only the events to activate: order sync, D365's verdicts (the D365 target). */
  orderSync: boolean;
  verdicts: boolean;
}

const name = z.string().trim().min(1);
const envSchema = z.object({
  D365_COMPANY: name.optional(),
  D365_RELEASED_EVENT_ID: name.default('ProductionOrderReleasedBusinessEvent'),
  // ASSUMED (SOURCES.md): the catalog's id of the status-changed event and its status field.
  D365_STATUS_EVENT_ID: name.default('ProductionOrderStatusChangedBusinessEvent'),
  D365_STATUS_FIELD: name.default('ProductionOrderStatus'),
  D365_STARTED_STATUS: name.default('StartedUp'),
  D365_ENDED_STATUS: name.default('Completed'),
  // D365 has no Cancelled status: a released order reset to one of these was withdrawn.
  D365_RESET_STATUSES: z
    .string()
    .trim()
    .regex(/^\w+(\s*,\s*\w+)*$/, { error: 'must be ProdStatus symbols separated by commas, such as Created,CostEstimated,Scheduled' })
    .default('Created,CostEstimated,Scheduled'),
  ORDER_SYNC_POLL_MINUTES: wholeNumber(0, 1440).default(15),
  // A Worker's invocation may make at most 1000 subrequests, the dispatcher's sends included.
  ORDER_SYNC_POLL_BUDGET: wholeNumber(5, 900).default(200),
  // The published ProductionOrderHeaders has no "last changed" field: a customised entity may.
  D365_MODIFIED_FIELD: z.string().trim().regex(/^[A-Za-z_]\w*$/, { error: 'must be a field name of ProductionOrderHeaders' }).optional(),
});

export function d365SourceSettings(env: EnvStrings): D365SourceSettings {
  const e = parseEnv(envSchema, env);
  if (!e.D365_COMPANY) {
    // This source is on only with ORDER_SYNC (then the order reader needs D365_COMPANY) or with
    // the D365 target (which needs it too): that one says it, once.
    throw new ConfigError([]);
  }
  const resetStatuses = e.D365_RESET_STATUSES.split(',').map((r) => r.trim());
  const clash = resetStatuses.filter((r) => r === e.D365_STARTED_STATUS || r === e.D365_ENDED_STATUS || r === 'Released');
  if (clash.length) throw new ConfigError([`D365_RESET_STATUSES: ${clash.join(', ')} is not a status before Released (an order reset to it would not be withdrawn); list only Created, CostEstimated, Scheduled or some of them`]);
  return {
    company: e.D365_COMPANY.toLowerCase(),
    releasedEventId: e.D365_RELEASED_EVENT_ID,
    statusEventId: e.D365_STATUS_EVENT_ID,
    statusField: e.D365_STATUS_FIELD,
    statuses: { ...Object.fromEntries(resetStatuses.map((r) => [r, 'withdrawn' as const])), [DELETED_STATUS]: 'withdrawn', [e.D365_STARTED_STATUS]: 'started', [e.D365_ENDED_STATUS]: 'ended' },
    resetStatuses,
    pollMinutes: e.ORDER_SYNC_POLL_MINUTES,
    modifiedField: e.D365_MODIFIED_FIELD,
    processed: processedEventSettings(env),
    pollBudget: e.ORDER_SYNC_POLL_BUDGET,
    orderSync: !['', 'off'].includes((env.ORDER_SYNC ?? '').trim().toLowerCase()),
    verdicts: d365TargetOn(env),
  };
}
