// Sends MO postings to VIF. Before any call the MO is checked against the rules the bridge can
// check (mo-rules.ts): a broken one fails permanently, naming the rule, and nothing is sent. A
// create or update looks the MO up first: unchanged -> nothing to send (a repeat, or the catch-up
// poll, never touches it); started or split -> R1 says it can't be updated. A disable is sent only
// to an MO still AWAITING; a started one is recorded (R18), as D365 ending an order VIF is making
// is VIF's to finish.
import type { Connector, SendResult } from '../connector.js';
import { disableProblems, disableRefusedHint, moProblems, upsertRefusedHint, UPSERT_MO } from './mo-rules.js';
import { moFields } from './mo-of-order.js';
import type { VifClient, VifMo } from './vif-client.js';

type Failure = Exclude<SendResult, { outcome: 'delivered' }>;
const refused = (problems: string[], what: string): Failure => ({ outcome: 'permanent', error: `The MO was not sent to VIF: ${problems.join('; ')}. Edit the posting (${what}) and retry, or cancel it.` });

// Remembered by the bridge (mes_orders), so the order page shows the MO as created in the MES.
// An MO shows no id of its own in VIF's API; the moNb is its code there.
const made = (moNb: string, ...shown: (VifMo | undefined)[]) => {
  const id = shown.map((mo) => mo?.id).find((v) => typeof v === 'string' || typeof v === 'number');
  return { id: id === undefined ? moNb : String(id), number: moNb };
};

const same = (a: unknown, b: unknown, field: string) => (field.startsWith('planned') && typeof a === 'string' && typeof b === 'string' ? Date.parse(a) === Date.parse(b) : a === b);

export function vifConnector(client: VifClient, timeoutMs: number): Connector {
  async function upsert(mo: Record<string, unknown>): Promise<SendResult> {
    const problems = moProblems(mo);
    if (problems.length) return refused(problems, 'its content');
    const moNb = String(mo.moNb);
    const found = await client.get(moNb);
    if (!found.ok) return { ...found.failure, error: `looking up MO ${moNb} in VIF: ${found.failure.error ?? `HTTP ${found.status}`}` };
    const existing: VifMo | undefined = found.mo;
    if (existing && moFields.every((f) => same(existing[f], mo[f], f))) {
      return { outcome: 'delivered', status: 200, response: JSON.stringify({ moNb, state: existing.state, existed: true, unchanged: true }), mesOrder: made(moNb, existing) };
    }
    if (existing && existing.state !== undefined && existing.state !== 'AWAITING') {
      return refused([`R1: MO ${moNb} is ${existing.state} in VIF, and a started MO can't be updated (the changed order in D365 is not on the floor's MO)`], 'or change the MO in VIF');
    }
    if (existing && Array.isArray(existing.childMos) && existing.childMos.length) {
      return refused([`R1: MO ${moNb} has been split in VIF's scheduling, and a split MO can't be updated`], 'or change the MO in VIF');
    }
    const sent = await client.upsert(mo);
    if (!sent.ok) return sent.status === 400 ? { ...sent.failure, error: `${upsertRefusedHint} (MO ${moNb})` } : { ...sent.failure, error: `sending MO ${moNb} to VIF: ${sent.failure.error ?? `HTTP ${sent.status}`}` };
    const shown = (sent.body ?? {}) as VifMo;
    return { outcome: 'delivered', status: sent.status, response: JSON.stringify({ moNb, state: shown.state, ...(existing ? { updated: true } : { created: true }) }), mesOrder: made(moNb, shown, existing) };
  }

  async function disable(moNb: string): Promise<SendResult> {
    const found = await client.get(moNb);
    if (!found.ok) return { ...found.failure, error: `looking up MO ${moNb} in VIF: ${found.failure.error ?? `HTTP ${found.status}`}` };
    if (!found.mo) return { outcome: 'delivered', status: 404, response: `VIF has no MO ${moNb} (never made, or disabled already): nothing to disable` };
    if (found.mo.state !== undefined && found.mo.state !== 'AWAITING') {
      return { outcome: 'delivered', status: 200, response: `recorded, not disabled: MO ${moNb} is ${found.mo.state} in VIF, and a started MO can't be deleted (R18); finish or stop it in VIF by hand` };
    }
    const sent = await client.disable(moNb);
    if (!sent.ok) return sent.status === 400 ? { ...sent.failure, error: `${disableRefusedHint} (MO ${moNb})` } : { ...sent.failure, error: `disabling MO ${moNb} in VIF: ${sent.failure.error ?? `HTTP ${sent.status}`}` };
    return { outcome: 'delivered', status: sent.status, response: `MO ${moNb} disabled in VIF` };
  }

  return {
    deliversOnCommit: false,
    timeoutMs: timeoutMs * 2, // a look-up, then the change
    async send(posting) {
      let content: unknown;
      try {
        content = JSON.parse(posting.content);
      } catch {
        return { outcome: 'permanent', error: 'the posting\'s content is not JSON' };
      }
      if (posting.messageType === UPSERT_MO) return upsert(content as Record<string, unknown>);
      const problems = disableProblems(content);
      if (problems.length) return refused(problems, 'its content');
      return disable((content as { moNb: string }).moNb);
    },
  };
}
