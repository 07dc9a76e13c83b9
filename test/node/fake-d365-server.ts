// Serves the fake D365 over real HTTP on localhost, so the Node suite exercises the bridge's
// real fetch, sockets and timeouts.
import { FakeD365, type ServedFake } from '../support/fake-d365.js';
import { serveOnLocalhost } from './serve-on-localhost.js';

export async function serveFakeD365(): Promise<ServedFake> {
  const fake = new FakeD365();
  const served = await serveOnLocalhost((request) => fake.handle(request));
  fake.url = served.origin;
  // Alerts on a port of their own, so they still arrive while D365's refuses connections.
  const alerts = await serveOnLocalhost((request) => fake.handle(request));
  fake.alertsUrl = `${alerts.origin}/alerts`;
  fake.onRefuse = (on) => (on ? served.pause() : served.resume());
  return {
    fake,
    stop: async () => {
      await alerts.stop();
      if (fake.refusing) await served.resume();
      await served.stop();
    },
  };
}
