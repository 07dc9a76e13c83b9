// The ingest pipeline: a validated Next Plus event in, an answer out, and the ledger written
// before the answer. Runtime-free (no Hono, no Node): the routes and both runtimes share it.
import type { BridgeConfig } from '../config/bridge-config.js';
import type { ErpConnector } from '../connectors/erp-connector.js';
import type { Clock } from '../deps.js';
import type { IntegrationSpec } from '../integrations/integrations.js';
import type { DeliveryRow, KeyClaim, LedgerStore, NewDelivery } from '../store/ledger-store.js';
import { plantDate } from '../translation/plant-date.js';
import type { NextPlusEvent } from '../translation/posting.js';
import { productionOrderOf } from '../translation/translate.js';
import { fingerprintKey, headerKey } from './dedupe-keys.js';
import { newDeliveryId } from './ids.js';
import { planEvent } from './plan-event.js';
import { carriesSampleIds } from './test-delivery.js';

export interface IngestDeps {
  store: LedgerStore;
  connector: ErpConnector;
  clock: Clock;
  config: Pick<BridgeConfig, 'dedupeWindowMs' | 'translation' | 'plantTimeZone'>;
}

export interface IngestRequest {
  spec: IntegrationSpec;
  event: NextPlusEvent;
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
  externalId: string;
  outcome: 'accepted' | 'test' | 'duplicate';
  deliveryId: string;
  /** Production orders that got postings waiting for the dispatcher. */
  queuedOrders: string[];
}

export async function ingestEvent(deps: IngestDeps, req: IngestRequest): Promise<IngestAnswer> {
  const now = deps.clock.now();
  const test = req.test || carriesSampleIds(req.event.event);
  const base = baseDelivery(deps, req, now);
  // No look-up before the write: the commit's key claim finds a duplicate anyway, and a
  // repeat is the rare case, so the common case pays for one write and no read.
  const dedupe = await dedupeClaim(deps, req, test, now);

  const plan = await planEvent({
    spec: req.spec,
    event: req.event,
    test,
    date: plantDate(now, deps.config.plantTimeZone),
    rules: deps.config.translation,
    store: deps.store,
    now,
  });
  if ('repeatOf' in plan) return recordDuplicate(deps, base, plan.repeatOf, dedupe?.key);

  const outcome = test ? 'test' : 'accepted';
  const delivery: NewDelivery = {
    ...base,
    outcome,
    status: 200,
    externalId: plan.externalId,
    message: plan.note ?? null,
    dedupeKey: dedupe?.key ?? null,
    refersTo: plan.refersTo?.id ?? null,
    productionOrder: base.productionOrder ?? plan.refersTo?.productionOrder ?? null,
  };
  const result = await deps.store.commitEvent({
    delivery,
    postings: plan.postings,
    postingState: deps.connector.deliversOnCommit ? 'delivered' : 'queued',
    claims: dedupe ? [dedupe, ...plan.claims] : plan.claims,
    releaseFingerprintsOf: plan.releaseFingerprintsOf,
    cancelIfUnsent: plan.cancelIfUnsent,
  });
  // Lost a race to an identical delivery: it was posted once, by the winner.
  if (!result.committed) return recordDuplicate(deps, base, result.owner, dedupe?.key);
  const queuedOrders = deps.connector.deliversOnCommit ? [] : [...new Set(plan.postings.map((p) => p.productionOrder))];
  return { status: 200, externalId: plan.externalId, outcome, deliveryId: delivery.id, queuedOrders };
}

async function dedupeClaim(deps: IngestDeps, req: IngestRequest, test: boolean, now: number): Promise<KeyClaim | undefined> {
  if (req.senderKey) return { key: headerKey(req.spec.name, req.senderKey), expiresAt: null };
  const window = deps.config.dedupeWindowMs;
  if (window <= 0) return undefined;
  return { key: await fingerprintKey(req.spec.name, test, req.input), expiresAt: now + window };
}

/** A duplicate gets the original's answer, posts nothing, and is itself on record. */
async function recordDuplicate(
  deps: IngestDeps,
  base: NewDelivery,
  original: DeliveryRow,
  dedupeKey: string | undefined,
): Promise<IngestAnswer> {
  await deps.store.recordDelivery({
    ...base,
    outcome: 'duplicate',
    status: original.status,
    externalId: original.externalId,
    duplicateOf: original.id,
    dedupeKey: dedupeKey ?? null,
    productionOrder: base.productionOrder ?? original.productionOrder,
  });
  return { status: original.status, externalId: original.externalId ?? '', outcome: 'duplicate', deliveryId: base.id, queuedOrders: [] };
}

function baseDelivery(deps: IngestDeps, req: IngestRequest, now: number): NewDelivery & { outcome: string; status: number } {
  const e = req.event.event;
  return {
    id: newDeliveryId(),
    receivedAt: now,
    integration: req.spec.name,
    eventType: e.type,
    outcome: 'accepted',
    status: 200,
    rawBody: req.rawBody,
    event: JSON.stringify(e),
    requestId: req.requestId ?? null,
    productionOrder: productionOrderOf(req.event, deps.config.translation) ?? null,
    workorderNumber: e.workorderNumber,
    serial: e.serial ?? null,
    sku: e.sku,
  };
}
