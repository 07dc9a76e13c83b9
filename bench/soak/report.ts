// The soak's report: one line per figure, then OK or FAILED with what failed. The soak fails
// if anything acknowledged was lost, the fake saw a violation, or D365 got more repeats than
// there were sends in flight at the stops.
import type { FakeD365 } from '../../test/support/fake-d365.js';
import type { SoakBridge } from './bridge-process.js';
import type { MesLoad } from './mes-load.js';
import type { Reckoning } from './reckoning.js';

export interface SoakEnd {
  minutes: number;
  rate: number;
  orders: number;
  drainMs: number;
  /** How the last bridge ended at the final SIGTERM. */
  finalExit: string;
  /** Postings left 'sending' after that stop. */
  sendingAtEnd: number;
  /** Postings held or failed after the drain. */
  held: number;
  failed: number;
}

/** Prints the report and returns the problems found (none: the soak passed). */
export function printReport(end: SoakEnd, load: MesLoad, bridge: SoakBridge, r: Reckoning, fake: FakeD365, anomalies: string[]): string[] {
  const { adds, removes, counts, latencies, slow } = load;
  const { stops, startFailures, pids } = bridge;
  const maxRssKb = bridge.maxRssKb();
  const kills = stops.filter((s) => s.signal === 'SIGKILL');
  const terms = stops.filter((s) => s.signal === 'SIGTERM');
  const inFlightAtStops = stops.reduce((s, x) => s + x.sendingLeft, 0) + end.sendingAtEnd;

  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1) : '-');

  console.log(`
soak: ${end.minutes} min at ${end.rate} events/s (${end.orders} production orders), drain ${(end.drainMs / 1000).toFixed(1)} s
  events acknowledged        ${r.acknowledged} (adds ${adds.filter((a) => a.externalId).length}, removes ${removes.filter((x) => x.externalId).length}); sent but never answered ${adds.filter((a) => !a.externalId).length + removes.filter((x) => !x.externalId).length}
  repeats / bad bodies       ${counts.repeatsAnswered} repeats answered with the original externalId ${counts.repeatsAnswered - anomalies.filter((a) => a.startsWith('repeat of')).length}; ${counts.badRejected} of ${counts.badSent} bad bodies refused with 4xx
  client retries             ${counts.retries} (no answer or 5xx; ${counts.serverErrors} were 5xx), gave up ${counts.gaveUp}
  delivered (distinct)       ${r.delivered} postings expected at D365 (${r.cancelledPairs} adds removed before they were sent: cancelled with their reversal)
  lost                       ${r.lost}${r.lostKeys.length ? `: ${r.lostKeys.slice(0, 10).join(', ')}` : ''}${r.notInLedger ? `; ${r.notInLedger} acknowledged events missing from the ledger` : ''}
  duplicated at D365         ${r.duplicated} (postings left 'sending' at stops: ${stops.map((s) => `${s.signal} ${s.sendingLeft}`).join(', ') || 'none'}${end.sendingAtEnd ? `, final stop ${end.sendingAtEnd}` : ''}; at SIGKILLs ${kills.reduce((s, x) => s + x.sendingLeft, 0)})
  delivered, never acked     ${r.unacknowledgedDelivered} (committed, but the answer was lost at a kill)${r.phantom ? `\n  PHANTOM messages          ${r.phantom}` : ''}
  ingest latency (200s)      p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${sorted.length ? sorted[sorted.length - 1]!.toFixed(1) : '-'} ms over ${sorted.length} answers; ${slow.length} over 1 s${slow.length ? ` (at ${[...new Set(slow.map((x) => x.at))].slice(0, 12).join(', ')} s)` : ''}
  bridge max RSS             ${(maxRssKb / 1024).toFixed(1)} MB (VmRSS sampled every second, ${pids.length} processes)
  restarts done              ${stops.length} (${kills.length} SIGKILL, ${terms.length} SIGTERM: ${terms.map((s) => `${s.exit} after ${s.stopMs} ms${s.leaseLeft ? ', lease left behind' : ''}`).join('; ') || '-'}); final stop ${end.finalExit}${startFailures.length ? `\n  refused restarts           ${startFailures.length}: ${startFailures[0]}` : ''}
  ledger at the end          ${r.postingsByState.map((x) => `${x.state} ${x.n}`).join(', ')}${end.held + end.failed ? ` (held ${end.held}, failed ${end.failed})` : ''}
  D365                       ${fake.received.length} messages received, ${fake.sendRequests} SendMessage calls, ${fake.tokenRequests} token requests
  fake violations            ${fake.violations.length}${fake.violations.length ? `: ${fake.violations.slice(0, 5).join(' | ')}` : ''}
  anomalies                  ${anomalies.length}${anomalies.length ? `:\n    ${anomalies.slice(0, 15).join('\n    ')}` : ''}`);

  const problems = [
    r.lost && `${r.lost} acknowledged postings never reached D365`,
    r.notInLedger && `${r.notInLedger} acknowledged events are not in the ledger`,
    fake.violations.length && `${fake.violations.length} violations at the fake D365`,
    r.phantom && `${r.phantom} messages at D365 that no event explains`,
    r.duplicated > inFlightAtStops && `${r.duplicated} duplicates at D365, more than the ${inFlightAtStops} postings in flight at the stops`,
    end.held + end.failed && `${end.held + end.failed} postings held or failed at the end`,
  ].filter(Boolean) as string[];
  console.log(problems.length ? `\nFAILED: ${problems.join('; ')}` : '\nOK: nothing acknowledged was lost, no violations');
  return problems;
}
