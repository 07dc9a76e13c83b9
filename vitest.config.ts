import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { quietMissingSourcemaps, quietWorkerdTeardown } from './test/support/quiet-test-output.js';

quietWorkerdTeardown();

// The same drizzle/ migrations `wrangler d1 migrations apply` runs, for the test D1.
const migrations = await readD1Migrations('drizzle');

// Three suites, one `npm test`: Node (better-sqlite3), workerd (D1, configured by
// wrangler.toml) and PostgreSQL (a real server, test/postgres/pg-server.ts). All run the shared
// cases in test/cases against their own harness.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/node/**/*.test.ts', 'test/unit/**/*.test.ts'], globalSetup: ['test/node/build-once.ts'] },
      },
      {
        extends: true,
        plugins: [
          quietMissingSourcemaps,
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          setupFiles: ['test/workers/apply-migrations.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'postgres', include: ['test/postgres/**/*.test.ts'], globalSetup: ['test/postgres/pg-server.ts', 'test/node/build-once.ts'] },
      },
    ],
  },
});
