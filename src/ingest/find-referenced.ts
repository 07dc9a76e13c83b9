// How a remove or an update finds the earlier delivery it refers to: by the subject it was filed
// under (Next Plus's externalId, Proficy's reversal subject), or, when the body carries no
// pointer, by what the earlier delivery was about (Reference.bySubject).
import type { Reference, SourceIntegration, SubjectMatch } from '../sources/source.js';
import type { DeliveryRow, LedgerStore } from '../store/ledger-store.js';
import { reversalKey } from './dedupe-keys.js';

interface Lookup {
  store: LedgerStore;
  integration: SourceIntegration;
  test: boolean;
  now: number;
}

/**
 * The newest event filed under the reference's subject, or under its old form (an event recorded
 * before an upgrade). A test finds only tests and a real event only real ones: a test is filed
 * under the same subject as the real event it imitates.
 */
export async function findReferenced(input: Lookup, reference: Reference): Promise<DeliveryRow | undefined> {
  const { store, integration, test } = input;
  const { subject, legacySubject, bySubject } = reference;
  if (!subject) return bySubject ? findUntakenBack(input, reference.integration ?? integration.name, bySubject) : undefined;
  const found = await store.findBySubject(integration.source, subject, test);
  return found ?? (legacySubject ? store.findBySubject(integration.source, legacySubject, test) : undefined);
}

/** Candidates looked at for a reference by subject: far more than one work order's adds of one serial. */
const SUBJECT_CANDIDATES = 1000;

/**
 * The newest event of `integrationName` filed as `m` says, whose payload matches, that no remove
 * took back yet (its reversal key is unclaimed): add, add, remove, remove of the same item takes
 * back the second add, then the first.
 */
async function findUntakenBack({ store, integration, test, now }: Lookup, integrationName: string, m: SubjectMatch): Promise<DeliveryRow | undefined> {
  const rows = await store.findFiledWith(integration.source, integrationName, m.filed, test, SUBJECT_CANDIDATES);
  for (const row of rows) {
    if (!m.matches(storedPayload(row))) continue;
    if (!test && (await store.findKeyOwner([reversalKey(row.id)], now))) continue;
    return row;
  }
  return undefined;
}

function storedPayload(row: DeliveryRow): unknown {
  try {
    return row.event === null ? undefined : JSON.parse(row.event);
  } catch {
    return undefined;
  }
}
