// The ingest pipeline's second half: a validated payload in, an answer out, the ledger written
// before the answer. Source-neutral and runtime-free: the source says what the payload means,
// the targets say what each of them posts.
import type { Clock } from '../core/runtime.js';
import { DomainError } from '../core/domain-errors.js';
import { newDeliveryId } from '../core/ids.js';
import { plantDate } from '../core/plant-date.js';
import type { DeliverySummary, SourceIntegration } from '../sources/source.js';
import { orderReportedOn } from './order-reported-on.js';
import type { DeliveryRow, KeyClaim, LedgerStore, NewDelivery } from '../store/ledger-store.js';
import type { Lane } from '../store/outbox-store.js';
import type { Target } from '../targets/target.js';
import { bodyFingerprint, fingerprintKey, headerKey, legacyFingerprintKey, legacyHeaderKey, type KeyScope } from './dedupe-keys.js';
import { planPostings } from './plan-postings.js';
import { matchVerdict } from './match-verdict.js';

export interface IngestDeps {
  store: LedgerStore;
  targets: readonly Target[];
  clock: Clock;
  config: { plantTimeZone: string };
}

interface ValidatedDelivery {
  integration: SourceIntegration;
  /** The payload as the schema made it (trimmed, NFC, defaults filled, unknown fields kept): what the fingerprint is taken over. */
  payload: unknown;
  /** The body as parsed JSON, before validation: what earlier versions took the fingerprint over. */
  input: unknown;
  rawBody: string;
  /** The URL asked for a test delivery (?test=1). */
  test: boolean;
  /** The sender's Idempotency-Key or webhook-id header. */
  senderKey?: string;
  /** Which header it came in, for the person told it was reused (default Idempotency-Key). */
  senderKeyHeader?: string;
  requestId?: string;
}

/** A delivery taken: answered with success in the source's shape (a duplicate, with the original's id). */
export interface IngestAnswer {
  /** What the source answers with (Next Plus externalId, Proficy id). */
  externalId: string;
  outcome: 'accepted' | 'test' | 'duplicate';
  deliveryId: string;
  /** The production order it is filed under, if any (for the log line). */
  productionOrder?: string;
  /** Lanes that got postings waiting for the dispatcher. */
  queued: Lane[];
}

export async function ingestPayload(deps: IngestDeps, validated: ValidatedDelivery): Promise<IngestAnswer> {
  // A payload's own key (D365's EventId) counts as its sender's key when no header gave one.
  const ownKey = validated.senderKey ? undefined : validated.integration.keyOf?.(validated.payload);
  const req = ownKey ? { ...validated, senderKey: ownKey, senderKeyHeader: 'EventId' } : validated;
  const now = deps.clock.now();
  const { integration } = req;
  // The core alone tells a test (the URL's ?test=1, or the source's sample body): the source
  // interprets it as it would a real one, and the plan records it and posts nothing.
  const test = req.test || !!integration.isTestBody?.(req.payload);
  const summary = integration.summarize(req.payload);
  const base = baseDelivery(req, summary, now);
  // No look-up before the write: the commit's key claim finds a duplicate anyway, and a
  // repeat is the rare case, so the common case pays for one write and no read.
  const dedupe = await dedupeClaim(req, test, now);
  const date = plantDate(now, deps.config.plantTimeZone);
  const order = await orderReportedOn(deps, integration, summary);

  const interpretation = integration.interpret(req.payload, { date, order });
  const plan = await planPostings({
    integration,
    interpretation,
    deliveryId: base.id,
    eventType: base.eventType ?? undefined,
    test,
    date,
    now,
    plantTimeZone: deps.config.plantTimeZone,
    store: deps.store,
    targets: deps.targets,
  });
  if ('repeatOf' in plan) return recordDuplicate(deps, base, plan.repeatOf, dedupe?.claim.key);

  // An ERP's verdict on a posting: the posting it is about is the event it refers to.
  const said = interpretation.kind === 'post' && !test ? interpretation.verdict : undefined;
  const verdict = said && (await matchVerdict(deps.store, said, now));
  const outcome = test ? 'test' : 'accepted';
  const delivery: NewDelivery = {
    ...base,
    outcome,
    status: 200,
    externalId: plan.externalId,
    subject: verdict?.subject ?? plan.subject ?? null,
    message: verdict?.note ?? plan.note ?? null,
    dedupeKey: dedupe?.claim.key ?? null,
    refersTo: verdict?.posting?.deliveryId ?? plan.refersTo?.id ?? null,
    productionOrder: order?.productionOrder ?? base.productionOrder ?? plan.refersTo?.productionOrder ?? null,
  };
  const result = await deps.store.commitEvent({
    delivery,
    postings: plan.postings,
    claims: dedupe ? [dedupe.claim, ...plan.claims] : plan.claims,
    releaseFingerprintsOf: plan.releaseFingerprintsOf,
    cancelIfUnsent: plan.cancelIfUnsent,
    legacyKeys: dedupe && { keys: [dedupe.legacyKey], test },
    verdict: verdict?.record,
  });
  if (!result.committed) {
    // The sender's key with another body: not a resend, and not to be answered as one.
    // A key claimed before bodies were kept has no fingerprint: taken as the same body, as then.
    const { key, bodyFingerprint: first } = result.holder;
    if (req.senderKey && key === dedupe?.claim.key && first && first !== dedupe.claim.bodyFingerprint) {
      throw keyReused(req.senderKeyHeader ?? 'Idempotency-Key', req.senderKey, result.owner);
    }
    // Lost a race to an identical delivery: it was posted once, by the winner.
    return recordDuplicate(deps, base, result.owner, dedupe?.claim.key);
  }
  const queued = new Map<string, Lane>();
  for (const p of plan.postings) if (p.state === 'queued') queued.set(JSON.stringify([p.target, p.productionOrder]), { target: p.target, productionOrder: p.productionOrder });
  return { externalId: plan.externalId, outcome, deliveryId: delivery.id, productionOrder: delivery.productionOrder ?? undefined, queued: [...queued.values()] };
}

/** The key this delivery claims (the sender's, or its body's fingerprint), and the same key as earlier versions wrote it. */
async function dedupeClaim(req: ValidatedDelivery, test: boolean, now: number): Promise<{ claim: KeyClaim; legacyKey: string } | undefined> {
  const scope: KeyScope = { source: req.integration.source, integration: req.integration.name, test };
  if (req.senderKey) {
    return { claim: { key: headerKey(scope, req.senderKey), expiresAt: null, bodyFingerprint: await bodyFingerprint(req.payload) }, legacyKey: legacyHeaderKey(scope, req.senderKey) };
  }
  const window = req.integration.fingerprintWindowMs;
  if (window === 0) return undefined;
  const expiresAt = window === null ? null : now + window;
  return { claim: { key: await fingerprintKey(scope, req.payload), expiresAt }, legacyKey: await legacyFingerprintKey(scope, req.input) };
}

/** As the IETF Idempotency-Key draft has it: 422, naming the key and what it was first used for. */
function keyReused(header: string, key: string, first: DeliveryRow): DomainError {
  const at = new Date(first.receivedAt).toISOString().replace('T', ' ').slice(0, 19);
  return new DomainError(
    'key-reused',
    `${header} '${key}' was already used at ${at} UTC for delivery ${first.externalId} with a different body. Send a new key for a new event; resend the same body to get the first answer.`,
  );
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
  return { externalId: original.externalId ?? '', outcome: 'duplicate', deliveryId: base.id, productionOrder: base.productionOrder ?? original.productionOrder ?? undefined, queued: [] };
}

function baseDelivery(req: ValidatedDelivery, s: DeliverySummary, now: number) {
  return {
    id: newDeliveryId(now),
    receivedAt: now,
    source: req.integration.source,
    integration: req.integration.name,
    eventType: s.eventType ?? null,
    outcome: 'accepted',
    status: 200,
    rawBody: req.rawBody,
    event: JSON.stringify(req.payload), // the validated payload; the column keeps its old name
    requestId: req.requestId ?? null,
    productionOrder: s.productionOrder ?? null,
    workorderNumber: s.workorderNumber ?? null,
    serial: s.serial ?? null,
    sku: s.sku ?? null,
  } satisfies NewDelivery;
}
