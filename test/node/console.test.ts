// The console's route tests on Node (shared with the workerd suite).
import { bulkActionsCases } from '../cases/bulk-actions-cases.js';
import { consoleCases } from '../cases/console-cases.js';
import { consoleLiveCases } from '../cases/console-live-cases.js';
import { serveFakeD365 } from './fake-d365-server.js';
import { nodeHarness } from './node-harness.js';

consoleCases(nodeHarness, serveFakeD365);
bulkActionsCases(nodeHarness, serveFakeD365);
consoleLiveCases(nodeHarness, serveFakeD365);
