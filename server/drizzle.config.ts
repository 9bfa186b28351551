import { defineConfig } from 'drizzle-kit';

// Only used at development time to generate SQL migrations from the schema: `npm run db:generate -w server`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
});
