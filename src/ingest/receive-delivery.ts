// The ingest pipeline's entry: one delivery in as plain values (its integration, the body's
// text, the test flag, the sender's key), checked step by step (body, JSON, schema), then
// ingested; an outcome out. Whatever is refused on the way is recorded here, with its reason and
// body, before the refusal is answered: the pipeline, not the HTTP layer, keeps the record.
// It knows no HTTP: the route reads the body (bounded, bytes in flight counted) and answers.
import { describeIssues } from '../core/describe-zod-issues.js';
import { DomainError, invalid, type DomainErrorKind } from '../core/domain-errors.js';
import { newDeliveryId } from '../core/ids.js';
import type { Logger } from '../core/runtime.js';
import type { SourceIntegration } from '../sources/source.js';
import { ingestPayload, type IngestAnswer, type IngestDeps } from './ingest-payload.js';
import { parseJsonArray, parseJsonObject } from './parse-json.js';

const MAX_SENDER_KEY = 200;

interface ReceiveDeps extends IngestDeps {
  logger: Logger;
  /**
   * What a refusal of this kind is answered with, for the ledger's record of it. The ledger keeps
   * the status the sender got, and the one place that maps a kind to a status is the HTTP
   * layer's (src/http/error-status.ts): the route hands that mapping down, so the pipeline
   * records the kind's answer without knowing HTTP.
   */
  statusOf(kind: DomainErrorKind): number;
}

interface ReceivedDelivery {
  integration: SourceIntegration;
  /** The body as text, as read (kept for the record, even when it can't be used). */
  body: string;
  /** Why the body could not be read as JSON text (too large, not JSON, not UTF-8), if so. */
  unreadable?: DomainError;
  /** The sender asked for a test delivery (?test=1); the source's `isTestBody` may also say so. */
  test: boolean;
  /** The Idempotency-Key or webhook-id header, as sent. */
  senderKey?: string;
  /** Which of the two it is (default Idempotency-Key). */
  senderKeyHeader?: string;
  requestId?: string;
}

export type DeliveryOutcome = IngestAnswer | { outcome: 'refused'; error: DomainError };

/**
 * A body that may hold several payloads (the integration `acceptsArray`): a JSON array is one
 * delivery per element, each received in turn and so in the ledger before the answer; anything
 * else is one delivery. A sender's key can't name several events, so it is left to the elements' own.
 */
export async function receiveDeliveries(deps: ReceiveDeps, r: ReceivedDelivery): Promise<{ outcomes: DeliveryOutcome[]; batch: boolean }> {
  let elements: Record<string, unknown>[] | undefined;
  try {
    elements = r.integration.acceptsArray && !r.unreadable ? parseJsonArray(r.body, r.integration.label) : undefined;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await recordRefusal(deps, r, err, undefined);
    return { outcomes: [{ outcome: 'refused', error: err }], batch: false };
  }
  if (!elements) return { outcomes: [await receiveDelivery(deps, r)], batch: false };
  const outcomes: DeliveryOutcome[] = [];
  for (const element of elements) outcomes.push(await receiveDelivery(deps, { ...r, body: JSON.stringify(element), senderKey: undefined }));
  return { outcomes, batch: true };
}

export async function receiveDelivery(deps: ReceiveDeps, r: ReceivedDelivery): Promise<DeliveryOutcome> {
  const { integration } = r;
  let input: unknown;
  try {
    if (r.unreadable) throw r.unreadable;
    input = parseJsonObject(r.body, integration.label);
    const senderKeyHeader = r.senderKeyHeader ?? 'Idempotency-Key';
    const senderKey = checkedSenderKey(r.senderKey, senderKeyHeader);
    const parsed = integration.schema.safeParse(input);
    if (!parsed.success) throw invalid(integration.notAccepted(describeIssues(parsed.error.issues, input)));
    return await ingestPayload(deps, { integration, payload: parsed.data, input, rawBody: r.body, test: r.test, senderKey, senderKeyHeader, requestId: r.requestId });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    // A delivery shed for load is not recorded: it was not read, writing it would add to the
    // load, and the answer tells the MES to send it again.
    if (err.kind !== 'overloaded') await recordRefusal(deps, r, err, input);
    return { outcome: 'refused', error: err };
  }
}

function checkedSenderKey(raw: string | undefined, header: string): string | undefined {
  const key = raw?.trim();
  if (!key) return undefined;
  if (key.length > MAX_SENDER_KEY) throw invalid(`The ${header} header is longer than ${MAX_SENDER_KEY} characters.`);
  return key;
}

/** A refused delivery on record: what came, why it was refused, what it was answered. */
async function recordRefusal(deps: ReceiveDeps, r: ReceivedDelivery, err: DomainError, input: unknown) {
  try {
    const receivedAt = deps.clock.now();
    await deps.store.recordDelivery({
      id: newDeliveryId(receivedAt),
      receivedAt,
      source: r.integration.source,
      integration: r.integration.name,
      outcome: 'rejected',
      status: deps.statusOf(err.kind),
      message: err.message,
      rawBody: r.body || null,
      requestId: r.requestId ?? null,
      ...bestEffortSummary(r.integration, input),
    });
  } catch (recordErr) {
    deps.logger.error('could not record a rejected delivery', { requestId: r.requestId, error: String(recordErr) });
  }
}

/** The searchable columns of a body that failed validation: whatever of them reads as plain text. */
function bestEffortSummary(integration: SourceIntegration, input: unknown) {
  if (typeof input !== 'object' || input === null) return {};
  let s: Record<string, unknown> = {};
  try {
    s = { ...integration.summarize(input) };
  } catch {
    return {};
  }
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 120) : null);
  return {
    eventType: typeof s.eventType === 'string' && /^[a-z-]{1,20}$/.test(s.eventType) ? s.eventType : null,
    productionOrder: text(s.productionOrder),
    workorderNumber: text(s.workorderNumber),
    serial: text(s.serial),
    sku: text(s.sku),
  };
}
