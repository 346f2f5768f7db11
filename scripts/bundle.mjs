#!/usr/bin/env node
/**
 * `npm run bundle` (or `node scripts/bundle.mjs [outDir]` after a build): the Claude Desktop bundle (MCPB),
 * bundle/cadenza-<version>-<platform>-<arch>.mcpb — a zip of manifest.json (made from package.json and the
 * tool registry), an icon, package.json, dist/, the bundled corpus and the production dependencies, so that
 * Claude Desktop runs `node dist/cli.js serve` from the unpacked folder with nothing else installed. The dependencies include native modules built for
 * this machine, so the bundle is for this platform and Node major (the manifest says which).
 *
 * Written with fflate, the zip library the MCPB packer (@anthropic-ai/mcpb) itself uses, in the same layout:
 * Unix file modes kept; and a fixed timestamp, so that the same tree always makes the same bytes.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { zipSync } from 'fflate';
import { ICON_SVG } from '../dist/mcp/identity.js';
import { BUNDLE_ICON, bundleManifest } from '../dist/server/listing/bundle-manifest.js';
import { readPackageFacts } from '../dist/server/listing/package-facts.js';
import { LOCAL_TOOLS } from '../dist/server/runtime.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

/** Files a running server never reads: source maps, TypeScript sources and declarations, docs. */
const SKIPPED_FILE = /\.(map|ts|mts|cts|md|markdown)$/i;
const KEPT_ANYWAY = /^(licen[cs]e|notice|copying)/i;
/** Nested node_modules are added as packages of their own; better-sqlite3 needs its addon, not its sources. */
const SKIPPED = new Set(['node_modules', '.github']);
/** libflac.js builds render_audio does not load (it loads the asm.js 'min' one, src/audio/flac.ts), with their symbol files */
const UNUSED_LIBFLAC = ['', '.dev', '.wasm', '.dev.wasm', '.min.wasm'].flatMap((variant) => [`libflac${variant}.js`, `libflac${variant}.js.symbols`, `libflac${variant}.wasm`]);
const SKIPPED_IN_PACKAGE = {
  'better-sqlite3': new Set(['deps', 'src', 'obj.target', '.deps', 'test_extension.node']),
  // the server loads verovio/wasm and verovio/esm (src/mcp/render.ts), not the Humdrum build or the main entry's toolkit: 20 MB
  verovio: new Set(['verovio-module-hum.mjs', 'verovio-toolkit-wasm.js']),
  libflacjs: new Set(['doc', 'tools', 'example', 'libflac.min.js.symbols', ...UNUSED_LIBFLAC]),
};

/**
 * buildBundle({ outDir }) → { file, bytes, files, sha256 }: writes the .mcpb into outDir (default bundle/)
 * from the built dist/ (run `npm run build` first).
 */
export function buildBundle({ outDir = join(ROOT, 'bundle') } = {}) {
  const facts = readPackageFacts();
  const manifest = bundleManifest(facts, LOCAL_TOOLS, { platform: process.platform, nodeMajor: Number(process.versions.node.split('.')[0]) });
  const entries = new Map();
  const add = (path, data, mode = 0o644) => entries.set(path, [data, { os: 3, attrs: (mode & 0o777) << 16 }]);
  add('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  add(BUNDLE_ICON, new Resvg(ICON_SVG, { fitTo: { mode: 'width', value: 512 } }).render().asPng());
  for (const file of ['package.json', 'LICENSE']) add(file, readFileSync(join(ROOT, file)));
  addTree(add, join(ROOT, 'dist'), 'dist');
  addTree(add, join(ROOT, 'corpus'), 'corpus');
  const modules = realpathSync(join(ROOT, 'node_modules'));
  for (const directory of productionPackages(ROOT)) {
    const name = relative(modules, directory).split(sep).join('/');
    addTree(add, directory, `node_modules/${name}`, SKIPPED_IN_PACKAGE[name]);
  }
  const zipped = zipSync(Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b))), { level: 6, mtime: ZIP_TIME });
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${facts.name}-${facts.version}-${process.platform}-${process.arch}.mcpb`);
  writeFileSync(file, zipped);
  return { file, bytes: zipped.length, files: entries.size, sha256: createHash('sha256').update(zipped).digest('hex') };
}

/** Adds every file under directory (but nested node_modules and skipped files) at prefix/…, keeping modes. */
function addTree(add, directory, prefix, skipped = new Set()) {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const stat = statSync(path);
    if (SKIPPED.has(name) || skipped.has(name)) continue;
    if (stat.isDirectory()) {
      addTree(add, path, `${prefix}/${name}`, skipped);
    } else if (!SKIPPED_FILE.test(name) || KEPT_ANYWAY.test(name)) {
      add(`${prefix}/${name}`, readFileSync(path), stat.mode);
    }
  }
}

/**
 * The folders of every package the server needs at run time: package.json's dependencies and, through
 * theirs (optional and peer ones included when installed), the whole closure, resolved as Node does.
 */
function productionPackages(root) {
  const found = new Set();
  const visit = (from) => {
    const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
    const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...(from === root ? {} : manifest.peerDependencies) });
    for (const name of names) {
      const directory = installedPackage(from, name);
      if (directory === undefined || found.has(directory)) continue;
      found.add(directory);
      visit(directory);
    }
  };
  visit(root);
  return [...found];
}

/** where `name` resolves from the package at `from` (its own node_modules, then each folder above) */
function installedPackage(from, name) {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(directory) === directory) return undefined;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = performance.now();
  const bundle = buildBundle(process.argv[2] ? { outDir: resolve(process.argv[2]) } : {});
  console.log(`${relative(ROOT, bundle.file)}: ${(bundle.bytes / 1048576).toFixed(1)} MB, ${bundle.files} files, sha256 ${bundle.sha256} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
