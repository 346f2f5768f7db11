#!/usr/bin/env node
/**
 * Package and image size (npm run bench:size, after a build): what installing Cadenza puts on a disk, measured
 * for this checkout and for another revision (`--against main` by default) side by side.
 *
 * - npm package: `npm pack --dry-run` (packed and unpacked), plus the production dependencies `npm ci --omit=dev`
 *   installs from the lockfile into a temporary folder (from npm's cache; install scripts off, so
 *   better-sqlite3's compiled addon is taken from this checkout's node_modules, as its install would fetch or
 *   build it).
 * - Docker image, added up without a daemon: the base image (a published figure, stated), then what the
 *   Dockerfile copies into it: package.json, dist/, corpus/ and the production node_modules after the
 *   Dockerfile's own pruning commands, which are read from the Dockerfile and run on the temporary tree as they
 *   are written. bench/docker-image.mjs builds and measures the image itself where a Docker daemon runs.
 * - Claude Desktop bundle (.mcpb): scripts/bundle.mjs, built into a temporary folder (this checkout only).
 * Sizes are apparent sizes (bytes in files), in MB of 10^6 bytes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './results-file.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const against = process.argv.includes('--against') ? process.argv[process.argv.indexOf('--against') + 1] : 'main';
const MB = (bytes) => (bytes / 1e6).toFixed(1);
/**
 * node:22-alpine unpacked, as `docker images` lists it: 155 MB in "A Deeper Look into Node.js Docker Images"
 * (labs.iximiuz.com, 2024). Its parts agree: Alpine 3.2x ≈ 8 MB, libstdc++/libgcc ≈ 3 MB, Node 22's binary
 * ≈ 120 MB (the official linux-x64 build of 22.23.5: bin/ 120 MB), npm ≈ 14 MB, Yarn, corepack and headers ≈ 10 MB.
 */
const BASE_IMAGE_MB = 155;

/** total bytes of the files under path (symbolic links not followed) */
function bytesUnder(path) {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

function packages(folder) {
  const scoped = (name) => (name.startsWith('@') ? readdirSync(join(folder, name)).map((inner) => `${name}/${inner}`) : [name]);
  return readdirSync(folder).filter((name) => !name.startsWith('.')).flatMap(scoped).length;
}

/** the shell commands of the Dockerfile's build step that come after `npm prune`: its pruning of node_modules */
function dockerfilePruning(dockerfile) {
  const joined = dockerfile.replace(/\\\n(\s*#[^\n]*\n)*/g, ' ');
  const build = joined.split('\n').find((line) => line.startsWith('RUN npm run build'));
  const steps = build.slice(4).split('&&').map((step) => step.trim());
  return steps.slice(steps.findIndex((step) => step.startsWith('npm prune')) + 1);
}

/** the production node_modules of a package.json and lockfile, as installed and as pruned by the Dockerfile */
function productionTree(label, packageJson, lock, dockerfile) {
  const folder = mkdtempSync(join(tmpdir(), `cadenza-size-${label}-`));
  writeFileSync(join(folder, 'package.json'), packageJson);
  writeFileSync(join(folder, 'package-lock.json'), lock);
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: folder, stdio: 'ignore' });
  // what better-sqlite3's install step leaves: its compiled addon (the Dockerfile builds it from source)
  cpSync(join(ROOT, 'node_modules/better-sqlite3/build'), join(folder, 'node_modules/better-sqlite3/build'), { recursive: true });
  const addon = bytesUnder(join(folder, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
  const installed = bytesUnder(join(folder, 'node_modules')) - bytesUnder(join(folder, 'node_modules/better-sqlite3/build')) + addon;
  const tensorflow = bytesUnder(join(folder, 'node_modules/@tensorflow'));
  const count = packages(join(folder, 'node_modules'));
  for (const step of dockerfilePruning(dockerfile)) execFileSync('sh', ['-c', step], { cwd: folder });
  const pruned = bytesUnder(join(folder, 'node_modules'));
  rmSync(folder, { recursive: true, force: true });
  return { installed, pruned, tensorflow, count };
}

function packed() {
  const [entry] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  return { size: entry.size, unpacked: entry.unpackedSize, files: entry.entryCount };
}

const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
const revision = git('rev-parse', '--short', 'HEAD').trim();
const base = git('rev-parse', '--short', against).trim();
const now = productionTree('now', readFileSync(join(ROOT, 'package.json'), 'utf8'), readFileSync(join(ROOT, 'package-lock.json'), 'utf8'), readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const before = productionTree('before', git('show', `${against}:package.json`), git('show', `${against}:package-lock.json`), git('show', `${against}:Dockerfile`));
const pack = packed();
const app = bytesUnder(join(ROOT, 'dist')) + bytesUnder(join(ROOT, 'corpus')) + bytesUnder(join(ROOT, 'package.json'));
const { buildBundle } = await import('../scripts/bundle.mjs');
const bundleFolder = mkdtempSync(join(tmpdir(), 'cadenza-size-mcpb-'));
const mcpb = buildBundle({ outDir: bundleFolder });
rmSync(bundleFolder, { recursive: true, force: true });

const image = (tree) => BASE_IMAGE_MB + (app + tree.pruned) / 1e6;
const lines = [
  '## Package and image size (npm run bench:size)',
  '',
  `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, npm ${execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim()}; bench/package-size.mjs. This checkout (${revision}) against ${against} (${base}): its dependencies and Dockerfile, with this checkout's own files. Apparent sizes (bytes in files), MB = 10^6 bytes.`,
  '',
  '| what | this checkout | ' + against + ' |',
  '|---|---|---|',
  `| npm package itself (npm pack): packed / unpacked, files | ${MB(pack.size)} / ${MB(pack.unpacked)} MB, ${pack.files} files | not built here |`,
  `| its production dependencies as \`npm install cadenza\` lays them down (npm ci --omit=dev; better-sqlite3's addon only) | ${MB(now.installed)} MB, ${now.count} packages | ${MB(before.installed)} MB, ${before.count} packages |`,
  `| of which @tensorflow/* | ${MB(now.tensorflow)} MB | ${MB(before.tensorflow)} MB |`,
  `| **installed in all** (package + dependencies) | **${MB(pack.unpacked + now.installed)} MB** | ≈ ${MB(pack.unpacked + before.installed)} MB |`,
  `| production node_modules after the Dockerfile's pruning | ${MB(now.pruned)} MB | ${MB(before.pruned)} MB |`,
  `| Docker image: base + package.json, dist/, corpus/ (${MB(app)} MB) + pruned node_modules | **≈ ${image(now).toFixed(0)} MB** | ≈ ${image(before).toFixed(0)} MB |`,
  `| Claude Desktop bundle (.mcpb, zip) | ${MB(mcpb.bytes)} MB, ${mcpb.files} files | |`,
  '',
  `The image goal is < 250 MB. This row adds the image up without Docker: node:22-alpine taken as ${BASE_IMAGE_MB} MB unpacked (the size \`docker images\` showed in "A Deeper Look into Node.js Docker Images", labs.iximiuz.com, 2024, which its parts also give: Alpine ≈ 8 MB, Node 22's binary ≈ 120 MB as measured on the official linux-x64 build of 22.23.5, npm ≈ 14 MB, the rest ≈ 13 MB), and the Dockerfile's layers on top of it as files: its pruning commands are read from the Dockerfile and run on a production tree installed from the lockfile. On Alpine, @resvg/resvg-js and better-sqlite3 get musl builds of their native code where this measurement has the glibc ones (same order of size). The image as Docker builds it is measured below (Docker image, measured).`,
  '',
  'TensorFlow.js (transcribe_audio\'s pitch model) is bundled into dist/note-detection/tfjs/ at build (scripts/bundle-tfjs.mjs: the Node builds of tfjs-core, -converter and -backend-wasm, minified, 0.75 MB, with the SIMD and plain .wasm, 0.74 MB, and their licences); its four packages, 89 MB installed, are development dependencies.',
];
writeSection('package-size', lines.join('\n'));
console.log(lines.join('\n'));
