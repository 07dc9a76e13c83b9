// A local fake D365 for the dispatch bench that answers at once: a token for any client, 200 to
// every SendMessage. It checks per-order order (FIFO) from each message's quantity, which the
// bench makes grow per order, and prints its counts on SIGTERM. Its own process, so its CPU is
// not the bridge's.
import { createServer } from 'node:http';

const lastQuantity = new Map<string, number>();
let received = 0;
let outOfOrder = 0;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.includes('/oauth2/')) return res.end(JSON.stringify({ access_token: 'bench', token_type: 'Bearer', expires_in: 3600 }));
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { _messageContent: string };
      const content = JSON.parse(body._messageContent) as { ProductionOrderNumber?: string; PickingListLines?: { ConsumptionBOMQuantity?: number }[] };
      const order = content.ProductionOrderNumber ?? '';
      const quantity = content.PickingListLines?.[0]?.ConsumptionBOMQuantity;
      if (typeof quantity === 'number') {
        if ((lastQuantity.get(order) ?? 0) >= quantity) outOfOrder++;
        lastQuantity.set(order, quantity);
      }
      received++;
    } catch {
      res.statusCode = 400;
    }
    res.end('{}');
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => {
  console.log(JSON.stringify({ received, outOfOrder, orders: lastQuantity.size }));
  process.exit(0);
});
