/** Builds the web viewer (web/) into dist/web, which the HTTP server serves at /. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: fileURLToPath(new URL('../dist/web', import.meta.url)), emptyOutDir: true, target: 'es2022', sourcemap: false },
  logLevel: 'warn',
});
