// The Workers baseline: a bare Hono Worker in the same local workerd that parses the same JSON
// body and answers {"externalId"}. npm run bench:worker reports the bridge as a ratio to it.
import { Hono } from 'hono';

const app = new Hono();
let n = 0;
app.post('/nextplus/device', async (c) => {
  await c.req.json();
  return c.json({ externalId: `BARE-${++n}` });
});

export default app;
