import { defineConfig } from 'vitest/config';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// Unit tests of the web app's pure helpers: npx vitest run -c web/vitest.config.ts
export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
