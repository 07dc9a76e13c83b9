// The order-sync fakes a shared case gets, however its runtime serves them: D365 (token
// endpoint, SendMessage, OData), Next Plus and VIF, and the fetch that reaches them.
import type { FakeD365 } from './fake-d365.js';
import type { FakeD365OData } from './fake-d365-odata.js';
import type { FakeNextPlusApi } from './fake-nextplus-api.js';
import type { FakeVif } from './fake-vif.js';

export interface OrderSyncFakes {
  d365: FakeD365;
  odata: FakeD365OData;
  nextplus: FakeNextPlusApi;
  vif: FakeVif;
  /** How the bridge reaches them (workerd: routed by host); undefined: the real fetch. */
  fetch?: typeof fetch;
  stop(): Promise<void>;
}

export type ServeOrderSync = () => Promise<OrderSyncFakes>;
