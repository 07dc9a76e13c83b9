// The embedded default: the bridge's own ledger is the system of record. It records the D365
// messages the events would make (a dry run a plant can read before switching D365 on), each
// delivered the moment it is committed with its event, so `npm start` works with no ERP.
import type { TargetDefinition } from '../target.js';
import { d365Messages, journalNamesFrom } from '../d365/d365-target.js';
import type { JournalNames } from '../d365/message-builders.js';

export const journalTarget: TargetDefinition<JournalNames> = {
  name: 'journal',
  label: 'Journal (the ledger)',
  settings: (env) => journalNamesFrom(env),
  create: (journalNames) => ({
    ...d365Messages(journalNames),
    connector: { deliversOnCommit: true, timeoutMs: 0, send: async () => ({ outcome: 'delivered' }) },
  }),
};
