#!/usr/bin/env node
/**
 * Docker image, measured (node bench/docker-image.mjs; needs a running Docker daemon, so it is no test: CI has
 * none): builds the Dockerfile, reports the image's size beside its base's, then starts the image and checks it
 * serves: /health, the image's own HEALTHCHECK, and MCP over Streamable HTTP with an API key (import_score of
 * a corpus chorale, then render_audio, which loads the shipped sound bank in a worker).
 *
 * The base is node:22-alpine when the daemon has it (or can pull it); otherwise the stand-in that
 * bench/docker/stand-in-base.sh builds (Debian bookworm + Node 22's official linux-x64 build), and the report
 * says so and gives the size the image would have on node:22-alpine: image − stand-in + node:22-alpine, with
 * node:22-alpine's size from a published figure (below). The container uses the host's network and listens
 * on 127.0.0.1 only; the build uses it too (npm ci fetches packages). Options: --base IMAGE --build-base IMAGE
 * (the two stages' bases), --keep (leave the built image).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { writeSection } from './results-file.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REAL_BASE = 'node:22-alpine';
const STAND_IN = 'cadenza-standin/node:22';
/**
 * node:22-alpine unpacked, as `docker images` lists it: 155 MB in "A Deeper Look into Node.js Docker Images"
 * (labs.iximiuz.com/tutorials/how-to-choose-nodejs-container-image, 2024; node:22-slim 220 MB there).
 */
const REAL_BASE_MB = 155;
const TAG = 'cadenza:bench-docker-image';
const PORT = 18750;
const option = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const MB = (bytes) => (bytes / 1e6).toFixed(1);

const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 }).trim();
const hasImage = (image) => spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status === 0;
const imageBytes = (image) => Number(docker('image', 'inspect', image, '--format', '{{.Size}}'));

function chooseBases() {
  const base = option('--base');
  if (base) return { base, buildBase: option('--build-base') ?? base };
  if (hasImage(REAL_BASE) || spawnSync('docker', ['pull', REAL_BASE], { stdio: 'ignore' }).status === 0) return { base: REAL_BASE, buildBase: REAL_BASE };
  if (hasImage(STAND_IN)) return { base: STAND_IN, buildBase: `${STAND_IN}-build` };
  throw new Error(`${REAL_BASE} can be neither found nor pulled, and there is no stand-in: run bash bench/docker/stand-in-base.sh first.`);
}

function build(base, buildBase) {
  const args = ['build', '--network', 'host', '--build-arg', `NODE_IMAGE=${base}`, '--build-arg', `BUILD_IMAGE=${buildBase}`, '-t', TAG, ROOT];
  // the legacy builder: the daemon's BuildKit needs a buildx plugin that a distribution's client may lack
  const result = spawnSync('docker', args, { env: { ...process.env, DOCKER_BUILDKIT: '0' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`docker build failed:\n${(result.stdout + result.stderr).slice(-4000)}`);
}

/** polls until check() is true, or fails after seconds */
async function waitFor(what, seconds, check) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} not within ${seconds} s`);
}

async function mcpCalls(url, key) {
  const client = new Client({ name: 'docker-smoke', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
  try {
    const tools = (await client.listTools()).tools.length;
    const imported = await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } });
    if (imported.isError) throw new Error(`import_score: ${JSON.stringify(imported.content)}`);
    const { id } = imported.structuredContent;
    const audio = await client.callTool({ name: 'render_audio', arguments: { id, format: 'wav', measures: { from: 1, to: 2 } } });
    if (audio.isError) throw new Error(`render_audio: ${JSON.stringify(audio.content)}`);
    return { tools, id, audio: audio.structuredContent };
  } finally {
    await client.close();
  }
}

/** runs the image on the host's loopback with a fresh volume and an API key; returns what it answered */
async function smoke() {
  const volume = `cadenza-smoke-${process.pid}`;
  const env = ['-e', 'CADENZA_HOST=127.0.0.1', '-e', `CADENZA_PORT=${PORT}`];
  const key = docker('run', '--rm', '-v', `${volume}:/data`, TAG, 'node', 'dist/cli.js', 'apikey', 'create', '--tenant', 'smoke', '--scopes', 'scores:read,scores:write');
  const container = docker('run', '-d', '--network', 'host', '-v', `${volume}:/data`, ...env, '--health-interval', '2s', TAG);
  try {
    await waitFor('/health', 60, async () => (await fetch(`http://127.0.0.1:${PORT}/health`)).ok);
    const health = await (await fetch(`http://127.0.0.1:${PORT}/health`)).json();
    const unauthorised = (await fetch(`http://127.0.0.1:${PORT}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status;
    await waitFor('the HEALTHCHECK', 60, async () => docker('inspect', container, '--format', '{{.State.Health.Status}}') === 'healthy');
    const calls = await mcpCalls(`http://127.0.0.1:${PORT}/mcp`, key);
    const memory = docker('stats', '--no-stream', '--format', '{{.MemUsage}}', container);
    return { health, unauthorised, memory, ...calls };
  } finally {
    spawnSync('docker', ['rm', '-f', container], { stdio: 'ignore' });
    spawnSync('docker', ['volume', 'rm', volume], { stdio: 'ignore' });
  }
}

const load = loadavg()[0].toFixed(1);
const { base, buildBase } = chooseBases();
build(base, buildBase);
const image = imageBytes(TAG);
const baseBytes = imageBytes(base);
const result = await smoke();
if (!process.argv.includes('--keep')) spawnSync('docker', ['image', 'rm', TAG], { stdio: 'ignore' });
const standIn = base !== REAL_BASE;
const daemon = docker('version', '--format', '{{.Server.Version}}');
const revision = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const lines = [
  '### Docker image, measured (node bench/docker-image.mjs)',
  '',
  `${new Date().toISOString().slice(0, 10)}, ${revision}, Docker ${daemon} (overlay2), load ${load} at the start; base ${base}${standIn ? ` (build stage ${buildBase})` : ''}. Sizes as \`docker image inspect\` gives them (unpacked, MB = 10^6 bytes).`,
  '',
  '| what | MB |',
  '|---|---|',
  `| the image | ${MB(image)} |`,
  `| its base ${base} | ${MB(baseBytes)} |`,
  `| Cadenza's layers (package.json, dist/, corpus/, pruned node_modules with the sound bank) | ${MB(image - baseBytes)} |`,
  ...(standIn ? [`| **the image on node:22-alpine** (Cadenza's layers + node:22-alpine's ${REAL_BASE_MB} MB, a published figure) | **≈ ${(REAL_BASE_MB + (image - baseBytes) / 1e6).toFixed(0)}** |`] : []),
  '',
  ...(standIn
    ? [`${base} is a stand-in, not Alpine (${REAL_BASE} could not be pulled here): Debian bookworm minbase trimmed like debian:bookworm-slim, with Node 22's official linux-x64 build (its bin/, include/ with every architecture's OpenSSL headers, share/) and npm, without corepack or Yarn (bench/docker/stand-in-base.sh). Cadenza's layers on it are what they would be on Alpine except for the native addons' libc builds. node:22-alpine's ${REAL_BASE_MB} MB is the size \`docker images\` showed in "A Deeper Look into Node.js Docker Images" (labs.iximiuz.com, 2024), where node:22-slim shows 220 MB.`, '']
    : []),
  `Smoke test of the running image (host network, 127.0.0.1:${PORT}, CADENZA_AUTH=apikey with a key made by \`cadenza apikey create\` in the image): /health answered ${JSON.stringify(result.health)}; /mcp without the key answered ${result.unauthorised}; the image's HEALTHCHECK turned healthy; an MCP client listed ${result.tools} tools, import_score of corpus bach/bwv66.6 gave ${result.id}, render_audio of its measures 1–2 gave ${result.audio.durationSeconds.toFixed(2)} s of ${result.audio.format} at ${result.audio.sampleRate} Hz (${result.audio.bytes} bytes) from the shipped bank; the container then used ${result.memory}.`,
];
writeSection('docker-image', lines.join('\n'));
console.log(lines.join('\n'));
