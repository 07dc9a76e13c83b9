// Target health and quiet lines inside workerd: the Cron Trigger's runs announce them, the fake
// D365 stands in for fetch (and throws as undici does when it refuses connections).
import { quietLineCases } from '../cases/quiet-line-cases.js';
import { targetHealthCases } from '../cases/target-health-cases.js';
import { inWorkerFakeD365, workerHarness } from './worker-harness.js';

targetHealthCases(workerHarness, inWorkerFakeD365);
quietLineCases(workerHarness, inWorkerFakeD365);
