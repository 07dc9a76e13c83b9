// The three Next Plus integrations, described once: where each is received, how its body is
// validated, how its externalIds look, and which externalId a remove or update points at.
import type { z } from 'zod';
import type { Integration, NextPlusEvent } from '../translation/posting.js';
import { deviceEventSchema } from './device/device-event.js';
import { itemAttachEventSchema } from './item-attach/item-attach-event.js';
import { operationEventSchema } from './operation/operation-event.js';

export interface IntegrationSpec {
  name: Integration;
  /** What Next Plus's Integration Builder calls it, for operator messages. */
  label: string;
  path: string;
  idPrefix: string;
  schema: z.ZodType;
  /** The externalId a remove/update refers to (what we answered the original add with). */
  reference(e: NextPlusEvent): string | undefined;
}

export const integrations: readonly IntegrationSpec[] = [
  {
    name: 'device',
    label: 'Device/Serial',
    path: '/nextplus/device',
    idPrefix: 'DEV',
    schema: deviceEventSchema,
    reference: (e) => (e.event.type === 'add' ? undefined : e.event.externalId),
  },
  {
    name: 'item-attach',
    label: 'Item Attach',
    path: '/nextplus/item-attach',
    idPrefix: 'ITM',
    schema: itemAttachEventSchema,
    // The top-level externalId is the parent device's; the attach itself is item.externalId.
    reference: (e) => (e.integration === 'item-attach' ? e.event.item.externalId : undefined),
  },
  {
    name: 'operation',
    label: 'Operation',
    path: '/nextplus/operation',
    idPrefix: 'OPR',
    schema: operationEventSchema,
    reference: (e) => (e.event.type === 'add' ? undefined : e.event.externalId),
  },
];

export const integrationByName = Object.fromEntries(integrations.map((i) => [i.name, i])) as Record<
  Integration,
  IntegrationSpec
>;
