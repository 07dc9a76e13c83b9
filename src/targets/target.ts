// What a target is: an ERP (or a stand-in) the bridge posts to. It owns its message kinds,
// how each canonical event becomes its messages, how a posted message is undone, the check an
// operator's edit must pass, and its connector. The core knows only this shape.
//
// Targets run on Node and in the Worker alike: they may use web-standard APIs only (fetch —
// through ../targets/outbound-fetch.ts, which never follows a redirect and bounds every answer —
// crypto.subtle, TextEncoder, AbortSignal …) and what the runtime hands them (TargetRuntime);
// never node:* modules, process.env or a module-level database.
import type { KnownOrder } from '../core/known-order.js';
import type { Clock, Logger } from '../core/runtime.js';
import type { CanonicalEvent, CanonicalKind, EventOrigin } from '../core/canonical-events.js';

export type { EventOrigin };
import type { Env } from '../config/settings-toolkit.js';
import type { Connector } from './connector.js';

/** One message for the target: its kind and content (stored as JSON, editable by operators). */
export interface TargetMessage {
  messageType: string;
  content: Record<string, unknown>;
  /**
   * Written only if its lane (this target, this production order) holds no posting of these
   * message types yet, decided inside the commit (D365's automatic Start: an order is started once).
   */
  unlessLaneHas?: readonly string[];
}

/** A message this target was given earlier, as stored (an operator's edit included). */
export interface PostedMessage {
  postingId: number;
  deliveryId: string;
  messageType: string;
  content: Record<string, unknown>;
}

export interface Target {
  name: string;
  /** For people: "Dynamics 365". */
  label: string;
  /**
   * The kinds of canonical event this target takes (D365: production events; an MES: order
   * events; the webhook and the journal: all). Planning builds postings for these only.
   */
  takes: readonly CanonicalKind[];
  /** The messages for one canonical event of a kind it takes; throws a DomainError when this target can't take it. */
  build(event: CanonicalEvent, origin: EventOrigin): TargetMessage[];
  /**
   * The message undoing a posted one, dated `date`; undefined when it needs no undoing (D365's
   * automatic Start belongs to the order, not to the event); throws a DomainError (conflict) when none can.
   */
  reverse(posted: PostedMessage, date: string, origin: EventOrigin): TargetMessage | undefined;
  /** What is wrong with a message's content, in plain words (empty when valid). */
  check(messageType: string, content: unknown): string[];
  connector: Connector;
  /**
   * Values this target met that its settings don't map (D365: MES users without a personnel
   * number), counted since this instance started: shown in the console so the map can be completed.
   */
  unmapped?(): UnmappedValue[];
}

export interface UnmappedValue {
  /** The setting that should map it: "D365_WORKER_MAP". */
  setting: string;
  /** What it is, for people: "MES user without a D365 personnel number". */
  what: string;
  value: string;
  /** How many messages left it out. */
  count: number;
}

/** What a target's connector may use from its runtime. */
export interface TargetRuntime {
  clock: Clock;
  fetch: typeof fetch;
  logger: Logger;
  /** One object per key for all targets of this bridge (D365's token cache, shared by the D365 target and the order reader). */
  shared?<T>(key: string, make: () => T): T;
  /** What the bridge remembers of a production order (read, MES order made); undefined when nothing. */
  knownOrder?(productionOrder: string): Promise<KnownOrder | undefined>;
}

export interface TargetDefinition<Settings = unknown> {
  name: string;
  label: string;
  /** Reads and checks its settings; throws ConfigError naming the setting at fault. */
  settings(env: Env): Settings;
  /** The connected target; its name and label are the definition's. */
  create(settings: Settings, runtime: TargetRuntime): Omit<Target, 'name' | 'label'>;
}
