// The soak's MES client: sends one event at a time as the load loop asks (adds, removes of
// earlier ones, repeats of recent bodies, bad bodies), retries the unanswered ones as the MES
// does, and keeps what came back: what was acknowledged, latencies, and anything unexpected.
import { postEvent, sleep } from '../../test/support/fault-tools.js';
import type { Clock } from './clock.js';
import { mesEvents, pick, removalOf, type AddEvent, type RemoveEvent } from './mes-events.js';

const RETRY_EVERY_MS = 1_000;
const GIVE_UP_AFTER_MS = 90_000;

export function mesLoad(opts: { url: (integration: string) => string; orders: number; clock: Clock; anomalies: string[] }) {
  const { url, clock, anomalies } = opts;
  const events = mesEvents(opts.orders);
  const adds: AddEvent[] = [];
  const removes: RemoveEvent[] = [];
  /** Acknowledged adds not yet removed: candidates for removes and repeats. */
  const live: AddEvent[] = [];
  const latencies: number[] = [];
  /** The slowest answers, with when they came (seconds into the run). */
  const slow: { at: number; ms: number; integration: string }[] = [];
  const counts = { sent: 0, answers200: 0, repeatsSent: 0, repeatsAnswered: 0, badSent: 0, badRejected: 0, retries: 0, gaveUp: 0, serverErrors: 0 };
  let inFlight = 0;

  /**
   * Posts until answered: no answer (the bridge is down or died mid-request) or a 5xx is tried
   * again with the same body, as the MES does; the ledger answers a repeat of a committed body as
   * a duplicate with the original externalId.
   */
  async function deliver(integration: string, body: string): Promise<{ status: number; externalId?: string; body?: string } | undefined> {
    const first = performance.now();
    inFlight++;
    try {
      for (let attempt = 0; ; attempt++) {
        const r = await postEvent(url(integration), body);
        if (r.ok) {
          counts.answers200++;
          latencies.push(r.ms);
          if (r.ms > 1_000) slow.push({ at: clock.elapsed(), ms: Math.round(r.ms), integration });
          return { status: 200, externalId: r.externalId };
        }
        if (r.status !== 0 && r.status < 500) return { status: r.status, body: 'body' in r ? r.body : '' };
        if (r.status >= 500) counts.serverErrors++;
        if (performance.now() - first > GIVE_UP_AFTER_MS) {
          counts.gaveUp++;
          return undefined;
        }
        counts.retries++;
        await sleep(RETRY_EVERY_MS);
      }
    } finally {
      inFlight--;
    }
  }

  async function sendAdd(add: AddEvent) {
    add.busy = true;
    adds.push(add);
    counts.sent++;
    const r = await deliver(add.integration, add.body);
    add.busy = false;
    if (!r) return;
    if (r.status !== 200) return void anomalies.push(`${add.key}: answered ${r.status} ${r.body}`);
    add.externalId = r.externalId;
    add.ackedAt = Date.now();
    live.push(add);
  }

  async function sendRemove(add: AddEvent) {
    const rm = removalOf(add);
    add.busy = rm.busy = true;
    add.removal = rm;
    removes.push(rm);
    live.splice(live.indexOf(add), 1);
    counts.sent++;
    const r = await deliver(add.integration, rm.body);
    add.busy = rm.busy = false;
    if (!r) return;
    if (r.status !== 200) return void anomalies.push(`remove of ${add.key}: answered ${r.status} ${r.body}`);
    rm.externalId = r.externalId;
  }

  /** The same body again, within the dedupe window: the same externalId back, nothing posted. */
  async function sendRepeat(add: AddEvent) {
    add.busy = true;
    counts.repeatsSent++;
    const r = await deliver(add.integration, add.body);
    add.busy = false;
    if (!r) return;
    counts.repeatsAnswered++;
    if (r.status !== 200) anomalies.push(`repeat of ${add.key}: answered ${r.status} ${r.body}`);
    else if (r.externalId !== add.externalId) anomalies.push(`repeat of ${add.key} answered as a new event ${r.externalId} (was ${add.externalId})`);
  }

  async function sendBad() {
    counts.badSent++;
    const [integration, body] = events.pickBad();
    const r = await deliver(integration, body());
    if (!r) return;
    if (r.status >= 400 && r.status < 500) counts.badRejected++;
    else anomalies.push(`bad ${integration} body answered ${r.status} ${r.externalId ?? r.body ?? ''}`);
  }

  /** One event of the mix: 40% item adds, 18% operation adds, 10% device adds, 12% removes, 12% repeats, 8% bad bodies. */
  function oneEvent(): Promise<void> {
    const r = Math.random();
    if (r < 0.4) return sendAdd(events.newAdd('item'));
    if (r < 0.58) return sendAdd(events.newAdd('op'));
    if (r < 0.68) return sendAdd(events.newAdd('device'));
    if (r < 0.8) {
      const add = live.length ? pick(live) : undefined;
      return add && !add.busy ? sendRemove(add) : sendAdd(events.newAdd('item'));
    }
    if (r < 0.92) {
      // Recent ones only: a repeat counts as one within DEDUPE_WINDOW_SECONDS (60 s).
      const add = live.length ? live[live.length - 1 - Math.floor(Math.random() * Math.min(live.length, 200))] : undefined;
      return add && !add.busy && Date.now() - add.ackedAt! < 40_000 ? sendRepeat(add) : sendAdd(events.newAdd('item'));
    }
    return sendBad();
  }

  return { oneEvent, adds, removes, latencies, slow, counts, inFlight: () => inFlight };
}

export type MesLoad = ReturnType<typeof mesLoad>;
