// Device/Serial integration: the main serial of a work order was set (add), changed
// (update) or taken back (remove). Extra fields are kept: Next Plus may add fields.
import { z } from 'zod';
import { optionalText, requiredText } from '../fields.js';
import { systemIds } from './system-ids.js';

const common = { workorderNumber: requiredText, sku: requiredText, ...systemIds };

export const deviceEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('add'), ...common, serial: requiredText }),
  z.looseObject({
    type: z.literal('update'),
    ...common,
    serial: requiredText,
    oldSerial: optionalText,
    externalId: requiredText,
  }),
  z.looseObject({ type: z.literal('remove'), ...common, serial: optionalText, externalId: optionalText }),
]);

export type DeviceEvent = z.output<typeof deviceEventSchema>;
