// The VIF MO API answers a broken rule with a 400 and no body, so the bridge checks the rules it
// can check itself (seed 004, "Rules") before sending, and says in words which one a message
// breaks. The rules that need what only VIF knows (its lines, items, units, the MO's state) are
// named as the likely causes when VIF refuses anyway.
import { z } from 'zod';

export const UPSERT_MO = 'UpsertMo';
export const DISABLE_MO = 'DisableMo';

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/;
const states = ['AWAITING', 'IN_PROGRESS', 'FINISHED', 'SUSPENDED'];
const text = z.string().trim().min(1, { error: 'is required' });
const dateTime = z.string().regex(DATE_TIME, { error: 'is not an ISO-8601 date-time' }).optional();

const moSchema = z.looseObject({
  companyCode: text,
  establishmentCode: text,
  moNb: z.string(),
  lineCode: text,
  itemCode: text,
  quantity: z.number({ error: 'is required (a number)' }).finite(),
  unitCode: text,
  plannedBeginDateTime: dateTime,
  plannedEndDateTime: dateTime,
});

/** Why a moNb breaks R1, as it does: too long, other characters, or both. */
function whyNot(moNb: string): string {
  const others = /[^A-Za-z0-9]/.test(moNb);
  if (!moNb.length) return 'it is empty';
  if (moNb.length > 12) return `it has ${moNb.length} characters${others ? ', some of them neither letters nor digits' : ''}, so it needs a shorter number in VIF`;
  return 'it has characters that are neither letters nor digits, so it needs another number in VIF';
}

/** What is wrong with an MO body before VIF sees it, each naming the rule (empty when none). */
export function moProblems(content: unknown): string[] {
  const parsed = moSchema.safeParse(content);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || 'the MO'} ${i.message}`);
  const mo = parsed.data;
  const problems: string[] = [];
  if (!/^[A-Za-z0-9]{1,12}$/.test(mo.moNb)) problems.push(`R1: moNb "${mo.moNb}" must be 1 to 12 letters or digits (VIF's rule); ${whyNot(mo.moNb)} — edit moNb`);
  if (!(mo.quantity > 0)) problems.push(`R6: quantity ${mo.quantity} must be greater than 0`);
  const [begin, end] = [mo.plannedBeginDateTime, mo.plannedEndDateTime];
  if (begin === undefined && end === undefined) problems.push('R8: a planned begin or end date-time is required (plannedBeginDateTime or plannedEndDateTime); the order has no scheduled dates in D365');
  if (begin !== undefined && end !== undefined && !(Date.parse(begin) < Date.parse(end))) problems.push(`R8: plannedBeginDateTime ${begin} must be before plannedEndDateTime ${end}`);
  const seq = (mo as Record<string, unknown>).seqNumberInDay;
  if (seq != null && !(Number.isInteger(seq) && (seq as number) > 0)) problems.push(`R13: seqNumberInDay ${JSON.stringify(seq)} must be a positive whole number`);
  const state = (mo as Record<string, unknown>).state;
  if (state != null && !states.includes(String(state))) problems.push(`R15: state ${JSON.stringify(state)} must be one of ${states.join(', ')}`);
  return problems;
}

const disableSchema = z.strictObject({ moNb: text });

export function disableProblems(content: unknown): string[] {
  const parsed = disableSchema.safeParse(content);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'the message'} ${i.message}`);
}

/** VIF's bodiless 400 to a create or update: the rules the bridge could not check. */
export const upsertRefusedHint =
  'VIF refused the MO (HTTP 400, no reason given). Likely causes, the rules the bridge cannot check: R2 the line (lineCode) is not a production line of this company and establishment (VIF_LINE_CODE, VIF_LINES); R3 no configuration of the line makes the item; R4 the item (itemCode) is not a production item in VIF; R7 the unit (unitCode) does not exist or does not convert to the line\'s cadency unit (VIF_UNIT_CODE, VIF_ITEM_UNITS). Fix it in VIF or edit the posting, then retry.';

/** VIF's bodiless 400 to a delete. */
export const disableRefusedHint =
  'VIF refused to disable the MO (HTTP 400, no reason given). Likely causes: R18 the MO has been started on the floor and can\'t be deleted; R14 VIF has no MO with this number. Close it in VIF, then cancel this posting.';
