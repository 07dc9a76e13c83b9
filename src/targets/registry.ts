// Every target the bridge can post to. Adding one is its folder plus one line here
// (docs/architecture.md, "Add a target").
import { d365Target } from './d365/d365-target.js';
import { d365OrdersTarget } from './d365-orders/d365-orders-target.js';
import { nextplusTarget } from './nextplus-mes/nextplus-target.js';
import { vifTarget } from './vif-mes/vif-target.js';
import { journalTarget } from './journal/d365-dry-run.js';
import type { TargetDefinition } from './target.js';
import { webhookTarget } from './webhook/webhook-target.js';

/** The ERP targets, switched on by ERP_TARGETS. */
export const targetDefinitions: readonly TargetDefinition<any>[] = [journalTarget, d365Target, webhookTarget];

/** The MES targets of ERP -> MES order sync, switched on by ORDER_SYNC (their names are its values). */
export const mesTargetDefinitions: readonly TargetDefinition<any>[] = [nextplusTarget, vifTarget];

/** On whenever ORDER_SYNC is: reads each released order from D365 for the MES targets. */
export const orderReaderDefinition: TargetDefinition<any> = d365OrdersTarget;
