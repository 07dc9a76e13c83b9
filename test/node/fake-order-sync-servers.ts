// Serves the order-sync fakes (Next Plus REST, the VIF-style MO API, D365 with OData) over real
// HTTP on localhost, like fake-d365-server.ts: the fake's `url` becomes the server's origin, and a
// fake that drops a connection has its socket destroyed (the bridge's fetch fails as on a network
// error).
import { attachOData, type FakeD365ODataOptions, type FakeD365OData } from '../support/fake-d365-odata.js';
import type { FakeD365 } from '../support/fake-d365.js';
import { FakeNextPlusApi, type FakeNextPlusOptions } from '../support/fake-nextplus-api.js';
import { FakeVif, type FakeVifOptions } from '../support/fake-vif.js';
import { serveFakeD365 } from './fake-d365-server.js';
import { serveOnLocalhost } from './serve-on-localhost.js';

export interface Served<T> {
  fake: T;
  stop(): Promise<void>;
}

/** Any fake with a `url` and a web-standard `handle`, served on localhost. */
export async function serveFake<T extends { url: string; handle(request: Request): Promise<Response> }>(fake: T): Promise<Served<T>> {
  const served = await serveOnLocalhost((request) => fake.handle(request));
  fake.url = served.origin;
  return { fake, stop: served.stop };
}

export const serveFakeNextPlus = (options?: FakeNextPlusOptions) => serveFake(new FakeNextPlusApi(options));
export const serveFakeVif = (options?: FakeVifOptions) => serveFake(new FakeVif(options));

/** A fake D365 (token endpoint, SendMessage) that also serves OData under /data/ with its tokens. */
export async function serveFakeD365WithOData(options?: Omit<FakeD365ODataOptions, 'acceptsToken'>): Promise<Served<FakeD365> & { odata: FakeD365OData }> {
  const served = await serveFakeD365();
  const odata = attachOData(served.fake, options);
  odata.url = served.fake.url;
  return { fake: served.fake, odata, stop: served.stop };
}
