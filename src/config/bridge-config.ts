// Configuration shared by both runtimes, read from environment-style strings (process.env on
// Node, [vars] and secrets on Workers) and checked once at start. The core's own settings are
// here; each enabled source and target then checks its own (their folders), so a bad value
// anywhere stops the bridge with one sentence per setting.
import { z } from 'zod';
import { isValidTimeZone } from '../core/plant-date.js';
import { parseWorkingHours, type WorkingHours } from '../core/working-hours.js';
import { sourceDefinitions } from '../sources/registry.js';
import { identityOf } from '../sources/build-source.js';
import type { SourceDefinition, SourceIdentity } from '../sources/source.js';
import { mesTargetDefinitions, orderReaderDefinition, targetDefinitions } from '../targets/registry.js';
import type { TargetDefinition } from '../targets/target.js';
import { ConfigError, flag, nameList, parseEnv, wholeNumber, type Env } from './settings-toolkit.js';

export { ConfigError, withoutBlanks, zodProblems } from './settings-toolkit.js';

/** Every source and target the bridge can use: the registries, or (in a test) others. */
export interface Registry {
  sources: readonly SourceDefinition[];
  targets: readonly TargetDefinition<any>[];
}

const registry: Registry = { sources: sourceDefinitions, targets: targetDefinitions };

const token = z.string().trim().min(16, { error: 'must be at least 16 characters (use a long random value)' });

const bridgeEnvSchemaFor = (sourceNames: string[], targetNames: string[]) => z.object({
  // It rides in the URL the MES calls: '+', '/', '&' and the like would be mangled there.
  INGEST_TOKEN: token
    .regex(/^[A-Za-z0-9._~-]+$/, { error: 'may only hold letters, digits and - _ . ~ (it goes into a URL; try openssl rand -hex 16)' })
    .optional(),
  ADMIN_TOKEN: token.optional(),
  METRICS_TOKEN: token.optional(),
  SOURCES: nameList(sourceNames).default(sourceNames),
  ERP_TARGETS: nameList(targetNames).optional(),
  /** The single-target setting of earlier versions; ERP_TARGETS replaces it. */
  ERP_CONNECTOR: z.enum(targetNames as [string, ...string[]], { error: `must be one of ${targetNames.join(', ')}` }).optional(),
  /** ERP -> MES order sync: off, or the MES targets released D365 orders go to. */
  ORDER_SYNC: z
    .string()
    .default('off')
    .transform((v) => (v.trim().toLowerCase() === 'off' ? [] : [...new Set(v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))]))
    .refine((names) => names.every((n) => ['nextplus', 'vif'].includes(n)), { error: 'must be off, nextplus, vif or nextplus,vif' }),
  DELIVERY_MODE: z.enum(['queued', 'sync'], { error: 'must be queued or sync' }).default('queued'),
  SYNC_TIMEOUT_MS: wholeNumber(100, 120_000).default(10_000),
  DISPATCH_INTERVAL_MS: wholeNumber(50, 3_600_000).default(1_000),
  DISPATCH_CONCURRENCY: wholeNumber(1, 64).default(4),
  // Unset: each target may use all slots but one per other target (a hung one can't take all).
  DISPATCH_CONCURRENCY_PER_TARGET: wholeNumber(1, 64).optional(),
  // 0 = no limit. On Workers each send costs ~3 subrequests; the Free plan allows 50 per run.
  DISPATCH_MAX_SENDS_PER_RUN: wholeNumber(0, 100_000).default(0),
  RETRY_BASE_MS: wholeNumber(10, 3_600_000).default(2_000),
  RETRY_MAX_MS: wholeNumber(10, 86_400_000).default(15 * 60_000),
  RETRY_HORIZON_MS: wholeNumber(0, 30 * 86_400_000).default(24 * 3_600_000),
  DEDUPE_WINDOW_SECONDS: wholeNumber(0, 86_400).default(60),
  MAX_BODY_BYTES: wholeNumber(1024, 10 * 1024 * 1024).default(1024 * 1024),
  /** Bytes of delivery bodies read and held at once, all requests together (503 past it). */
  MAX_BYTES_IN_FLIGHT: wholeNumber(1024, 4 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  PLANT_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin or America/Chicago' }),
  PUBLIC_URL: z.url({ error: 'must be a full URL such as https://bridge.example.com' }).optional(),
  LOG_REQUESTS: flag.default(true),
  ALERT_WEBHOOK_URL: z.url({ error: 'must be a full URL such as https://hooks.slack.com/services/…' }).optional(),
  ALERT_HELD_MINUTES: wholeNumber(1, 7 * 24 * 60).default(30),
  // Decimals allowed: a plant may want to hear of a down ERP within 30 s (0.5).
  ALERT_FAILING_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .min(0.1, { error: 'must be at least 0.1 (6 s)' })
    .max(7 * 24 * 60, { error: 'must be at most 10080 (a week)' })
    .default(15),
  ALERT_QUIET_MINUTES: wholeNumber(0, 7 * 24 * 60).default(60),
  ALERT_QUIET_HOURS: z
    .string()
    .transform((text, ctx) => {
      try {
        return parseWorkingHours(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  RETENTION_DAYS: wholeNumber(0, 36_500).default(90),
  /** Behind a reverse proxy: the client's address is the last X-Forwarded-For hop. */
  TRUST_PROXY: flag.default(false),
  /** Wrong tokens one address may send per minute before it gets 429. */
  AUTH_FAILURES_PER_MINUTE: wholeNumber(1, 100_000).default(30),
});

/** How postings are sent: DELIVERY_MODE and the DISPATCH_* / RETRY_* settings (names kept). */
interface DispatchConfig {
  mode: 'queued' | 'sync';
  syncTimeoutMs: number;
  intervalMs: number;
  concurrency: number;
  /** Sends to one target at once; undefined = derived (see the Dispatcher). */
  concurrencyPerTarget?: number;
  /** Sends per dispatcher run at most; undefined = no limit. */
  maxSendsPerRun?: number;
  retryBaseMs: number;
  retryMaxMs: number;
  retryHorizonMs: number;
}

/** A target that is switched on, with its checked settings (connected by compose.ts). */
/** An enabled source or target: its definition and its checked settings; compose.ts builds both. */
interface SourceConfig {
  definition: SourceDefinition;
  settings: unknown;
}
interface TargetConfig {
  definition: TargetDefinition<any>;
  settings: unknown;
}

export interface BridgeConfig {
  sources: SourceConfig[];
  /** Sources this build has but SOURCES switched off: their paths say so instead of a bare 404. */
  disabledSources: SourceIdentity[];
  targets: TargetConfig[];
  dispatch: DispatchConfig;
  /** How long an identical Next Plus body counts as a repeat (0 = never). */
  dedupeWindowMs: number;
  maxBodyBytes: number;
  maxBytesInFlight: number;
  plantTimeZone: string;
  /** The address the MES reaches the bridge at; used to print the URLs to paste. */
  publicUrl?: string;
  logRequests: boolean;
  /** Where alerts go, and after how long a held order is worth one. */
  alerts?: { webhookUrl: string; heldAfterMs: number };
  /** When a failing target and a quiet integration are announced (logged always, alerted with `alerts`). */
  watch: { failingAfterMs: number; quietAfterMs: number | null; quietHours?: WorkingHours };
  /** History older than this is purged; null = kept forever. */
  retentionMs: number | null;
  trustProxy: boolean;
  authFailuresPerMinute: number;
  /** Said at start: valid settings that are likely not what was meant. */
  warnings: string[];
}

type ParsedBridgeConfig = BridgeConfig & { ingestToken?: string; adminToken?: string; metricsToken?: string };

export function parseBridgeConfig(rawEnv: Env, { sources: sourceDefinitions, targets: targetDefinitions }: Registry = registry): ParsedBridgeConfig {
  const sourceNames = sourceDefinitions.map((s) => s.name);
  const targetNames = targetDefinitions.map((t) => t.name);
  const env = parseEnv(bridgeEnvSchemaFor(sourceNames, targetNames), rawEnv);
  const problems: string[] = [];
  const collect = <T>(build: () => T): T | undefined => {
    try {
      return build();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  };

  const enabledTargets = targetList(env.ERP_TARGETS, env.ERP_CONNECTOR, problems);
  // ERP -> MES: the order reader and the MES targets ORDER_SYNC names, after the ERP targets.
  const orderTargets = env.ORDER_SYNC.length ? [orderReaderDefinition, ...mesTargetDefinitions.filter((d) => env.ORDER_SYNC.includes(d.name))] : [];
  const targets = [...targetDefinitions.filter((d) => enabledTargets.includes(d.name)), ...orderTargets].map((definition) => ({
    definition,
    settings: collect(() => definition.settings(rawEnv)),
  }));
  const retentionMs = env.RETENTION_DAYS ? env.RETENTION_DAYS * 86_400_000 : null;
  const common = { dedupeWindowMs: env.DEDUPE_WINDOW_SECONDS * 1000, retentionMs };
  const isOn = (d: SourceDefinition) => env.SOURCES.includes(d.name) && (d.switchedOn?.(rawEnv) ?? true);
  const sources = sourceDefinitions
    .filter(isOn)
    .map((definition) => ({ definition, settings: collect(() => definition.settings(rawEnv, common)) }));
  if (env.SOURCES.length === 0) problems.push(`SOURCES: must name at least one of ${sourceNames.join(', ')}`);
  if (problems.length) throw new ConfigError(problems);

  return {
    ingestToken: env.INGEST_TOKEN,
    adminToken: env.ADMIN_TOKEN,
    metricsToken: env.METRICS_TOKEN,
    sources,
    disabledSources: sourceDefinitions.filter((d) => !isOn(d)).map(identityOf),
    targets,
    dispatch: {
      mode: env.DELIVERY_MODE,
      syncTimeoutMs: env.SYNC_TIMEOUT_MS,
      intervalMs: env.DISPATCH_INTERVAL_MS,
      concurrency: env.DISPATCH_CONCURRENCY,
      concurrencyPerTarget: env.DISPATCH_CONCURRENCY_PER_TARGET,
      maxSendsPerRun: env.DISPATCH_MAX_SENDS_PER_RUN || undefined,
      retryBaseMs: env.RETRY_BASE_MS,
      retryMaxMs: env.RETRY_MAX_MS,
      retryHorizonMs: env.RETRY_HORIZON_MS,
    },
    dedupeWindowMs: common.dedupeWindowMs,
    maxBodyBytes: env.MAX_BODY_BYTES,
    maxBytesInFlight: env.MAX_BYTES_IN_FLIGHT,
    plantTimeZone: env.PLANT_TIME_ZONE,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    logRequests: env.LOG_REQUESTS,
    alerts: env.ALERT_WEBHOOK_URL ? { webhookUrl: env.ALERT_WEBHOOK_URL, heldAfterMs: env.ALERT_HELD_MINUTES * 60_000 } : undefined,
    watch: {
      failingAfterMs: Math.round(env.ALERT_FAILING_MINUTES * 60_000),
      quietAfterMs: env.ALERT_QUIET_MINUTES ? env.ALERT_QUIET_MINUTES * 60_000 : null,
      quietHours: env.ALERT_QUIET_HOURS,
    },
    retentionMs,
    trustProxy: env.TRUST_PROXY,
    authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
    warnings: sources.flatMap(({ definition, settings }) => definition.warnings?.(settings, enabledTargets, rawEnv) ?? []),
  };
}


/** ERP_TARGETS, or the one ERP_CONNECTOR of earlier versions, or the journal. */
function targetList(targets: string[] | undefined, connector: string | undefined, problems: string[]): string[] {
  if (targets?.length && connector && !(targets.length === 1 && targets[0] === connector)) {
    problems.push(`ERP_CONNECTOR: is the older name of ERP_TARGETS; set only ERP_TARGETS (it says ${targets.join(',')}, ERP_CONNECTOR says ${connector})`);
  }
  if (targets?.length) return targets;
  return [connector ?? 'journal'];
}
