// The rules of the VIF-style MO API (seed 004, "Rules" R1..R24) that a body can break on its own
// or against what the MES knows (lines, items, units, criteria). R1's "started / split MO can't be
// updated" and R18 need the stored MO: fake-vif.ts checks those. Each check names the rule, so a
// test can see which one the bodiless 400 stood for.
//
// Published (seed 004): the MO fields and their types, R1..R24 as worded there. ASSUMED: what
// "exists" means (the catalog below, configured by the test); that a missing or mistyped required
// field is a 400 ('schema', Bean Validation style); that unknown fields are ignored; that R13's
// "positive" excludes 0; that R17's quantities are >= 0; that a date-time may omit its offset.
export interface VifCatalog {
  /** Production lines (R2): each with its cadency unit (R7) and, optionally, configurations -> items they produce (R3). */
  lines: Record<string, { cadencyUnit: string; configurations?: Record<string, string[]> }>;
  /** Production items (R4). */
  items: string[];
  /** Units that exist (R7). */
  units: string[];
  /** Unit conversions, either way round (R7). */
  conversions: [string, string][];
  /** Header criteria (R9..R24): code -> type (and, for text, the values that exist). */
  criteria: Record<string, { type: 'string' | 'date' | 'numeric' | 'integer' | 'logical'; values?: string[] }>;
}

export const defaultCatalog = (): VifCatalog => ({ lines: { LINE1: { cadencyUnit: 'PCS' } }, items: ['D0001'], units: ['PCS'], conversions: [], criteria: {} });

export const moStates = ['AWAITING', 'IN_PROGRESS', 'FINISHED', 'SUSPENDED'] as const;
export type MoState = (typeof moStates)[number];

export interface Broken {
  /** 'schema' (a required field missing or of the wrong type), or the seed's rule: 'R1', 'R2'... */
  rule: string;
  detail: string;
}

type Body = Record<string, unknown>;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/;
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The first rule a create-or-update body breaks, or undefined. */
export function brokenRule(body: Body, catalog: VifCatalog): Broken | undefined {
  const broken = (rule: string, detail: string) => ({ rule, detail });
  for (const f of ['companyCode', 'establishmentCode', 'lineCode', 'itemCode', 'unitCode']) if (!isText(body[f])) return broken('schema', `${f} is required (a string)`);
  if (!isNumber(body.quantity)) return broken('schema', 'quantity is required (a number)');
  for (const f of ['moNb', 'lineConfigurationCode', 'batchCode', 'descriptionComment', 'state']) if (body[f] !== undefined && body[f] !== null && typeof body[f] !== 'string') return broken('schema', `${f} is not a string`);
  for (const f of ['plannedBeginDateTime', 'plannedEndDateTime', 'realBeginDate', 'realEndDate']) if (body[f] != null && !(typeof body[f] === 'string' && DATE_TIME.test(body[f]) && !Number.isNaN(Date.parse(body[f])))) return broken('schema', `${f} is not an ISO-8601 date-time`);
  for (const f of ['seqNumberInDay', 'quantityDone', 'quantityFinal']) if (body[f] != null && !isNumber(body[f])) return broken('schema', `${f} is not a number`);
  if (body.moNb != null && !/^[A-Za-z0-9]{1,12}$/.test(String(body.moNb))) return broken('R1', `moNb ${JSON.stringify(body.moNb)} is not 1 to 12 letters or digits`);
  const line = catalog.lines[String(body.lineCode)];
  if (!line) return broken('R2', `no production line ${String(body.lineCode)}`);
  const configs = line.configurations;
  if (body.lineConfigurationCode != null) {
    if (!configs?.[String(body.lineConfigurationCode)]) return broken('R3', `${String(body.lineConfigurationCode)} is not a configuration of ${String(body.lineCode)}`);
  } else if (configs && !Object.values(configs).some((items) => items.includes(String(body.itemCode)))) {
    return broken('R3', `no configuration of ${String(body.lineCode)} produces ${String(body.itemCode)}`);
  }
  if (!catalog.items.includes(String(body.itemCode))) return broken('R4', `no production item ${String(body.itemCode)}`);
  if (body.quantity <= 0) return broken('R6', `quantity ${body.quantity} is not greater than 0`);
  const unit = String(body.unitCode);
  const converts = unit === line.cadencyUnit || catalog.conversions.some(([a, b]) => (a === unit && b === line.cadencyUnit) || (b === unit && a === line.cadencyUnit));
  if (!catalog.units.includes(unit) || !converts) return broken('R7', `unit ${unit} does not exist or does not convert to ${body.lineCode}'s cadency unit ${line.cadencyUnit}`);
  const [begin, end] = [body.plannedBeginDateTime, body.plannedEndDateTime] as (string | null | undefined)[];
  if (begin == null && end == null) return broken('R8', 'neither plannedBeginDateTime nor plannedEndDateTime is set');
  if (begin != null && end != null && !(Date.parse(begin) < Date.parse(end))) return broken('R8', `plannedBeginDateTime ${begin} is not before plannedEndDateTime ${end}`);
  const criteriaProblem = criteriaRule(body.moHeaderCriterionValues, catalog);
  if (criteriaProblem) return criteriaProblem;
  if (body.seqNumberInDay != null && !(Number.isInteger(body.seqNumberInDay) && (body.seqNumberInDay as number) > 0)) return broken('R13', `seqNumberInDay ${String(body.seqNumberInDay)} is not a positive integer`);
  if (body.state != null && !(moStates as readonly unknown[]).includes(body.state)) return broken('R15', `state ${String(body.state)} is not one of ${moStates.join(', ')}`);
  if (body.childMos != null && !(Array.isArray(body.childMos) && body.childMos.every(Number.isInteger))) return broken('R16', 'childMos is not a list of integers');
  for (const f of ['quantityDone', 'quantityFinal']) if (body[f] != null && (body[f] as number) < 0) return broken('R17', `${f} is negative`);
  return undefined;
}

function criteriaRule(values: unknown, catalog: VifCatalog): Broken | undefined {
  if (values == null) return undefined;
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'object' && v !== null)) return { rule: 'schema', detail: 'moHeaderCriterionValues is not a list of objects' };
  for (const v of values as Body[]) {
    const criterion = catalog.criteria[String(v.criterionCode)];
    if (!criterion) continue; // R9: ignored
    if (v.dataEntryMode != null && !['UNI', 'BOR', 'LIS'].includes(String(v.dataEntryMode))) return { rule: 'R10', detail: `dataEntryMode ${String(v.dataEntryMode)} is not UNI, BOR or LIS` };
    if ((v.dataEntryMode ?? 'UNI') !== 'UNI') continue; // R10: only UNI is handled
    const min = v.minValue;
    if (typeof min !== 'string' || min === '') return { rule: 'R11', detail: `criterion ${String(v.criterionCode)} needs a minValue` };
    const ok = {
      string: () => /^[\w .-]*$/.test(min) && (!criterion.values || criterion.values.includes(min)),
      date: () => /^\d{4}-\d\d-\d\d$/.test(min) && !Number.isNaN(Date.parse(min)),
      numeric: () => /^-?\d+(\.\d+)?$/.test(min),
      integer: () => /^-?\d+$/.test(min),
      logical: () => min === 'true' || min === 'false',
    }[criterion.type];
    const rule = { string: 'R19', date: 'R20', numeric: 'R21', integer: 'R23', logical: 'R24' }[criterion.type];
    if (!ok()) return { rule, detail: `minValue ${min} does not fit criterion ${String(v.criterionCode)} (${criterion.type})` };
  }
  return undefined;
}
