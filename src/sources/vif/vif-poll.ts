// Polls VIF for progress on the MOs the bridge made (VIF has no webhooks) and feeds each change
// to the vif source's integration, so it is a delivery like any other. Runs with the dispatcher's
// background work (Node: its loop; Workers: the cron), under its lease, so one poller at a time;
// each MO at most every VIF_POLL_SECONDS. What was reported is kept in vif_mos: a change is
// reported once, also across restarts (drizzle-vif-mos.ts says how). Each GET counts against the
// run's budget; the MOs it leaves are the longest waiting at the next run, which comes at once.
import type { Clock, Logger } from '../../core/runtime.js';
import type { VifClient, VifMo } from '../../targets/vif-mes/vif-client.js';
import type { VifMoRow } from '../../store/drizzle-vif-mos.js';
import type { MoProgress } from './mo-progress.js';

export interface VifMoStore {
  enrol(): Promise<void>;
  due(now: number, everyMs: number, limit: number): Promise<VifMoRow[]>;
  pending(): Promise<VifMoRow[]>;
  update(moNb: string, change: Partial<Pick<VifMoRow, 'state' | 'quantityDone' | 'pendingDone' | 'polledAt'>>): Promise<void>;
}

interface PollDeps {
  mos: VifMoStore;
  client: VifClient;
  /** Records one change as a delivery; throws when it was not recorded. */
  ingest(progress: MoProgress): Promise<void>;
  /** The run's outbound calls left (ORDER_SYNC_POLL_BUDGET). */
  budget: { left(): number };
  clock: Clock;
  logger: Logger;
  everyMs: number;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const itemOf = (mo: VifMo | undefined) => ({ ...(typeof mo?.itemCode === 'string' ? { item: mo.itemCode } : {}), ...(typeof mo?.unitCode === 'string' ? { unit: mo.unitCode } : {}) });
const started = (state?: string) => state === 'IN_PROGRESS' || state === 'SUSPENDED' || state === 'FINISHED';

export function vifPoller(d: PollDeps): () => Promise<void> {
  // The quantities come only from the row, so the same change after a crash is the same change
  // under the same key; the item and unit (VIF's, as the started and finished changes carry them)
  // let the ERP's report-as-finished name the item.
  const produced = (row: VifMoRow, to: number, mo: VifMo | undefined): MoProgress => ({ ...itemOf(mo), moNb: row.moNb, productionOrder: row.productionOrder, change: 'produced', from: row.quantityDone, quantityDone: to, quantity: to - row.quantityDone });

  /** A produced quantity written but perhaps not ingested before a crash: the same change again. */
  async function finishPending(row: VifMoRow) {
    const got = await d.client.get(row.moNb); // for its item and unit only: reported without them when VIF is away
    await d.ingest(produced(row, row.pendingDone!, got.ok ? got.mo : undefined));
    await d.mos.update(row.moNb, { quantityDone: row.pendingDone!, pendingDone: null });
  }

  async function pollOne(row: VifMoRow, now: number) {
    const got = await d.client.get(row.moNb);
    if (!got.ok) {
      d.logger.warn('could not read a VIF MO for its progress; trying again at the next poll', { moNb: row.moNb, error: got.failure.error ?? `HTTP ${got.status}` });
      return d.mos.update(row.moNb, { polledAt: now });
    }
    const mo = got.mo;
    if (!mo) return d.mos.update(row.moNb, { state: 'GONE', polledAt: now });
    const base = { moNb: row.moNb, productionOrder: row.productionOrder, ...itemOf(mo) };
    const at = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? { at: new Date(Date.parse(v)).toISOString() } : {});
    if (!started(row.state) && started(mo.state)) await d.ingest({ ...base, change: 'started', quantity: num(mo.quantity), ...at(mo.realBeginDate) });
    const done = num(mo.quantityDone);
    if (done > row.quantityDone) {
      await d.mos.update(row.moNb, { pendingDone: done });
      await d.ingest(produced(row, done, mo));
      await d.mos.update(row.moNb, { quantityDone: done, pendingDone: null });
    }
    if (row.state !== 'FINISHED' && mo.state === 'FINISHED') await d.ingest({ ...base, change: 'finished', ...at(mo.realEndDate) });
    await d.mos.update(row.moNb, { state: mo.state ?? row.state, polledAt: now });
  }

  // The dispatcher's background work runs every second on Node: the look for new MOs (a scan of
  // the VIF postings) and the poll run at most once per VIF_POLL_SECONDS of this process.
  let nextAt = 0;
  return async () => {
    if (d.clock.now() < nextAt) return;
    nextAt = d.clock.now() + d.everyMs;
    await d.mos.enrol();
    for (const row of await d.mos.pending()) await finishPending(row);
    const now = d.clock.now();
    const limit = Math.max(d.budget.left(), 0);
    const due = await d.mos.due(now, d.everyMs, limit);
    if (due.length === limit) nextAt = 0; // perhaps more are due than this run may poll
    for (const row of due) {
      if (d.budget.left() < 1) {
        nextAt = 0; // the budget ran out: the next run polls the MOs left
        break;
      }
      try {
        await pollOne(row, now);
      } catch (err) {
        d.logger.error('could not record a VIF MO\'s progress; trying again at the next poll', { moNb: row.moNb, error: String(err) });
      }
    }
  };
}
