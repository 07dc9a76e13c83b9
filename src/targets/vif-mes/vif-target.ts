// A VIF-style MES as a target of order sync (ERP -> MES): each issued D365 order becomes one
// manufacturing order (MO) numbered with the D365 order number; D365 ending or withdrawing the
// order (reset before Released, or deleted) disables the MO while VIF still has it AWAITING
// (recorded otherwise: R18, a started MO can't be deleted). VIF's own progress comes back
// through the vif source (src/sources/vif/), which polls the MOs this target made.
import { conflict } from '../../core/domain-errors.js';
import type { TargetDefinition } from '../target.js';
import { DISABLE_MO, disableProblems, moProblems, UPSERT_MO } from './mo-rules.js';
import { moOf } from './mo-of-order.js';
import { VifClient } from './vif-client.js';
import { vifConnector } from './vif-connector.js';
import { vifSettings, type VifSettings } from './vif-settings.js';

export const vifTarget: TargetDefinition<VifSettings> = {
  name: 'vif',
  label: 'VIF (manufacturing orders)',
  settings: (env) => vifSettings(env),
  create(s, runtime) {
    const client = new VifClient(s, { fetch: runtime.fetch, now: () => runtime.clock.now() });
    return {
      takes: ['order-issued', 'order-status-changed'],
      build(event) {
        if (event.kind === 'order-issued') return [{ messageType: UPSERT_MO, content: moOf(event, s) }];
        if (event.kind === 'order-status-changed' && (event.status === 'ended' || event.status === 'withdrawn')) return [{ messageType: DISABLE_MO, content: { moNb: event.productionOrder } }];
        return []; // started in D365: VIF starts an MO on the floor, the API has no start
      },
      reverse: () => {
        throw conflict('An MO the bridge sent to VIF is not taken back automatically: disable it in VIF.');
      },
      check: (type, content) => (type === UPSERT_MO ? moProblems(content) : type === DISABLE_MO ? disableProblems(content) : [`${type} is not a VIF message (${UPSERT_MO} or ${DISABLE_MO})`]),
      connector: vifConnector(client, s.timeoutMs),
    };
  },
};
