// Settings only the Node runtime has: where to listen, which ledger (the SQLite file, or a
// PostgreSQL database several bridges share), how long a slow client may take, and
// TRANSLATION from a file.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, parseBridgeConfig, withoutBlanks, zodProblems } from './bridge-config.js';
import { wholeNumber } from './settings-toolkit.js';
import { workerMapFromCsv } from '../node/worker-map-file.js';

const nodeEnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 to 65535' })
    .max(65535, { error: 'must be 0 to 65535' })
    .default(8787),
  // All interfaces: the MES calls in from outside this machine.
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().default('./data/bridge.db'),
  // Set: the ledger is this PostgreSQL database (DATABASE_PATH is then unused).
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// or postgresql:// URL (leave it unset for the SQLite ledger at DATABASE_PATH)' })
    .optional(),
  // Connections each bridge keeps to PostgreSQL: a delivery's write takes one for a few ms.
  DATABASE_POOL_SIZE: wholeNumber(1, 1_000).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: wholeNumber(100, 600_000).default(30_000),
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal'], { error: 'must be full or normal' }).default('full'),
  TRANSLATION_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug'], { error: 'must be error, warn, info or debug' }).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).default('json'),
  // A client gets this long to send its headers, and its whole request; idle keep-alive
  // connections close after KEEP_ALIVE_TIMEOUT_MS. Node's own defaults (60 s, 300 s) let slow
  // clients hold connections for minutes.
  HEADERS_TIMEOUT_MS: wholeNumber(1_000, 600_000).default(10_000),
  REQUEST_TIMEOUT_MS: wholeNumber(1_000, 600_000).default(30_000),
  KEEP_ALIVE_TIMEOUT_MS: wholeNumber(100, 600_000).default(5_000),
  MAX_CONNECTIONS: wholeNumber(1, 100_000).default(1_000),
  // Open connections from one client address (not applied with TRUST_PROXY: every socket is the proxy's).
  MAX_CONNECTIONS_PER_ADDRESS: wholeNumber(1, 100_000).default(256),
});

/** The ledger's path alone, for the maintenance commands (admin-token, backup) that need nothing else. */
export function databasePathFrom(env: Record<string, string | undefined>): string {
  return env.DATABASE_PATH?.trim() || nodeEnvSchema.shape.DATABASE_PATH.parse(undefined);
}

export type NodeConfig = z.output<typeof nodeEnvSchema> & { bridge: ReturnType<typeof parseBridgeConfig> };

export function parseNodeConfig(env: Record<string, string | undefined>): NodeConfig {
  const parsed = nodeEnvSchema.safeParse(withoutBlanks(env));
  const problems = parsed.success ? [] : zodProblems(parsed.error);
  let translation = env.TRANSLATION;
  if (parsed.success && parsed.data.TRANSLATION_FILE) {
    try {
      translation = readFileSync(parsed.data.TRANSLATION_FILE, 'utf8');
    } catch {
      problems.push(`TRANSLATION_FILE: can't read ${parsed.data.TRANSLATION_FILE}`);
    }
  }
  // Not JSON: the path of a CSV file (Node can read one; a Worker can't, and says so).
  let workerMap = env.D365_WORKER_MAP;
  if (workerMap?.trim() && !workerMap.trim().startsWith('{')) {
    const csv = workerMapFromCsv(workerMap.trim());
    if (csv.problem) problems.push(csv.problem);
    workerMap = csv.json;
  }
  let bridge: ReturnType<typeof parseBridgeConfig> | undefined;
  try {
    bridge = parseBridgeConfig({ ...env, TRANSLATION: translation, D365_WORKER_MAP: workerMap });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length || !parsed.success || !bridge) throw new ConfigError(problems);
  return { ...parsed.data, bridge };
}
