// The console's route tests inside workerd, on D1.
import { bulkActionsCases } from '../cases/bulk-actions-cases.js';
import { consoleCases } from '../cases/console-cases.js';
import { consoleLiveCases } from '../cases/console-live-cases.js';
import { inWorkerFakeD365, workerHarness } from './worker-harness.js';

consoleCases(workerHarness, inWorkerFakeD365);
bulkActionsCases(workerHarness, inWorkerFakeD365);
consoleLiveCases(workerHarness, inWorkerFakeD365);
