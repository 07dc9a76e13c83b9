// Operation integration: a report on a routing operation (add) or its withdrawal (remove).
// A remove names the add it withdraws by the externalId we answered it with, or (null) by its
// work order, serial and position (remove-subject.ts).
import { z } from 'zod';
import {
  nonNegativeQuantity,
  operationPosition,
  optionalText,
  requiredText,
} from '../fields.js';
import { systemIds } from './system-ids.js';

const common = {
  workorderNumber: requiredText,
  sku: requiredText,
  serial: optionalText,
  actCode: optionalText,
  workCenterCode: optionalText,
  operationExternalId: optionalText,
  ...systemIds,
};

export const operationEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('add'),
    ...common,
    externalId: optionalText,
    position: operationPosition,
    validQty: nonNegativeQuantity,
    invalidQty: nonNegativeQuantity,
  }),
  z.looseObject({
    type: z.literal('remove'),
    ...common,
    externalId: optionalText,
    position: operationPosition.optional(),
    validQty: nonNegativeQuantity.optional(),
    invalidQty: nonNegativeQuantity.optional(),
  }),
]);

export type OperationEvent = z.output<typeof operationEventSchema>;
