// Configuration shared by both runtimes, read from environment-style strings (process.env
// on Node, [vars] and secrets on Workers) and validated once at start with readable errors.
import { z } from 'zod';
import { isValidTimeZone } from '../translation/plant-date.js';
import { checkTranslationRules } from '../translation/translate.js';
import { resolveTranslationRules, type TranslationRules } from '../translation/translation-rules.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The bridge's configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

export const bridgeEnvSchema = z.object({
  // It rides in the URL Next Plus calls: '+', '/', '&' and the like would be mangled there.
  INGEST_TOKEN: z
    .string()
    .trim()
    .min(16, { error: 'must be at least 16 characters (use a long random value)' })
    .regex(/^[A-Za-z0-9._~-]+$/, { error: 'may only hold letters, digits and - _ . ~ (it goes into a URL; try openssl rand -hex 16)' })
    .optional(),
  ADMIN_TOKEN: z.string().trim().min(16, { error: 'must be at least 16 characters (use a long random value)' }).optional(),
  ERP_CONNECTOR: z.enum(['journal', 'd365'], { error: 'must be journal or d365' }).default('journal'),
  D365_URL: z.url({ error: 'must be the environment URL, such as https://contoso.operations.dynamics.com' }).optional(),
  D365_TENANT_ID: z.string().trim().optional(),
  D365_CLIENT_ID: z.string().trim().optional(),
  D365_CLIENT_SECRET: z.string().optional(),
  D365_COMPANY: z.string().trim().optional(),
  D365_TOKEN_URL: z.url({ error: 'must be a full URL' }).optional(),
  D365_TIMEOUT_MS: wholeNumber(1000, 300_000).default(30_000),
  DELIVERY_MODE: z.enum(['queued', 'sync'], { error: 'must be queued or sync' }).default('queued'),
  SYNC_TIMEOUT_MS: wholeNumber(100, 120_000).default(10_000),
  DISPATCH_INTERVAL_MS: wholeNumber(50, 3_600_000).default(1_000),
  DISPATCH_CONCURRENCY: wholeNumber(1, 64).default(4),
  // 0 = no limit. On Workers each send costs ~3 subrequests; the Free plan allows 50 per run.
  DISPATCH_MAX_SENDS_PER_RUN: wholeNumber(0, 100_000).default(0),
  RETRY_BASE_MS: wholeNumber(10, 3_600_000).default(2_000),
  RETRY_MAX_MS: wholeNumber(10, 86_400_000).default(15 * 60_000),
  RETRY_HORIZON_MS: wholeNumber(0, 30 * 86_400_000).default(24 * 3_600_000),
  DEDUPE_WINDOW_SECONDS: wholeNumber(0, 86_400).default(60),
  MAX_BODY_BYTES: wholeNumber(1024, 10 * 1024 * 1024).default(1024 * 1024),
  PLANT_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin or America/Chicago' }),
  TRANSLATION: z.string().optional(),
  PUBLIC_URL: z.url({ error: 'must be a full URL such as https://bridge.example.com' }).optional(),
  LOG_REQUESTS: flag.default(true),
  ALERT_WEBHOOK_URL: z.url({ error: 'must be a full URL such as https://hooks.slack.com/services/…' }).optional(),
  ALERT_HELD_MINUTES: wholeNumber(1, 7 * 24 * 60).default(30),
});

export interface D365Config {
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  company: string;
  tokenUrl?: string;
  timeoutMs: number;
}

export interface DeliveryConfig {
  mode: 'queued' | 'sync';
  syncTimeoutMs: number;
  intervalMs: number;
  concurrency: number;
  /** Sends per dispatcher run at most; undefined = no limit. */
  maxSendsPerRun?: number;
  retryBaseMs: number;
  retryMaxMs: number;
  retryHorizonMs: number;
}

export interface BridgeConfig {
  erpConnector: 'journal' | 'd365';
  /** Present when erpConnector is d365. */
  d365?: D365Config;
  delivery: DeliveryConfig;
  dedupeWindowMs: number;
  maxBodyBytes: number;
  plantTimeZone: string;
  translation: TranslationRules;
  /** The address Next Plus reaches the bridge at; used to print the URLs to paste. */
  publicUrl?: string;
  logRequests: boolean;
  /** Where alerts go, and after how long a held order is worth one. */
  alerts?: { webhookUrl: string; heldAfterMs: number };
}

type Env = Record<string, string | undefined>;

/** Empty strings count as unset: `FOO=` in a .env file should mean "use the default". */
export function withoutBlanks(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

export function zodProblems(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((i) => `${prefix}${i.path.join('.') || 'value'}: ${i.message}`);
}

export function parseBridgeConfig(
  rawEnv: Env,
  translationJson?: string,
): BridgeConfig & { ingestToken?: string; adminToken?: string } {
  const parsed = bridgeEnvSchema.safeParse(withoutBlanks(rawEnv));
  if (!parsed.success) throw new ConfigError(zodProblems(parsed.error));
  const env = parsed.data;
  const translation = parseTranslation(translationJson ?? env.TRANSLATION);
  return {
    ingestToken: env.INGEST_TOKEN,
    adminToken: env.ADMIN_TOKEN,
    erpConnector: env.ERP_CONNECTOR,
    d365: env.ERP_CONNECTOR === 'd365' ? d365Config(env) : undefined,
    delivery: {
      mode: env.DELIVERY_MODE,
      syncTimeoutMs: env.SYNC_TIMEOUT_MS,
      intervalMs: env.DISPATCH_INTERVAL_MS,
      concurrency: env.DISPATCH_CONCURRENCY,
      maxSendsPerRun: env.DISPATCH_MAX_SENDS_PER_RUN || undefined,
      retryBaseMs: env.RETRY_BASE_MS,
      retryMaxMs: env.RETRY_MAX_MS,
      retryHorizonMs: env.RETRY_HORIZON_MS,
    },
    dedupeWindowMs: env.DEDUPE_WINDOW_SECONDS * 1000,
    maxBodyBytes: env.MAX_BODY_BYTES,
    plantTimeZone: env.PLANT_TIME_ZONE,
    translation,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    logRequests: env.LOG_REQUESTS,
    alerts: env.ALERT_WEBHOOK_URL ? { webhookUrl: env.ALERT_WEBHOOK_URL, heldAfterMs: env.ALERT_HELD_MINUTES * 60_000 } : undefined,
  };
}

type ParsedEnv = z.infer<typeof bridgeEnvSchema>;

function d365Config(env: ParsedEnv): D365Config {
  const required = ['D365_URL', 'D365_TENANT_ID', 'D365_CLIENT_ID', 'D365_CLIENT_SECRET', 'D365_COMPANY'] as const;
  const missing = required.filter((k) => !env[k]);
  if (missing.length) throw new ConfigError(missing.map((k) => `${k}: is required when ERP_CONNECTOR is d365`));
  return {
    url: env.D365_URL!.replace(/\/+$/, ''),
    tenantId: env.D365_TENANT_ID!,
    clientId: env.D365_CLIENT_ID!,
    clientSecret: env.D365_CLIENT_SECRET!,
    company: env.D365_COMPANY!,
    tokenUrl: env.D365_TOKEN_URL,
    timeoutMs: env.D365_TIMEOUT_MS,
  };
}

function parseTranslation(json: string | undefined): TranslationRules {
  let overrides: unknown = {};
  if (json) {
    try {
      overrides = JSON.parse(json);
    } catch {
      throw new ConfigError(['TRANSLATION: is not valid JSON']);
    }
  }
  let rules: TranslationRules;
  try {
    rules = resolveTranslationRules(overrides);
  } catch (err) {
    if (err instanceof z.ZodError) throw new ConfigError(zodProblems(err, 'TRANSLATION.'));
    throw err;
  }
  const problems = checkTranslationRules(rules);
  if (problems.length) throw new ConfigError(problems.map((p) => `TRANSLATION: ${p}`));
  return rules;
}
