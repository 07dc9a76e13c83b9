// The ingest pipeline's entry: one HTTP delivery in, checked step by step (body, JSON, schema),
// then ingested. Whatever is refused on the way is recorded here, with its reason and body,
// before the refusal is answered: the pipeline, not the HTTP layer, keeps the record.
import { describeIssues } from '../core/describe-zod-issues.js';
import { DomainError, invalid } from '../core/domain-errors.js';
import { newDeliveryId } from '../core/ids.js';
import type { Logger } from '../core/runtime.js';
import type { BytesInFlight } from './bytes-in-flight.js';
import { statusOf } from '../http/error-status.js';
import type { SourceIntegration } from '../sources/source.js';
import { ingestEvent, type IngestAnswer, type IngestDeps } from './ingest-event.js';
import { parseJsonObject, readBodyText } from './read-body.js';

const MAX_SENDER_KEY = 200;

export interface ReceiveDeps extends IngestDeps {
  logger: Logger;
  bytesInFlight: BytesInFlight;
}

export interface ReceivedRequest {
  integration: SourceIntegration;
  request: Request;
  test: boolean;
  /** The Idempotency-Key or webhook-id header, as sent. */
  senderKey?: string;
  /** Which of the two it is (default Idempotency-Key). */
  senderKeyHeader?: string;
  requestId?: string;
}

export async function receiveDelivery(deps: ReceiveDeps, r: ReceivedRequest): Promise<IngestAnswer> {
  const { integration } = r;
  let rawBody: string | undefined;
  let input: unknown;
  // The body's bytes count as in flight until the delivery is recorded and answered.
  const budget = deps.bytesInFlight.lease();
  try {
    const body = await readBodyText(r.request, deps.config.maxBodyBytes, integration.label, budget);
    rawBody = body.text;
    if (body.problem) throw body.problem;
    input = parseJsonObject(body.text, integration.label);
    const senderKeyHeader = r.senderKeyHeader ?? 'Idempotency-Key';
    const senderKey = checkedSenderKey(r.senderKey, senderKeyHeader);
    const parsed = integration.schema.safeParse(input);
    if (!parsed.success) throw invalid(integration.notAccepted(describeIssues(parsed.error.issues, input)));
    return await ingestEvent(deps, { integration, event: parsed.data, input, rawBody: body.text, test: r.test, senderKey, senderKeyHeader, requestId: r.requestId });
  } catch (err) {
    // A delivery shed for load is not recorded: it was not read, writing it would add to the
    // load, and the 503 tells the MES to send it again.
    if (err instanceof DomainError && err.kind !== 'overloaded') await recordRejection(deps, r, err, rawBody, input);
    throw err;
  } finally {
    budget.release();
  }
}

function checkedSenderKey(raw: string | undefined, header: string): string | undefined {
  const key = raw?.trim();
  if (!key) return undefined;
  if (key.length > MAX_SENDER_KEY) throw invalid(`The ${header} header is longer than ${MAX_SENDER_KEY} characters.`);
  return key;
}

/** A refused delivery on record: what came, why it was refused, what it was answered. */
async function recordRejection(deps: ReceiveDeps, r: ReceivedRequest, err: DomainError, rawBody: string | undefined, input: unknown) {
  try {
    await deps.store.recordDelivery({
      id: newDeliveryId(),
      receivedAt: deps.clock.now(),
      source: r.integration.source,
      integration: r.integration.name,
      outcome: 'rejected',
      status: statusOf[err.kind],
      message: err.message,
      rawBody: rawBody || null,
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
