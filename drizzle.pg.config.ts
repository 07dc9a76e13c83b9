import { defineConfig } from 'drizzle-kit';

// PostgreSQL's migrations (drizzle/pg/), from the same tables written as pgTable
// (src/store/pg-schema.ts); pg-database.ts applies them at start. SQLite's stay in drizzle/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/pg-schema.ts',
  out: './drizzle/pg',
});
