#!/usr/bin/env node
/**
 * Playback that follows the notation (npm run bench:playback): for every Bach chorale of ../shared/corpus
 * (the repository's test corpus when it is missing), what the players ask of the server — the engraving's
 * timemap and render_audio's Ogg Vorbis of the whole chorale — in CPU time and bytes, and whether the two
 * agree (the timemap lasts as long as the audio's music, plays the same measures, names only elements of
 * the engraving). Then the sizes behind the choice of server rendering over a synthesizer in the browser.
 * Writes its section of bench/results.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { unfoldRepeats } from '../dist/core/unfold.js';
import { readScore } from '../dist/formats/read-score.js';
import { engraveScore } from '../dist/mcp/render.js';
import { renderAudio, RING_OUT_SECONDS } from '../dist/mcp/render-audio.js';
import { timemapOf } from '../dist/mcp/timemap.js';
import { SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';
import { median } from './timing.mjs';

const SHARED = fileURLToPath(new URL('../../shared/corpus/scores/bach/', import.meta.url));
const FOLDER = existsSync(SHARED) ? SHARED : `${SCORES}bach/`;
const source = existsSync(SHARED) ? '../shared/corpus' : 'test/fixtures/corpus (../shared/corpus not found)';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const cpuMs = async (work) => {
  const before = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(before);
  return [result, (used.user + used.system) / 1000];
};

const loadStart = loadavg()[0];
const files = readdirSync(FOLDER).filter((name) => name.endsWith('.mxl') || name.endsWith('.xml')).sort();
// the bank and the encoder load once per worker thread: not part of any one chorale's cost
await renderAudio(readScore(new Uint8Array(readFileSync(FOLDER + files[0])), 'mxl').score, { format: 'ogg', measures: { from: 1, to: 1 } });

const rows = [];
for (const name of files) {
  const score = readScore(new Uint8Array(readFileSync(FOLDER + name)), name.endsWith('.mxl') ? 'mxl' : 'musicxml').score;
  const [engraved, timemapCpu] = await cpuMs(async () => {
    const engraver = await engraveScore(score);
    const timemap = timemapOf(engraver);
    const pages = Array.from({ length: engraver.getPageCount() }, (_, page) => engraver.renderToSVG(page + 1));
    return { timemap, pages };
  });
  const { timemap, pages } = engraved;
  const [audio, audioCpu] = await cpuMs(() => renderAudio(score, { format: 'ogg', quarterBpm: timemap.quarterBpm }));
  const music = audio.durationSeconds - RING_OUT_SECONDS;
  const ids = new Set(pages.flatMap((svg) => [...svg.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1])));
  const named = timemap.entries.flatMap((entry) => [...(entry.measure ? [entry.measure] : []), ...(entry.on ?? [])]);
  rows.push({
    name,
    seconds: audio.durationSeconds,
    timemapCpu,
    audioCpu,
    oggBytes: audio.bytes.length,
    timemapBytes: JSON.stringify(timemap).length,
    lengthError: Math.abs(timemap.entries.at(-1).seconds - music) / music,
    sameMeasures: timemap.entries.filter((entry) => entry.measure).length === unfoldRepeats(score).parts[0].measures.length,
    unknownIds: named.filter((id) => !ids.has(id)).length,
  });
  process.stderr.write('.');
}
process.stderr.write('\n');

const sum = (pick) => rows.reduce((total, row) => total + pick(row), 0);
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const audioSeconds = sum((row) => row.seconds);
const firstSound = rows.map((row) => (row.timemapCpu + row.audioCpu) / 1000);
const bank = statSync(fileURLToPath(new URL('../dist/audio/FluidR3Mono_GM.sf3', import.meta.url))).size;
const appScript = statSync(fileURLToPath(new URL('../dist/app/score-view.js', import.meta.url))).size;
const viewerAssets = readdirSync(fileURLToPath(new URL('../dist/web/assets/', import.meta.url))).reduce((total, name) => total + statSync(fileURLToPath(new URL(`../dist/web/assets/${name}`, import.meta.url))).size, 0);

const markdown = `## Audio: playback that follows the notation (npm run bench:playback)

${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (load ${loadStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end), Node ${process.version}, one thread, nice 10, CPU time.
${rows.length} Bach chorales from ${source}. What the web viewer and the MCP App view ask of the server to play a chorale:
render_score's timemap (verovio, engraving included) and render_audio's Ogg Vorbis of the whole chorale at the timemap's tempo
(the bank and the encoder already loaded, as in a warm worker).

| measure | result over ${rows.length} chorales |
|---|---|
| server CPU before the first sound (timemap + audio), median / slowest | ${median(firstSound).toFixed(2)} s / ${Math.max(...firstSound).toFixed(2)} s |
| of which the audio (synthesis + Ogg encoding), overall | ${audioSeconds.toFixed(0)} s of audio in ${(sum((row) => row.audioCpu) / 1000).toFixed(1)} s: ${(audioSeconds / (sum((row) => row.audioCpu) / 1000)).toFixed(1)}× real time |
| Ogg Vorbis sent per chorale, median / largest | ${kb(median(rows.map((row) => row.oggBytes)))} / ${kb(Math.max(...rows.map((row) => row.oggBytes)))} (${((sum((row) => row.oggBytes) * 8) / audioSeconds / 1000).toFixed(0)} kbit/s) |
| timemap JSON per chorale, median / largest | ${kb(median(rows.map((row) => row.timemapBytes)))} / ${kb(Math.max(...rows.map((row) => row.timemapBytes)))} |
| timemap as long as the audio's music (±1%) | ${rows.filter((row) => row.lengthError <= 0.01).length} of ${rows.length} (largest error ${(Math.max(...rows.map((row) => row.lengthError)) * 100).toFixed(2)}%) |
| timemap plays as many measures as render_audio (repeats played out) | ${rows.filter((row) => row.sameMeasures).length} of ${rows.length} |
| timemap ids that are not elements of the engraved pages | ${sum((row) => row.unknownIds)} |

**Why the server renders and the browser only plays.** The alternative, spessasynth's browser build (spessasynth_lib 4.3.14,
Apache-2.0; measured once on 2026-12-07 with \`npm pack spessasynth_lib@4.3.14\`: 579 KB packed, its AudioWorklet processor
403 KB minified), would have each browser load the bank, ${mb(bank)} (FluidR3Mono SF3), before its first note, where the server sends
${kb(median(rows.map((row) => row.oggBytes)))} for a chorale; and the MCP App view can fetch nothing itself: a bank would cross the host's
postMessage bridge as ${mb((bank * 4) / 3)} of base64 (hosts may cap those messages: one host implementation we read caps them near
1 MB), and an AudioWorklet module needs a URL the App's sandbox does not allow. The App's audio crosses that bridge too, as base64:
${kb((median(rows.map((row) => row.oggBytes)) * 4) / 3)} for the median chorale, ${kb((Math.max(...rows.map((row) => row.oggBytes)) * 4) / 3)} for the largest, so a host with such a cap
would refuse the longest chorales' audio (the view then says why and stays static). Server rendering uses the same synthesizer and bank as \`cadenza render\`, so what is heard
in the viewer is what render_audio returns. Its price: a tempo or a mute/solo change is a new rendering (kept by the page, so
going back is free).

**Sizes:** the bank in dist/audio ${mb(bank)}; the viewer's assets (dist/web/assets) ${kb(viewerAssets)}; the App view's script
(dist/app/score-view.js, inlined into the ui:// resource) ${kb(appScript)}; Cadenza's npm package (npm pack --dry-run) ${packed()}.
The Docker image was not measured here: no Docker daemon runs on this machine (\`docker info\` cannot connect); the image is
node:22-alpine with dist/, corpus/ and the production node_modules, which are ${productionModules()} here (before the image's pruning of
maps, .md and .d.ts files; goal for the image < 250 MB).
`;

writeSection('playback', markdown);
process.stdout.write(markdown);

/** the installed size of the dependencies a production install keeps: npm's tree without dev and extraneous packages */
function productionModules() {
  // run where node_modules really is (a worktree may link to another's); npm ls exits non-zero for extraneous
  // packages but still prints the tree
  const installed = dirname(realpathSync(fileURLToPath(new URL('../node_modules', import.meta.url))));
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--json', '--long'], { cwd: installed, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const paths = new Set();
  const walk = (node) => {
    for (const child of Object.values(node.dependencies ?? {})) {
      if (child.extraneous || child.missing || !child.path || paths.has(child.path)) continue;
      paths.add(child.path);
      walk(child);
    }
  };
  try {
    walk(JSON.parse(listed.stdout));
  } catch {
    return 'not measured (npm ls failed)';
  }
  const outermost = [...paths].filter((path) => ![...paths].some((other) => other !== path && path.startsWith(`${other}/`)));
  const bytes = outermost.reduce((total, path) => total + Number(execFileSync('du', ['-sbL', path]).toString().split('\t')[0]), 0);
  return `${mb(bytes)} in ${paths.size} packages`;
}

function packed() {
  try {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
    return `${mb(pack.size)} packed, ${mb(pack.unpackedSize)} unpacked (the bank included)`;
  } catch {
    return 'not measured (npm pack failed)';
  }
}
