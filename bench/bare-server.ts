// The baseline: a bare Hono server on the same Node that parses the same JSON body and
// answers {"externalId"}. The bridge's cost is measured as a ratio to this.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
let n = 0;
app.post('/nextplus/device', async (c) => {
  await c.req.json();
  return c.json({ externalId: `BARE-${++n}` });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`));
