// Item Attach integration: a component was attached under (add) or detached from (remove)
// the main serial. item.externalId comes back on remove when we answered the attach with one.
import { z } from 'zod';
import { optionalText, positiveQuantity, requiredText } from '../fields.js';
import { systemIds } from './system-ids.js';

const item = z.looseObject({
  sku: requiredText,
  quantity: positiveQuantity,
  serial: optionalText,
  workorderNumber: optionalText,
  externalId: optionalText,
});

const common = {
  workorderNumber: requiredText,
  sku: requiredText,
  serial: optionalText,
  /** The parent device's externalId. */
  externalId: optionalText,
  item,
  ...systemIds,
};

export const itemAttachEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('add'), ...common }),
  z.looseObject({ type: z.literal('remove'), ...common }),
]);

export type ItemAttachEvent = z.output<typeof itemAttachEventSchema>;
