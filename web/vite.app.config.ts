/** Builds the MCP App score view's script (web/app/) into one file, dist/app/score-view.js, which src/mcp/score-view.ts inlines into the ui:// resource. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../dist/app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    lib: { entry: fileURLToPath(new URL('./app/score-view.ts', import.meta.url)), formats: ['iife'], name: 'cadenzaScoreView', fileName: () => 'score-view.js' },
  },
  logLevel: 'warn',
});
