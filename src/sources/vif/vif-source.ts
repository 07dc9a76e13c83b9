// VIF as a source again (MES -> ERP): VIF has no webhooks, so the bridge polls the MOs it made
// (vif-poll.ts, run with the dispatcher) and feeds each change it sees through this integration,
// the same pipeline as any MES's webhook: a delivery in the ledger, keyed by the change, posted
// to the ERP targets (D365: ProdProductionOrderStart, ReportFinished, End). Switched on by
// ORDER_SYNC naming vif. Its URL also takes a change posted by hand or by another tool.
import type { SourceDefinition } from '../source.js';
import { interpretProgress, moProgressSchema, progressKey, type MoProgress } from './mo-progress.js';

export const vifSource: SourceDefinition<Record<string, never>> = {
  name: 'vif',
  label: 'VIF',
  labelPrefix: 'VIF',
  switchedOn: (env) => (env.ORDER_SYNC ?? '').toLowerCase().split(',').map((s) => s.trim()).includes('vif'),
  offHint: 'set ORDER_SYNC to vif or nextplus,vif: the bridge then polls the MOs it made in VIF',
  settings: () => ({}),
  create: () => ({
    answer: (id) => ({ id }),
    connectHint: 'Nothing to set up in VIF: the bridge polls each MO it made (VIF_POLL_SECONDS) and records what changed here',
    testHint: 'Add ?test=1 to check a change without acting on it.',
    integrations: [
      {
        name: 'mo-progress',
        label: 'MO progress',
        idPrefix: 'VIF',
        schema: moProgressSchema,
        keyOf: (p: MoProgress) => progressKey(p),
        notAccepted: (problems) => `The VIF MO progress is not one the bridge can read: ${problems}. Nothing was done.`,
        // The change as the verb, so the console's list tells started, produced and finished apart.
        summarize: (p: MoProgress) => ({ eventType: p.change, productionOrder: p.productionOrder, workorderNumber: p.moNb, sku: p.item }),
        fingerprintWindowMs: 0,
        interpret: (p: MoProgress, ctx) => interpretProgress(p, ctx.date),
      },
    ],
  }),
};
