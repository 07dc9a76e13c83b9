// Fills a fresh ledger file with `events` accepted events as the ingest path writes them (the
// delivery, its fingerprint key, its journal posting), in plain SQL, for the bench's
// "idempotency cost stays flat" figure: the bridge then runs on this file.
import { openSqliteLedger } from '../src/store/sqlite-database.js';

export function fillLedger(path: string, events: number) {
  const ledger = openSqliteLedger(path, { synchronous: 'normal' });
  const c = ledger.client;
  c.pragma('synchronous = off'); // a filler: a crash just means filling again
  const t0 = Date.now() - events * 100;
  const delivery = c.prepare(
    `INSERT INTO deliveries (id, received_at, integration, event_type, outcome, status, external_id, raw_body, event, dedupe_key, production_order, workorder_number, serial, sku)
     VALUES (?, ?, 'device', 'add', 'accepted', 200, ?, ?, ?, ?, 'ERP-WO-123', 'WO-12345', ?, 'DEVICE-SKU')`,
  );
  const key = c.prepare('INSERT INTO idempotency_keys (key, delivery_id, expires_at) VALUES (?, ?, ?)');
  const posting = c.prepare(
    `INSERT INTO postings (delivery_id, target, ordering_key, production_order, message_type, content, state, created_at, updated_at, delivered_at)
     VALUES (?, 'journal', 'ERP-WO-123', 'ERP-WO-123', 'ProdProductionOrderStart', '{}', 'delivered', ?, ?, ?)`,
  );
  const batch = c.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `dlv_fill_${i}`;
      const at = t0 + i * 100;
      const body = `{"type":"add","workorderNumber":"WO-12345","sku":"DEVICE-SKU","serial":"FILL-${i}","workorderExternalId":"ERP-WO-123"}`;
      // Keys of the fingerprint's shape (a JSON array ending in a 64-hex digest), unexpired.
      const fp = `fp:["nextplus","device","real","${i.toString(16).padStart(64, '0')}"]`;
      delivery.run(id, at, `NP-FILL-${i}`, body, body, fp, `FILL-${i}`);
      key.run(fp, id, Date.now() + 86_400_000);
      posting.run(id, at, at, at);
    }
  });
  for (let i = 0; i < events; i += 50_000) batch(i, Math.min(events, i + 50_000));
  ledger.close();
}
