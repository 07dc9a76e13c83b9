// The D365 source's settings. Its legal entity is D365_COMPANY (the D365 target's setting too);
// the business events' ids and the status field are assumed names (test/fixtures/SOURCES.md),
// so each is a setting with the assumed name as its default.
import { z } from 'zod';
import { ConfigError, parseEnv, wholeNumber } from '../../config/settings-toolkit.js';
import type { EnvStrings } from '../source.js';
import { d365TargetOn, processedEventSettings, type ProcessedEventSettings } from './message-processed.js';

export interface D365SourceSettings {
  /** The legal entity whose orders this bridge syncs (lower case). */
  company: string;
  releasedEventId: string;
  statusEventId: string;
  /** The payload field holding the new ProdStatus symbol in a status-changed event. */
  statusField: string;
  /** ProdStatus symbols -> the order event's status. */
  statuses: Record<string, 'started' | 'ended'>;
  /** The catch-up poll: every this many minutes (0 = off). */
  pollMinutes: number;
  /** ASSUMED name of a header field with when the order last changed; unset: ReleasedDate (a date). */
  modifiedField?: string;
  /** D365's verdicts on the bridge's messages (message-processed.ts). */
  processed: ProcessedEventSettings;
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
  ORDER_SYNC_POLL_MINUTES: wholeNumber(0, 1440).default(15),
  // The published ProductionOrderHeaders has no "last changed" field: a customised entity may.
  D365_MODIFIED_FIELD: z.string().trim().regex(/^[A-Za-z_]\w*$/, { error: 'must be a field name of ProductionOrderHeaders' }).optional(),
});

export function d365SourceSettings(env: EnvStrings): D365SourceSettings {
  const e = parseEnv(envSchema, env);
  if (!e.D365_COMPANY) {
    // With the D365 target on, the target says it (one problem, not two).
    throw new ConfigError(d365TargetOn(env) ? [] : ['D365_COMPANY: is required when ORDER_SYNC is on: the legal entity whose released orders go to the MES, such as usmf']);
  }
  return {
    company: e.D365_COMPANY.toLowerCase(),
    releasedEventId: e.D365_RELEASED_EVENT_ID,
    statusEventId: e.D365_STATUS_EVENT_ID,
    statusField: e.D365_STATUS_FIELD,
    statuses: { [e.D365_STARTED_STATUS]: 'started', [e.D365_ENDED_STATUS]: 'ended' },
    pollMinutes: e.ORDER_SYNC_POLL_MINUTES,
    modifiedField: e.D365_MODIFIED_FIELD,
    processed: processedEventSettings(env),
  };
}
