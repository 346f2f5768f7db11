#!/usr/bin/env node
/**
 * Transcription (npm run bench:transcribe): the 59 Bach chorales of ../shared/corpus (the repository's test
 * corpus when it is missing) and piano pieces of music21's corpus, each rendered by Debian's fluidsynth with a
 * General MIDI bank other than the one Cadenza ships, then transcribed as transcribe_audio does: decoded,
 * notes detected by the pitch model, turned into a score. Measures note-level accuracy (mir_eval's
 * definition: onset within 50 ms and same pitch; with offsets separately), whether the transcribed score
 * has the original's key and meter, the share of notes whose quantized onset and duration match, and the
 * CPU time of transcription against the audio's length.
 *
 * Arguments: `--banks musescore,timgm6mb` (default: both; `fluidr3` too), the first one's pieces listed
 * one by one; `--every N` every Nth chorale; `--only NAME` one piece, printed and not written; `--no-piano`; `--no-report`
 * measures and keeps the rows without writing results.md.
 * Each piece's row is kept in $TMPDIR/cadenza-transcribe-<bank>.jsonl as it is measured; `--resume` reuses
 * the rows already there (a run the machine interrupted goes on where it stopped); `--report-only` writes
 * results.md from those rows alone, naming the pieces that have none (and, like --resume, the backends' costs
 * kept in $TMPDIR/cadenza-transcribe-backends.json by an earlier report). Each row keeps the notes detected, so that
 * `--rescore` (with --resume or --report-only) measures key, meter and rhythm again from them with the current
 * notesToScore, without rendering or running the pitch model again. `--shard I/N --resume --no-report` measures
 * only every Nth piece from the Ith, so that N processes can share one bank's log; `--reverse` takes the
 * pieces from the last (a second process meets the first halfway), `--from K` from the Kth (a third starts in the middle).
 * Needs fluidsynth and the banks: apt-get install fluidsynth musescore-general-soundfont-lossless timgm6mb-soundfont.
 * The note thresholds were tuned on the chorales at positions 5, 15, … 55 in name order (TUNING_FOLD);
 * the chorale figures are over the others.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeAudio } from '../dist/audio-in/decode-audio.js';
import { toMono } from '../dist/audio-in/decoded-audio.js';
import { performanceOf } from '../dist/audio/performance.js';
import { analyzeKey } from '../dist/analysis/key.js';
import { readScore } from '../dist/formats/read-score.js';
import { detectNotes } from '../dist/note-detection/note-events.js';
import { MODEL_SAMPLE_RATE, posteriorgram } from '../dist/note-detection/pitch-model.js';
import { noteAccuracy } from '../dist/transcribe/note-accuracy.js';
import { notesToScore } from '../dist/transcribe/notes-to-score.js';
import { SCORES } from './data.mjs';
import { backendCosts, meterOf, rhythmMatch, soundedNotes } from './transcribe-measures.mjs';
import { report } from './transcribe-report.mjs';

export const BANKS = {
  musescore: { file: '/usr/share/sounds/sf2/MuseScore_General_Full.sf2', label: 'MuseScore General 0.2.1 (its lossless SF2, 490 MB)', apt: 'musescore-general-soundfont-lossless' },
  timgm6mb: { file: '/usr/share/sounds/sf2/TimGM6mb.sf2', label: 'TimGM6mb 1.3 (SF2, 6 MB)', apt: 'timgm6mb-soundfont' },
  fluidr3: { file: '/usr/share/sounds/sf2/FluidR3_GM.sf2', label: 'FluidR3 GM (SF2; the shipped FluidR3Mono is derived from it)', apt: 'fluid-soundfont-gm' },
};
/** piano music of music21's corpus (public domain), by path under its corpus folder */
const PIANO = [
  'mozart/k545/movement1_exposition.mxl',
  'joplin/maple_leaf_rag.mxl',
  'schoenberg/opus19/movement2.mxl',
  'schoenberg/opus19/movement6.mxl',
  'schumann_clara/polonaise_op1n1.mxl',
  'beach/prayer_of_a_tired_child.musicxml',
  'chopin/mazurka06-2.krn',
];
const PIANO_CORPUS = process.env.CADENZA_PIANO_CORPUS ?? '/work/m21src/music21/corpus';

const SHARED = fileURLToPath(new URL('../../shared/corpus/scores/bach/', import.meta.url));
const FOLDER = existsSync(SHARED) ? SHARED : `${SCORES}bach/`;
const argument = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const every = Number(argument('--every')) || 1;
const only = argument('--only');
const banks = (argument('--banks') ?? 'musescore,timgm6mb').split(',');
const reportOnly = process.argv.includes('--report-only');
const resume = reportOnly || process.argv.includes('--resume');
const rescore = process.argv.includes('--rescore');

for (const bank of banks) {
  if (!BANKS[bank]) throw new Error(`unknown bank ${bank}: one of ${Object.keys(BANKS).join(', ')}`);
  if (!existsSync(BANKS[bank].file)) {
    console.error(`${BANKS[bank].file} is missing: apt-get install fluidsynth ${BANKS[bank].apt}`);
    process.exit(1);
  }
}
const loadStart = loadavg()[0];
const all = readdirSync(FOLDER).filter((name) => name.endsWith('.mxl') || name.endsWith('.xml')).sort();
/** the chorales the detection thresholds were tuned on (src/note-detection/note-events.ts) */
const TUNING_FOLD = new Set(all.filter((_name, index) => index % 10 === 5));
const chorales = all.filter((name, index) => index % every === 0).map((name) => ({ name, path: FOLDER + name, kind: 'chorale' }));
const piano = process.argv.includes('--no-piano') || !existsSync(PIANO_CORPUS) ? [] : PIANO.map((name) => ({ name, path: join(PIANO_CORPUS, name), kind: 'piano' }));
const [shard, shards] = (argument('--shard') ?? '0/1').split('/').map(Number);
const pieces = [...chorales, ...piano].filter((piece, index) => (!only || piece.name.includes(only)) && (reportOnly || index % shards === shard));

const folder = mkdtempSync(join(tmpdir(), 'cadenza-transcribe-'));
const results = {};
for (const bank of banks) {
  const log = join(tmpdir(), `cadenza-transcribe-${bank}.jsonl`);
  // read again before each piece: other processes may share the log (--shard, --reverse)
  const kept = () => (resume && existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []);
  if (!resume && !only) writeFileSync(log, '');
  const rows = [];
  const from = Number(argument('--from')) || 0;
  const order = [...pieces.slice(from), ...pieces.slice(0, from)];
  for (const piece of process.argv.includes('--reverse') ? order.reverse() : order) {
    const done = kept().find((row) => row.name === piece.name);
    if (!done && reportOnly) {
      rows.push({ name: piece.name, kind: piece.kind, missing: true });
      continue;
    }
    const row = done ? (rescore ? rescored(done, piece) : done) : await measure(piece, BANKS[bank].file);
    if (!done && !only) appendFileSync(log, `${JSON.stringify(row)}\n`);
    rows.push(row);
    console.log(`${bank} ${summary(row)}`);
  }
  results[bank] = rows;
}
rmSync(folder, { recursive: true, force: true });
if (!only && !process.argv.includes('--no-report')) {
  report({ banks: banks.map((bank) => ({ id: bank, ...BANKS[bank], rows: results[bank] })), all, every, loadStart, tuning: TUNING_FOLD, pianoCorpus: PIANO_CORPUS, backends: await backends() });
}

/** the pitch model's cost on both backends over 5 s; with --resume, as kept from an earlier run when there is one */
async function backends() {
  const kept = join(tmpdir(), 'cadenza-transcribe-backends.json');
  if (resume && existsSync(kept)) return JSON.parse(readFileSync(kept, 'utf8'));
  const costs = { seconds: 5, ...(await backendCosts(5)) };
  writeFileSync(kept, JSON.stringify(costs));
  return costs;
}

/** renders one piece with fluidsynth and the bank, transcribes it, and measures the transcription against the score */
async function measure(piece, bank) {
  const bytesIn = new Uint8Array(readFileSync(piece.path));
  const format = piece.path.endsWith('.mxl') ? 'mxl' : piece.path.endsWith('.krn') ? 'kern' : 'musicxml';
  try {
    const score = readScore(bytesIn, format).score;
    const performed = performanceOf(score);
    writeFileSync(join(folder, 'score.mid'), performed.smf);
    execFileSync('fluidsynth', ['-ni', '-q', '-r', '44100', '-F', join(folder, 'score.wav'), bank, join(folder, 'score.mid')], { stdio: 'ignore', timeout: 300_000 });
    const reference = soundedNotes(performed.smf);

    const started = process.cpuUsage();
    const decoded = await decodeAudio(new Uint8Array(readFileSync(join(folder, 'score.wav'))), 600);
    const samples = toMono(decoded, MODEL_SAMPLE_RATE);
    const afterDecode = process.cpuUsage(started);
    const detected = detectNotes(await posteriorgram(samples));
    const afterDetect = process.cpuUsage(started);
    const transcription = notesToScore(detected, piece.name);
    const cpu = process.cpuUsage(started);
    const seconds = (used) => (used.user + used.system) / 1e6;
    const round = (value) => Math.round(value * 1e4) / 1e4;
    return {
      name: piece.name,
      kind: piece.kind,
      audioSeconds: samples.length / MODEL_SAMPLE_RATE,
      cpuSeconds: seconds(cpu),
      detectSeconds: seconds(afterDetect) - seconds(afterDecode),
      onsets: noteAccuracy(reference, detected),
      offsets: noteAccuracy(reference, detected, true),
      key: [analyzeKey(score).name, analyzeKey(transcription.score).name],
      meter: [meterOf(score), transcription.meter],
      bpm: [performed.quarterBpm, transcription.quarterBpm],
      rhythm: rhythmMatch(score, transcription.score),
      tuning: TUNING_FOLD.has(piece.name),
      load: loadavg()[0],
      detected: detected.map((note) => [round(note.start), round(note.end), note.midi, round(note.amplitude)]),
    };
  } catch (error) {
    return { name: piece.name, kind: piece.kind, failed: String(error?.message ?? error).slice(0, 200) };
  }
}

/** the row with key, meter, tempo and rhythm measured again from its detected notes by the current notesToScore */
function rescored(row, piece) {
  if (row.failed || !row.detected) return row;
  const format = piece.path.endsWith('.mxl') ? 'mxl' : piece.path.endsWith('.krn') ? 'kern' : 'musicxml';
  const score = readScore(new Uint8Array(readFileSync(piece.path)), format).score;
  const detected = row.detected.map(([start, end, midi, amplitude]) => ({ start, end, midi, amplitude }));
  const transcription = notesToScore(detected, piece.name);
  return {
    ...row,
    before: { key: row.key, meter: row.meter, rhythm: row.rhythm },
    key: [analyzeKey(score).name, analyzeKey(transcription.score).name],
    meter: [meterOf(score), transcription.meter],
    bpm: [row.bpm[0], transcription.quarterBpm],
    rhythm: rhythmMatch(score, transcription.score),
  };
}

function summary(row) {
  if (row.failed) return `${row.name}: FAILED ${row.failed}`;
  const { onsets, offsets } = row;
  return `${row.name}: F1 ${onsets.f1.toFixed(3)} (P ${onsets.precision.toFixed(3)} R ${onsets.recall.toFixed(3)}), with offsets ${offsets.f1.toFixed(3)}; key ${row.key.join(' → ')}; meter ${row.meter.join(' → ')}; ♩ ${row.bpm.map((bpm) => Math.round(bpm)).join(' → ')}; rhythm ${(row.rhythm.share * 100).toFixed(0)}% (shift ${row.rhythm.shift}); ${row.cpuSeconds.toFixed(1)} s CPU for ${row.audioSeconds.toFixed(1)} s`;
}
