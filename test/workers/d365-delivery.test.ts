// The shared D365 delivery cases inside workerd: the Cron Trigger's scheduled handler runs the
// dispatcher, and the fake D365 stands in for fetch (workerd tests can't reach a Node server).
import { d365DeliveryCases } from '../cases/d365-delivery-cases.js';
import { FakeD365 } from '../support/fake-d365.js';
import { workerHarness } from './worker-harness.js';

d365DeliveryCases(workerHarness, async () => {
  const fake = new FakeD365();
  return { fake, fetch: fake.fetch, stop: async () => {} };
});
