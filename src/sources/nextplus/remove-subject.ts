// A Next Plus remove without an externalId (its documentation says "string or null") finds the
// add it takes back by what that add was about: the device by its work order and serial, an
// attached item by its parent serial, SKU (and item serial), an operation report by its position
// (and actCode). Fields the remove leaves out match anything; the newest add not yet taken back wins.
import type { SubjectMatch } from '../source.js';
import type { NextPlusEvent } from './nextplus-event.js';

const field = (payload: unknown, ...path: string[]): unknown => {
  let v: unknown = payload;
  for (const k of path) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
};

/** `given` unset matches anything; set, the stored value must equal it. */
const same = (given: unknown, stored: unknown) => given === undefined || given === null || given === stored;

const onSerial = (serial: string | null | undefined) => (serial ? ` on serial ${serial}` : '');

/** How a remove finds its add when it carries no externalId; undefined for an add or update. */
export function removeSubject(e: NextPlusEvent): SubjectMatch | undefined {
  if (e.event.type !== 'remove') return undefined;
  const { workorderNumber } = e.event;
  const serial = e.event.serial ?? undefined;
  const filed = { eventType: 'add', workorderNumber, serial };
  switch (e.integration) {
    case 'device':
      return { filed, matches: () => true, description: `Device/Serial add${onSerial(serial)} of work order ${workorderNumber}` };
    case 'item-attach': {
      const { item } = e.event;
      return {
        filed,
        matches: (p) => same(item.sku, field(p, 'item', 'sku')) && same(item.serial, field(p, 'item', 'serial')),
        description: `Item Attach add of ${item.sku}${item.serial ? ` (serial ${item.serial})` : ''}${serial ? ` under serial ${serial}` : ''} on work order ${workorderNumber}`,
      };
    }
    case 'operation': {
      const { position, actCode } = e.event;
      const at = [position === undefined ? '' : ` at position ${position}`, actCode ? ` (${actCode})` : ''].join('');
      return {
        filed,
        matches: (p) => same(position, field(p, 'position')) && same(actCode, field(p, 'actCode')),
        description: `Operation add${at}${onSerial(serial)} of work order ${workorderNumber}`,
      };
    }
  }
}
