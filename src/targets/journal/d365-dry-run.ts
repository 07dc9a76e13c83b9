// The `journal` target, the embedded default: a D365 dry run. The bridge's own ledger is the
// system of record: it records the D365 messages the canonical events would make (what a plant
// reads before switching D365 on), each delivered the moment it is committed, so `npm start`
// works with no ERP. Its journal names are D365's setting (D365_JOURNAL_NAMES); the older
// TRANSLATION.journalNames still works as an alias (read in d365-target.ts, not here).
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
