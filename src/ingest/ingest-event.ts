// The ingest pipeline's second half: a validated event in, an answer out, the ledger written
// before the answer. Source-neutral and runtime-free: the source says what the event means,
// the targets say what each of them posts.
import type { Clock } from '../deps.js';
import { newDeliveryId } from '../core/ids.js';
import { plantDate } from '../core/plant-date.js';
import type { SourceIntegration } from '../sources/source.js';
import type { DeliveryRow, KeyClaim, LedgerStore, NewDelivery } from '../store/ledger-store.js';
import type { Lane } from '../store/outbox-store.js';
import type { Target } from '../targets/target.js';
import { dedupeScope, fingerprintKey, headerKey } from './dedupe-keys.js';
import { planEvent } from './plan-event.js';

export interface IngestDeps {
  store: LedgerStore;
  targets: readonly Target[];
  clock: Clock;
  config: { plantTimeZone: string; maxBodyBytes: number };
}

export interface ValidatedDelivery {
  integration: SourceIntegration;
  /** The event as the schema made it (trimmed, defaults filled, unknown fields kept). */
  event: unknown;
  /** The body as parsed JSON, before validation: what the fingerprint is taken over. */
  input: unknown;
  rawBody: string;
  /** The URL asked for a test delivery (?test=1). */
  test: boolean;
  /** The sender's Idempotency-Key or webhook-id header. */
  senderKey?: string;
  requestId?: string;
}

export interface IngestAnswer {
  status: number;
  /** What the source answers with (Next Plus externalId, Proficy id). */
  externalId: string;
  outcome: 'accepted' | 'test' | 'duplicate';
  deliveryId: string;
  /** Lanes that got postings waiting for the dispatcher. */
  queued: Lane[];
}

export async function ingestEvent(deps: IngestDeps, req: ValidatedDelivery): Promise<IngestAnswer> {
  const now = deps.clock.now();
  const { integration } = req;
  const test = req.test || !!integration.isTestBody?.(req.event);
  const base = baseDelivery(req, now);
  // No look-up before the write: the commit's key claim finds a duplicate anyway, and a
  // repeat is the rare case, so the common case pays for one write and no read.
  const dedupe = await dedupeClaim(req, test, now);
  const date = plantDate(now, deps.config.plantTimeZone);

  const plan = await planEvent({
    integration,
    interpretation: integration.interpret(req.event, { date, test }),
    deliveryId: base.id,
    eventType: base.eventType ?? undefined,
    test,
    date,
    now,
    store: deps.store,
    targets: deps.targets,
  });
  if ('repeatOf' in plan) return recordDuplicate(deps, base, plan.repeatOf, dedupe?.key);

  const outcome = test ? 'test' : 'accepted';
  const delivery: NewDelivery = {
    ...base,
    outcome,
    status: 200,
    externalId: plan.externalId,
    subject: plan.subject ?? null,
    message: plan.note ?? null,
    dedupeKey: dedupe?.key ?? null,
    refersTo: plan.refersTo?.id ?? null,
    productionOrder: base.productionOrder ?? plan.refersTo?.productionOrder ?? null,
  };
  const result = await deps.store.commitEvent({
    delivery,
    postings: plan.postings,
    claims: dedupe ? [dedupe, ...plan.claims] : plan.claims,
    releaseFingerprintsOf: plan.releaseFingerprintsOf,
    cancelIfUnsent: plan.cancelIfUnsent,
  });
  // Lost a race to an identical delivery: it was posted once, by the winner.
  if (!result.committed) return recordDuplicate(deps, base, result.owner, dedupe?.key);
  const queued = new Map<string, Lane>();
  for (const p of plan.postings) if (p.state === 'queued') queued.set(`${p.target}\n${p.orderingKey}`, { target: p.target, orderingKey: p.orderingKey });
  return { status: 200, externalId: plan.externalId, outcome, deliveryId: delivery.id, queued: [...queued.values()] };
}

async function dedupeClaim(req: ValidatedDelivery, test: boolean, now: number): Promise<KeyClaim | undefined> {
  const scope = dedupeScope(req.integration.source, req.integration.name);
  if (req.senderKey) return { key: headerKey(scope, req.senderKey), expiresAt: null };
  const window = req.integration.fingerprintWindowMs;
  if (window === 0) return undefined;
  return { key: await fingerprintKey(scope, test, req.input), expiresAt: window === null ? null : now + window };
}

/** A duplicate gets the original's answer, posts nothing, and is itself on record. */
async function recordDuplicate(deps: IngestDeps, base: ReturnType<typeof baseDelivery>, original: DeliveryRow, dedupeKey: string | undefined): Promise<IngestAnswer> {
  await deps.store.recordDelivery({
    ...base,
    outcome: 'duplicate',
    status: original.status,
    externalId: original.externalId,
    duplicateOf: original.id,
    dedupeKey: dedupeKey ?? null,
    productionOrder: base.productionOrder ?? original.productionOrder,
  });
  return { status: original.status, externalId: original.externalId ?? '', outcome: 'duplicate', deliveryId: base.id, queued: [] };
}

function baseDelivery(req: ValidatedDelivery, now: number) {
  const s = req.integration.summarize(req.event);
  return {
    id: newDeliveryId(),
    receivedAt: now,
    source: req.integration.source,
    integration: req.integration.name,
    eventType: s.eventType ?? null,
    outcome: 'accepted',
    status: 200,
    rawBody: req.rawBody,
    event: JSON.stringify(req.event),
    requestId: req.requestId ?? null,
    productionOrder: s.productionOrder ?? null,
    workorderNumber: s.workorderNumber ?? null,
    serial: s.serial ?? null,
    sku: s.sku ?? null,
  } satisfies NewDelivery;
}
