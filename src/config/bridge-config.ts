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
  INGEST_TOKEN: z.string().trim().min(16, { error: 'must be at least 16 characters (use a long random value)' }).optional(),
  ERP_CONNECTOR: z.enum(['journal'], { error: 'must be journal' }).default('journal'),
  DEDUPE_WINDOW_SECONDS: wholeNumber(0, 86_400).default(60),
  MAX_BODY_BYTES: wholeNumber(1024, 10 * 1024 * 1024).default(1024 * 1024),
  PLANT_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin or America/Chicago' }),
  TRANSLATION: z.string().optional(),
  PUBLIC_URL: z.url({ error: 'must be a full URL such as https://bridge.example.com' }).optional(),
  LOG_REQUESTS: flag.default(true),
});

export interface BridgeConfig {
  erpConnector: 'journal';
  dedupeWindowMs: number;
  maxBodyBytes: number;
  plantTimeZone: string;
  translation: TranslationRules;
  /** The address Next Plus reaches the bridge at; used to print the URLs to paste. */
  publicUrl?: string;
  logRequests: boolean;
}

type Env = Record<string, string | undefined>;

/** Empty strings count as unset: `FOO=` in a .env file should mean "use the default". */
function withoutBlanks(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

export function zodProblems(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((i) => `${prefix}${i.path.join('.') || 'value'}: ${i.message}`);
}

export function parseBridgeConfig(rawEnv: Env, translationJson?: string): BridgeConfig & { ingestToken?: string } {
  const parsed = bridgeEnvSchema.safeParse(withoutBlanks(rawEnv));
  if (!parsed.success) throw new ConfigError(zodProblems(parsed.error));
  const env = parsed.data;
  const translation = parseTranslation(translationJson ?? env.TRANSLATION);
  return {
    ingestToken: env.INGEST_TOKEN,
    erpConnector: env.ERP_CONNECTOR,
    dedupeWindowMs: env.DEDUPE_WINDOW_SECONDS * 1000,
    maxBodyBytes: env.MAX_BODY_BYTES,
    plantTimeZone: env.PLANT_TIME_ZONE,
    translation,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    logRequests: env.LOG_REQUESTS,
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
