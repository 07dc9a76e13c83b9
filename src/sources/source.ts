// What a source is: an MES the bridge receives deliveries from. It owns its endpoints, its
// payload schemas, how a payload is summarised and deduplicated, what counts as a test, how it
// answers, and what its payloads mean as canonical events. The core knows only this shape.
import type { z } from 'zod';
import type { CanonicalEvent } from '../core/canonical-events.js';
import type { KnownOrder } from '../core/known-order.js';
import type { PostingVerdict } from '../core/posting-verdict.js';

/** The ledger's searchable columns of a delivery, as the source reads them off its payload. */
export interface DeliverySummary {
  /** add | update | remove for Next Plus; sources without such a verb leave it out. */
  eventType?: string;
  productionOrder?: string;
  workorderNumber?: string;
  /** The serial, or the lot where the MES tracks lots. */
  serial?: string;
  sku?: string;
}

/** An earlier delivery this one points at, and how to name that pointer to an operator. */
export interface Reference {
  /** What the earlier delivery was filed under (its subject); undefined when the body has none. */
  subject: string | undefined;
  /** What an earlier version of the bridge filed it under, where that differs: looked up when `subject` finds nothing. */
  legacySubject?: string;
  /** How the operator knows the pointer, e.g. "item.externalId". */
  field: string;
  /** The integration the earlier delivery must be of (a device remove can't undo an operation). */
  integration?: string;
  /** How to find the earlier delivery when the body carries no pointer (`subject` undefined). */
  bySubject?: SubjectMatch;
}

/**
 * An earlier delivery found by what it was about rather than by a pointer (Next Plus documents a
 * remove's externalId as "string or null"): the newest one of the reference's integration, not
 * taken back yet, filed with these summary fields, whose stored payload `matches`.
 */
export interface SubjectMatch {
  filed: { eventType?: string; workorderNumber: string; serial?: string };
  /** Whether the earlier payload (as stored: the validated one) is the one taken back. */
  matches(payload: unknown): boolean;
  /** What was looked for, in words: "an Item Attach add of COMPONENT-SKU under serial SN1 on work order WO-1". */
  description: string;
}

/**
 * The canonical events a payload translates to. Called only for a real delivery: a test delivery
 * (the core decides: ?test=1 or `isTestBody`) is checked and interpreted like a real one, but
 * never translated, so it needs none of the translation settings and posts nothing.
 */
export type Translation = () => CanonicalEvent[];

export type Interpretation =
  /**
   * A new payload: post these (none: recorded only). `subject` files it for later references (default: its answer id).
   * `verdict`: the ERP's word on a posting the bridge sent it; the core matches and records it.
   */
  | { kind: 'post'; events: Translation; subject?: string; note?: string; verdict?: PostingVerdict }
  /** A change to an earlier delivery: linked to it, answered with its id, posting `events`. */
  | { kind: 'update'; reference: Reference; events: Translation }
  /**
   * Takes an earlier delivery back: the exact reversal of what it posted, or nothing ('none').
   * When the earlier delivery is unknown: refused if `required`, else recorded with a note.
   */
  | { kind: 'reverse'; reference: Reference; rule: 'reverse' | 'none'; required: boolean };

export interface InterpretContext {
  /** The plant's day the payload is booked on (YYYY-MM-DD). */
  date: string;
  /**
   * The order the delivery reports on, when the bridge synced it to this source's MES (its
   * definition's `ordersOf`): looked up by the core before interpreting, so the source stays pure.
   */
  order?: KnownOrder;
}

/** Which way a source's deliveries go: from the shop floor to the ERP, or from the ERP to the MES. */
export type Direction = 'mes-to-erp' | 'erp-to-mes';

/** One endpoint of a source: one kind of payload, as the core uses it. */
export interface SourceIntegration<P = any> extends IntegrationDefinition<P> {
  /** The source's name (derived from its definition). */
  source: string;
  /** `/<source>/<integration>` (derived). */
  path: string;
  /** Its name in the list of URLs, under its source's heading. */
  shortLabel: string;
  /** Its source's direction (derived). */
  direction: Direction;
  /** Its source's `ordersOf` (derived). */
  ordersOf?: string;
}

/** One endpoint as its source defines it; the core adds its source, path and labels. */
export interface IntegrationDefinition<P = any> {
  /** Stored as the delivery's integration, e.g. "item-attach" or "operation-completed"; also its path. */
  name: string;
  /** What the MES calls it ("Operation Completed"); the core puts the source's labelPrefix before it for operator messages. */
  label: string;
  /** The first part of the ids the bridge answers with (ITM-…). */
  idPrefix: string;
  schema: z.ZodType<P>;
  /** The sentence around validation problems, for the person at the MES. */
  notAccepted(problems: string): string;
  summarize(payload: P): DeliverySummary;
  /** A test by its content (the Next Plus Test button's sample ids); the core handles tests, the source only tells them. */
  isTestBody?(payload: P): boolean;
  /** How long an identical body counts as a repeat: ms, 0 = never, null = for good. */
  fingerprintWindowMs: number | null;
  /** The payload's own idempotency key (D365's EventId): kept for good, like a sender's Idempotency-Key. */
  keyOf?(payload: P): string | undefined;
  /** A body may be a JSON array of payloads (D365 batches business events): each element is a delivery of its own. */
  acceptsArray?: boolean;
  /** What the payload means; throws a DomainError when it can't be posted as it is. */
  interpret(payload: P, ctx: InterpretContext): Interpretation;
}

/** What names a source: derived from its definition's name and label. */
export interface SourceIdentity {
  name: string;
  /** The product's name, for people. */
  label: string;
  /** Where its endpoints live: "/" + its name. */
  prefix: string;
  /** What to set to switch it on, when SOURCES alone does not. */
  offHint?: string;
}

/** A source as the core uses it: built by src/sources/build-source.ts from its definition. */
export interface Source extends SourceIdentity {
  integrations: SourceIntegration[];
  direction: Direction;
  /** The body of a success answer (Next Plus: {"externalId"}). */
  answer(id: string): Record<string, string>;
  /** Where the URLs go, for the start banner and the console. */
  connectHint: string;
  /** How to try the URLs without posting anything, for the console. */
  testHint: string;
}

export type EnvStrings = Record<string, string | undefined>;

/** What every source's settings may build on: the core's own settings. */
export interface CommonSettings {
  dedupeWindowMs: number;
  retentionMs: number | null;
}

/**
 * A source, as its folder defines it and src/sources/registry.ts lists it. Like a target's,
 * its settings are read and checked at start (all sources' and targets' problems reported
 * together), then `create` builds it. Sources are plain code: web-standard APIs only, so they
 * run on Node and in the Worker alike.
 */
export interface SourceDefinition<Settings = any> {
  /** Lower-case letters, digits and dashes: its settings' value in SOURCES and its URL prefix. */
  name: string;
  /** The product's name, for people ("GE Proficy"). */
  label: string;
  /** Put before each integration's label in operator messages ("Proficy" → "Proficy Operation Completed"). */
  labelPrefix?: string;
  /** Which way its deliveries go, shown in the console; default mes-to-erp (D365's order events: erp-to-mes). */
  direction?: Direction;
  /**
   * The MES target whose orders this source reports on (Next Plus: nextplus). While that target
   * is on, the core looks each delivery's work order up in what the target made (by the
   * summary's workorderNumber, then its productionOrder) and hands it to interpret as `order`.
   */
  ordersOf?: string;
  /** Reads and checks its own settings; throws ConfigError naming the setting at fault. */
  settings(env: EnvStrings, common: CommonSettings): Settings;
  create(settings: Settings): Omit<Source, keyof SourceIdentity | 'integrations' | 'direction'> & { integrations: IntegrationDefinition[] };
  /** Said at start when the configuration is valid but likely not what was meant. */
  warnings?(settings: Settings, targets: string[], env: EnvStrings): string[];
  /** Whether a setting other than SOURCES switches it on (D365: ORDER_SYNC); default on. */
  switchedOn?(env: EnvStrings): boolean;
  /** What to set to switch it on, said at its paths while it is off. */
  offHint?: string;
}
