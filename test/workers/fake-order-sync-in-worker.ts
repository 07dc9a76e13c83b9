// The order-sync fakes inside workerd: D365 (with OData under /data/), Next Plus and VIF, handed
// to the bridge as one fetch that routes each request by its URL's host to the fake that owns it
// (no sockets to a Node server), like fake-erps-in-worker.ts.
import { FakeD365 } from '../support/fake-d365.js';
import { attachOData, type FakeD365ODataOptions, type FakeD365OData } from '../support/fake-d365-odata.js';
import { FakeNextPlusApi, type FakeNextPlusOptions } from '../support/fake-nextplus-api.js';
import { FakeVif, type FakeVifOptions } from '../support/fake-vif.js';
import { routeByHost } from '../support/fake-webhook-receiver.js';

export interface InWorkerOrderSync {
  d365: FakeD365;
  odata: FakeD365OData;
  nextplus: FakeNextPlusApi;
  vif: FakeVif;
  fetch: typeof fetch;
  stop(): Promise<void>;
}

export async function inWorkerFakeOrderSync(options: { odata?: Omit<FakeD365ODataOptions, 'acceptsToken'>; nextplus?: FakeNextPlusOptions; vif?: FakeVifOptions } = {}): Promise<InWorkerOrderSync> {
  const d365 = new FakeD365();
  const odata = attachOData(d365, options.odata);
  const nextplus = new FakeNextPlusApi(options.nextplus);
  const vif = new FakeVif(options.vif);
  const host = (url: string) => new URL(url).host;
  const fetch = routeByHost({ [host(d365.url)]: d365.fetch, [host(nextplus.url)]: nextplus.fetch, [host(vif.url)]: vif.fetch });
  return { d365, odata, nextplus, vif, fetch, stop: async () => {} };
}
