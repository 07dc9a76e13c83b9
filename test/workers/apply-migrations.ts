// Brings the test D1 to the current schema with the real drizzle/ migrations. Safe to run more
// than once: applyD1Migrations skips what is already applied.
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
