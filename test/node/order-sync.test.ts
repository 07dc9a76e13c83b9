// ERP -> MES order sync on Node: D365 business events in, and (against the fakes on localhost)
// OData reads and the MES targets out.
import { d365SourceCases } from '../cases/d365-source-cases.js';
import { ORDER_SYNC_ENV } from '../support/d365-business-events.js';
import { nodeHarness } from './node-harness.js';

d365SourceCases(nodeHarness, () => ORDER_SYNC_ENV);
