// The GE Proficy Plant Applications ERP Export Service's outbound events (PA 2022 JSON), one
// schema per event. Only what the bridge reads is checked; everything else Proficy sends is
// kept as it came (loose objects), since Proficy adds properties between versions.
import { z } from 'zod';
import { nonNegativeQuantity, optionalText, requiredText, timestamp } from '../fields.js';

/** Proficy's { name, properties[] } lot identifier; in the clock events a list whose element type is undocumented. */
const lotIdentifier = z.looseObject({ name: optionalText }).nullish();
const quantity = nonNegativeQuantity;

/** Every event names the Kafka message it came from; the bridge keeps both for the record. */
const envelope = {
  kafkaConsumerId: optionalText,
  publishedDate: timestamp.optional(),
};

const operationEvent = <T extends z.ZodRawShape>(info: T) =>
  z.looseObject({
    ...envelope,
    workOrderName: requiredText,
    lotIdentifier,
    operationInfo: z.looseObject({
      name: requiredText,
      unitName: optionalText,
      productionLine: optionalText,
      producedMaterial: optionalText,
      unitOfMeasure: optionalText,
      ...info,
    }),
  });

const bomLine = z.looseObject({
  name: requiredText,
  quantity,
  unitOfMeasure: optionalText,
  lotIdentifier,
});

export const operationCompleted = operationEvent({
  startTime: timestamp,
  endTime: timestamp,
  completedBy: optionalText,
  completedQuantity: quantity,
  billOfMaterials: z.array(bomLine).max(500).default([]),
});

export const operationSkipped = operationEvent({ skippedOnTime: timestamp.optional(), skippedBy: optionalText, skippedQuantity: quantity.optional() });

export const operationCancelled = operationEvent({ cancelledOnTime: timestamp.optional(), cancelledBy: optionalText, cancelledQuantity: quantity.optional() });

const clock = {
  ...envelope,
  workOrderName: requiredText,
  operation: requiredText,
  operatorName: optionalText,
  unitName: optionalText,
  productionLine: optionalText,
  // A list in the clock events; what its elements look like is not documented.
  lotIdentifier: z.unknown().optional(),
  clockedOnTime: timestamp,
};

export const operationClockedOn = z.looseObject({ ...clock, clockedOnBy: optionalText, laborType: optionalText });

export const operationClockedOff = z.looseObject({ ...clock, clockedOffTime: timestamp, clockedOffBy: optionalText });

export const routeReleased = z.looseObject({
  ...envelope,
  routeDefinitionID: z.union([z.number(), requiredText]).optional(),
  name: requiredText,
  revision: z.union([z.number(), requiredText]).optional(),
  producedMaterialName: optionalText,
  plannedLineName: optionalText,
});

export const materialLotStatusChanged = z.looseObject({
  ...envelope,
  materialLot: z
    .array(z.looseObject({ lotIdentifier: requiredText, productName: optionalText, status: optionalText, quantity: quantity.optional() }))
    .min(1, { error: 'must name at least one lot' }),
});

/**
 * A lot the order produced: its quantity in each unit it is measured in (litres, kg, count).
 * producedQuantity is read by to-canonical.ts: one that is not a quantity leaves the lot's
 * quantity unknown rather than refusing the order's completion.
 */
const dimensionalQuantity = z.looseObject({ unitOfMeasure: optionalText, producedQuantity: z.unknown() });
const materialLot = z.looseObject({
  lotIdentifier: requiredText,
  dimensionalQuantities: z.array(dimensionalQuantity).max(50).optional(),
});

const processOrder = <T extends z.ZodRawShape>(extra: T) =>
  z.looseObject({
    ...envelope,
    processOrderName: requiredText,
    processOrderRouteInfo: z.looseObject({
      product: optionalText,
      status: optionalText,
      plannedQuantity: quantity.nullish(),
      engineeringUnit: optionalText,
      actualStartTime: timestamp.nullish(),
      actualEndTime: timestamp.nullish(),
      ...extra,
    }),
    materialLots: z.array(materialLot).max(500).optional(),
  });

export const processOrderCreated = processOrder({});
export const processOrderUpdated = processOrder({});
export const processOrderDeleted = processOrder({});
export const processOrderCompleted = processOrder({ actualGoodQuantity: quantity, actualBadQuantity: quantity.default(0) });

export type OperationCompleted = z.output<typeof operationCompleted>;
export type OperationClockedOff = z.output<typeof operationClockedOff>;
export type ProcessOrderCompleted = z.output<typeof processOrderCompleted>;
