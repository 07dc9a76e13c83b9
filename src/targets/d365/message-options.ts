// How the bridge fills in D365's messages beyond what the event says, from D365_* settings:
// the journal names, and the automatic consumption rules. The rules matter to a cost accountant:
// left to D365's defaults, material the MES already reported on a picking list can be flushed a
// second time when the order is started or reported as finished (docs/targets.md explains which
// flushing principle to give the items the MES reports).
import { z } from 'zod';
import { ConfigError, parseJsonSetting, zodProblems, type Env } from '../../config/settings-toolkit.js';

export interface JournalNames {
  pickingList?: string;
  routeCard?: string;
  reportFinished?: string;
}

export type BomConsumption = 'FlushingPrincip' | 'Always' | 'Never';
export type RouteConsumption = 'RouteDependent' | 'Always' | 'Never';

export interface MessageOptions {
  journalNames: JournalNames;
  /** AutomaticBOMConsumptionRule on Start and report-as-finished. */
  bomConsumption: BomConsumption;
  /** AutomaticRouteConsumptionRule on report-as-finished. */
  routeConsumption: RouteConsumption;
  /** The route card's BOMConsumption: Yes only when D365 is to consume the BOM on every report (Always). */
  routeCardBomConsumption: 'Yes' | 'No';
}

const bom = z.enum(['FlushingPrincip', 'Always', 'Never'], { error: 'must be FlushingPrincip, Always or Never' });
const route = z.enum(['RouteDependent', 'Always', 'Never'], { error: 'must be RouteDependent, Always or Never' });

const journalNamesSchema = z.strictObject({
  pickingList: z.string().min(1).optional(),
  routeCard: z.string().min(1).optional(),
  reportFinished: z.string().min(1).optional(),
});

export function messageOptionsFrom(env: Env): MessageOptions {
  const b = bom.safeParse(env.D365_AUTOMATIC_BOM_CONSUMPTION?.trim() || 'FlushingPrincip');
  const r = route.safeParse(env.D365_AUTOMATIC_ROUTE_CONSUMPTION?.trim() || 'RouteDependent');
  const problems = [
    ...(b.success ? [] : zodProblems(b.error, 'D365_AUTOMATIC_BOM_CONSUMPTION')),
    ...(r.success ? [] : zodProblems(r.error, 'D365_AUTOMATIC_ROUTE_CONSUMPTION')),
  ];
  if (problems.length || !b.success || !r.success) throw new ConfigError(problems);
  return { journalNames: journalNamesFrom(env), bomConsumption: b.data, routeConsumption: r.data, routeCardBomConsumption: b.data === 'Always' ? 'Yes' : 'No' };
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
