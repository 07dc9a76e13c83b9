// The `journal` target, the embedded default: a D365 dry run. The bridge's own ledger is the
// system of record: it records the D365 messages the canonical events would make (what a plant
// reads before switching D365 on) and the order events an MES would get, each delivered the moment it is committed, so `npm start`
// works with no ERP. Its journal names are D365's setting (D365_JOURNAL_NAMES); the older
// TRANSLATION.journalNames still works as an alias (read in d365-target.ts, not here).
import { canonicalKinds, isProductionEvent } from '../../core/canonical-events.js';
import type { TargetDefinition } from '../target.js';
import { d365Messages } from '../d365/d365-target.js';
import { messageOptionsFrom, type MessageOptions } from '../d365/message-options.js';

export const journalTarget: TargetDefinition<MessageOptions> = {
  name: 'journal',
  label: 'Journal (the ledger)',
  settings: (env) => messageOptionsFrom(env),
  create: (options) => {
    const d365 = d365Messages(options);
    return {
      ...d365,
      // Production events as the D365 messages they would be; order events (ERP -> MES) as they are.
      takes: canonicalKinds,
      build: (event, origin) => (isProductionEvent(event) ? d365.build(event, origin) : [{ messageType: event.kind, content: { ...event } }]),
      connector: { deliversOnCommit: true, timeoutMs: 0, send: async () => ({ outcome: 'delivered' as const }) },
    };
  },
};

