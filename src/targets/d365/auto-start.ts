// Orders started once (D365_AUTO_START, on by default). D365 posts journals only on a started
// order, and an MES that reports material, operations or finished quantities on an order nothing
// started would leave every journal failing in D365's message processor. So each picking list,
// route card and report as finished comes with a ProdProductionOrderStart in front of it, which
// the ledger writes only while the order's D365 lane holds no Start (nor End) yet: the decision is
// taken inside the commit (store/lane-condition.ts), so it holds across restarts and instances.
import { z } from 'zod';
import { defined, isProductionEvent, type ProductionEvent, type ProductionKind } from '../../core/canonical-events.js';
import { flag, parseEnv, type Env } from '../../config/settings-toolkit.js';
import type { PostedMessage, Target, TargetMessage } from '../target.js';
import type { MessageOptions } from './message-options.js';

export const START = 'ProdProductionOrderStart';

/** The journals D365 posts only on a started order. */
const needsStartedOrder: readonly ProductionKind[] = ['material-consumed', 'operation-reported', 'quantity-finished'];

/**
 * A lane holding a Start is started (a device add's own per-serial Start included); one holding an
 * End is past started (an order started and ended in D365 by hand must not be started again).
 */
const startedBy = [START, 'ProdProductionOrderEnd'] as const;

/** D365_AUTO_START: true unless set to false. */
const autoStartEnv = z.object({ D365_AUTO_START: flag.default(true) });
export const autoStartFrom = (env: Env): boolean => parseEnv(autoStartEnv, { D365_AUTO_START: env.D365_AUTO_START?.trim() }).D365_AUTO_START;

/**
 * The Start a journal of `event` needs: dated the day the event happened, with no StartedQuantity
 * (D365 then starts the order's remaining quantity), and the consumption rule the plant configured.
 */
export function startBefore(event: ProductionEvent, o: MessageOptions): TargetMessage | undefined {
  if (!needsStartedOrder.includes(event.kind)) return undefined;
  return {
    messageType: START,
    content: defined({ ProductionOrderNumber: event.productionOrder, StartedDate: event.date, AutomaticBOMConsumptionRule: o.bomConsumption }),
    unlessLaneHas: startedBy,
  };
}

/**
 * An automatic Start (one without a StartedQuantity) is the order's, not the event's: taking back
 * the journal it came with leaves the order started, for the order's other events. Reversing it
 * with "minus nothing" would start the remaining quantity again.
 */
export const isAutomaticStart = (p: PostedMessage) => p.messageType === START && !z.number().safeParse(p.content.StartedQuantity).success;

type Messages = Pick<Target, 'build' | 'reverse'>;

/**
 * D365's build and reverse with orders started once: with `on`, each journal is preceded by its
 * conditional Start; either way an automatic Start written earlier is never reversed.
 */
export function startingOrders(messages: Messages, o: MessageOptions, on: boolean): Messages {
  return {
    build: (event, origin) => {
      const start = on && isProductionEvent(event) ? startBefore(event, o) : undefined;
      return start ? [start, ...messages.build(event, origin)] : messages.build(event, origin);
    },
    reverse: (posted, date, origin) => (isAutomaticStart(posted) ? undefined : messages.reverse(posted, date, origin)),
  };
}
