// The end of the soak's load: wait until the bridge has sent everything it acknowledged.
import type { FakeD365 } from '../../test/support/fake-d365.js';
import { postingsInState, sleep } from '../../test/support/fault-tools.js';

/**
 * Drained: nothing queued or sending in the ledger, and D365 has received nothing new for 3 s
 * (room for a wrongful second send to show up). Gives up after 5 min with an anomaly.
 * Returns how long it took, in ms.
 */
export async function waitForDrain(db: string, fake: FakeD365, anomalies: string[]): Promise<number> {
  const drainStart = performance.now();
  let lastReceived = -1;
  let quietSince = performance.now();
  for (;;) {
    const open = postingsInState(db, 'queued') + postingsInState(db, 'sending');
    if (fake.received.length !== lastReceived) {
      lastReceived = fake.received.length;
      quietSince = performance.now();
    }
    if (open === 0 && performance.now() - quietSince > 3_000) break;
    if (performance.now() - drainStart > 300_000) {
      anomalies.push(`the outbox did not drain in 5 min: ${open} postings still queued or sending`);
      break;
    }
    await sleep(250);
  }
  return Math.round(performance.now() - drainStart);
}
