// How the bridge fills in D365's messages beyond what the event says, from D365_* settings:
// the journal names, and the automatic consumption rules. The rules matter to a cost accountant:
// left to D365's defaults, material the MES already reported on a picking list can be flushed a
// second time when the order is started or reported as finished (docs/targets.md explains which
// flushing principle to give the items the MES reports).
import { z } from 'zod';
import { ConfigError, parseJsonSetting, zodProblems, type Env } from '../../config/settings-toolkit.js';
import { messageVersions, type MessageVersion } from './message-versions.js';

export interface JournalNames {
  pickingList?: string;
  routeCard?: string;
  reportFinished?: string;
}

export type BomConsumption = 'FlushingPrincip' | 'Always' | 'Never';
export type RouteConsumption = 'RouteDependent' | 'Always' | 'Never';

export interface MessageOptions {
  /** Whose field tables the messages follow (D365_MESSAGE_VERSION): 2024, or 2022's older journal-name fields. */
  version: MessageVersion;
  journalNames: JournalNames;
  /** AutomaticBOMConsumptionRule on Start and report-as-finished. */
  bomConsumption: BomConsumption;
  /** AutomaticRouteConsumptionRule on report-as-finished. */
  routeConsumption: RouteConsumption;
  /** The route card's BOMConsumption: Yes only when D365 is to consume the BOM on every report (Always). */
  routeCardBomConsumption: 'Yes' | 'No';
  /**
   * MES user -> D365 personnel number (D365_WORKER_MAP). `Worker` must be a personnel number: an
   * MES login such as "jsmith" is never sent as one; an unmapped user is left out (and told once).
   */
  workers: ReadonlyMap<string, string>;
  /** MES unit -> D365 unit symbol for picking lists' BOMUnitSymbol (D365_UNIT_MAP); unmapped: left out, D365 books in the BOM line's unit. */
  units: ReadonlyMap<string, string>;
  /** D365's ErrorCause for error (scrap) quantities (D365_ERROR_CAUSE); D365 requires a cause for scrap it costs. */
  errorCause: string;
}

const unitMap = z.record(z.string().min(1), z.string().trim().min(1, { error: 'must be a D365 unit symbol' }).max(10, { error: 'must be at most 10 characters (a D365 unit symbol)' }));

/** D365_WORKER_MAP: a JSON object; on Node a CSV file's path also works (node-config reads it into JSON). */
const workerMap = z.record(z.string().min(1), z.string().trim().min(1, { error: 'must be a personnel number' }).max(25, { error: 'must be at most 25 characters (a D365 personnel number)' }));

const bom = z.enum(['FlushingPrincip', 'Always', 'Never'], { error: 'must be FlushingPrincip, Always or Never' });
const route = z.enum(['RouteDependent', 'Always', 'Never'], { error: 'must be RouteDependent, Always or Never' });

const version = z.enum(messageVersions);

const journalNamesSchema = z.strictObject({
  pickingList: z.string().min(1).optional(),
  routeCard: z.string().min(1).optional(),
  reportFinished: z.string().min(1).optional(),
});

export function messageOptionsFrom(env: Env): MessageOptions {
  const b = bom.safeParse(env.D365_AUTOMATIC_BOM_CONSUMPTION?.trim() || 'FlushingPrincip');
  const r = route.safeParse(env.D365_AUTOMATIC_ROUTE_CONSUMPTION?.trim() || 'RouteDependent');
  const v = version.safeParse(env.D365_MESSAGE_VERSION?.trim() || '2024');
  const w = workerMap.safeParse(parseJsonSetting('D365_WORKER_MAP', env.D365_WORKER_MAP));
  const u = unitMap.safeParse(parseJsonSetting('D365_UNIT_MAP', env.D365_UNIT_MAP));
  const problems = [
    ...(b.success ? [] : zodProblems(b.error, 'D365_AUTOMATIC_BOM_CONSUMPTION')),
    ...(r.success ? [] : zodProblems(r.error, 'D365_AUTOMATIC_ROUTE_CONSUMPTION')),
    ...(v.success ? [] : [`D365_MESSAGE_VERSION: must be ${messageVersions.join(' or ')} (the year of the D365 field tables the messages follow), not ${JSON.stringify(env.D365_MESSAGE_VERSION)}`]),
    ...(w.success ? [] : zodProblems(w.error, 'D365_WORKER_MAP.')),
    ...(u.success ? [] : zodProblems(u.error, 'D365_UNIT_MAP.')),
  ];
  if (problems.length || !b.success || !r.success || !v.success || !w.success || !u.success) throw new ConfigError(problems);
  return {
    version: v.data,
    journalNames: journalNamesFrom(env),
    bomConsumption: b.data,
    routeConsumption: r.data,
    routeCardBomConsumption: b.data === 'Always' ? 'Yes' : 'No',
    workers: new Map(Object.entries(w.data)),
    units: new Map(Object.entries(u.data)),
    // D365's ErrorCause enum (None, Material, Machine, OperatingStaff) is extensible per plant.
    errorCause: env.D365_ERROR_CAUSE?.trim() || 'Material',
  };
}

/**
 * Journal names: D365_JOURNAL_NAMES, or where earlier versions kept them (TRANSLATION.journalNames).
 * TRANSLATION itself is the Next Plus source's setting, checked and reported by it; here it is
 * only read from when it makes sense.
 */
function journalNamesFrom(env: Env): JournalNames {
  const own = env.D365_JOURNAL_NAMES?.trim();
  if (own) {
    const parsed = journalNamesSchema.safeParse(parseJsonSetting('D365_JOURNAL_NAMES', own));
    if (!parsed.success) throw new ConfigError(zodProblems(parsed.error, 'D365_JOURNAL_NAMES.'));
    return parsed.data;
  }
  let legacy: unknown;
  try {
    legacy = parseJsonSetting('TRANSLATION', env.TRANSLATION).journalNames;
  } catch {
    return {}; // TRANSLATION's own problems are named by the Next Plus source, which reads it
  }
  const parsed = journalNamesSchema.safeParse(legacy ?? {});
  return parsed.success ? parsed.data : {};
}
