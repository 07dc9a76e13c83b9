// What the soak's MES sends: device / item-attach / operation adds spread over many production
// orders, removes of acknowledged adds, and bodies the bridge must refuse. Each add knows the
// message key D365 will file it under, so the reckoning can match deliveries to events.
import { realEvent } from '../../test/support/fixtures.js';

export type Kind = 'item' | 'op' | 'device';
export interface AddEvent {
  kind: Kind;
  n: number;
  order: string;
  integration: string;
  body: string;
  /** The message key at D365 (device adds share theirs per order: ProdProductionOrderStart has no id). */
  key: string;
  externalId?: string;
  ackedAt?: number;
  busy: boolean;
  removal?: RemoveEvent;
}
export interface RemoveEvent {
  of: AddEvent;
  body: string;
  externalId?: string;
  busy: boolean;
}

export const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

/** New events over `orders` production orders; one counter numbers them all, so every SKU, work center and serial is new. */
export function mesEvents(orders: number) {
  let n = 0;
  const orderOf = () => `SOAK-PO-${Math.floor(Math.random() * orders)}`;

  function newAdd(kind: Kind): AddEvent {
    const i = ++n;
    const order = orderOf();
    if (kind === 'item') {
      const sku = `SOAK-ITEM-${i}`;
      const body = realEvent('item-attach-add', { workorderExternalId: order, item: { sku, quantity: 1 + (i % 4), serial: `C-${i}` } });
      return { kind, n: i, order, integration: 'item-attach', body: JSON.stringify(body), key: `item:${sku}`, busy: false };
    }
    if (kind === 'op') {
      const wc = `WC-${i}`;
      const body = realEvent('operation-add', { workorderExternalId: order, workCenterCode: wc, position: 10 * (1 + (i % 5)), validQty: 1 + (i % 3), invalidQty: 0 });
      return { kind, n: i, order, integration: 'operation', body: JSON.stringify(body), key: `op:${wc}`, busy: false };
    }
    const body = realEvent('device-add', { workorderExternalId: order, serial: `SN-${i}` });
    return { kind, n: i, order, integration: 'device', body: JSON.stringify(body), key: `start:${order}`, busy: false };
  }

  const badBodies: [string, () => string][] = [
    ['item-attach', () => '{"type":"add","workorderNumber":'],
    ['item-attach', () => JSON.stringify(realEvent('item-attach-add', { workorderExternalId: orderOf(), item: { sku: 'BAD', quantity: -3 } }))],
    ['operation', () => JSON.stringify({ ...realEvent('operation-add', { workorderExternalId: orderOf() }), workorderNumber: undefined })],
    ['item-attach', () => JSON.stringify(realEvent('item-attach-remove', { workorderExternalId: orderOf(), item: { sku: 'X', quantity: 1, externalId: `ITM-NEVER-${++n}` } }))],
    ['device', () => JSON.stringify({ ...realEvent('device-add'), type: 'explode' })],
  ];

  /** One of the bad bodies: its integration, and a maker for the body (made when it is sent). */
  const pickBad = () => pick(badBodies);

  return { newAdd, pickBad };
}

/** The remove of an acknowledged add, naming the externalId the bridge gave it. */
export function removalOf(add: AddEvent): RemoveEvent {
  const parsed = JSON.parse(add.body) as Record<string, unknown>;
  const common = { workorderExternalId: add.order };
  const body =
    add.kind === 'item'
      ? realEvent('item-attach-remove', { ...common, item: { ...(parsed.item as object), externalId: add.externalId } })
      : add.kind === 'op'
        ? realEvent('operation-remove', { ...common, externalId: add.externalId })
        : realEvent('device-remove', { ...common, externalId: add.externalId });
  return { of: add, body: JSON.stringify(body), busy: false };
}
