// The console's route tests inside workerd, on D1.
import { consoleCases } from '../cases/console-cases.js';
import { FakeD365 } from '../support/fake-d365.js';
import { workerHarness } from './worker-harness.js';

consoleCases(workerHarness, async () => {
  const fake = new FakeD365();
  return { fake, fetch: fake.fetch, stop: async () => {} };
});
