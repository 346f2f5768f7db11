// The parts of TensorFlow.js the pitch model runs with (src/note-detection/pitch-model.ts), bundled into
// dist/note-detection/tfjs/ with the WebAssembly files Node loads and the licences. The four @tensorflow
// packages install 89 MB (every browser build, ES module tree, source map and the plain JavaScript backend);
// Node reads 4 MB of them: each package's *.node.js build and the SIMD (or, lacking SIMD, plain) .wasm.
// Bundling them here lets the packages be development dependencies, so an installation of Cadenza does not
// carry the rest (bench/results.md, "Package and image size").
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const OUT = fileURLToPath(new URL('../dist/note-detection/tfjs/', import.meta.url));
const ENTRY = '\0tensorflow-entry';
/** what pitch-model.ts takes: the core, the graph-model loader and the WebAssembly backend (which registers itself) */
const ENTRY_CODE = `module.exports = {
  tf: require('@tensorflow/tfjs-core'),
  loadGraphModel: require('@tensorflow/tfjs-converter').loadGraphModel,
  setWasmPaths: require('@tensorflow/tfjs-backend-wasm').setWasmPaths,
};`;
/** Node 18+ has fetch, and the model is read from memory: tfjs-core's lazy require of node-fetch is never reached */
const EXTERNAL = ['node-fetch'];
/** the .wasm builds Node can pick: SIMD, or plain without it (Node's WebAssembly has no threads for tfjs) */
const WASM = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'];

const require = createRequire(import.meta.url);
const entry = { name: 'tensorflow-entry', resolveId: (id) => (id === ENTRY ? id : null), load: (id) => (id === ENTRY ? ENTRY_CODE : null) };
rmSync(OUT, { recursive: true, force: true });
const bundle = await rolldown({ input: ENTRY, platform: 'node', external: EXTERNAL, plugins: [entry], logLevel: 'warn' });
await bundle.write({ file: join(OUT, 'tensorflow.cjs'), format: 'cjs', minify: true, comments: false });
await bundle.close();

const wasmFolder = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
mkdirSync(OUT, { recursive: true });
for (const file of WASM) copyFileSync(join(wasmFolder, file), join(OUT, file));
// The bundle drops the ~650 copies of TensorFlow.js's licence header; the licences are written once here:
// Apache-2.0 for TensorFlow.js (the WebAssembly backend carries kernels of the CPU backend), MIT for seedrandom
const apache = readFileSync(new URL('../src/note-detection/basic-pitch/LICENSE', import.meta.url), 'utf8');
const seedrandomReadme = readFileSync(join(dirname(require.resolve('seedrandom/package.json', { paths: [dirname(require.resolve('@tensorflow/tfjs-core'))] })), 'README.md'), 'utf8');
const packages = ['tfjs-core', 'tfjs-converter', 'tfjs-backend-wasm', 'tfjs-backend-cpu'].map((name) => `@tensorflow/${name} ${require(`@tensorflow/${name}/package.json`).version}`);
writeFileSync(join(OUT, 'LICENSES.txt'), [
  `tensorflow.cjs bundles ${packages.join(', ')}: Copyright Google LLC, under the Apache License 2.0:`,
  apache,
  'It also bundles seedrandom 3.0.5 (a dependency of @tensorflow/tfjs-core):',
  seedrandomReadme.slice(seedrandomReadme.indexOf('LICENSE (MIT)')),
].join('\n\n'));
