import { defineConfig } from 'drizzle-kit';

// One migrations folder for both runtimes: better-sqlite3's migrator reads drizzle/meta,
// `wrangler d1 migrations apply` reads the numbered .sql files (migrations_dir in wrangler.toml).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/store/schema.ts',
  out: './drizzle',
});
