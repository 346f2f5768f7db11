#!/usr/bin/env node
/**
 * The composition tools: harmonizations of every chorale soprano of the test corpus (test/fixtures/corpus) judged by Cadenza's
 * own analysis (rule violations, cadences at phrase ends) and compared with Bach's chords; time per tool
 * for a 16-bar melody (goal < 1 s); style imitation's distance to its sources and to another corpus.
 * Writes its section of bench/results.md.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { closingCadence, findCadences } from '../dist/analysis/cadence.js';
import { analyzeHarmony } from '../dist/analysis/harmony.js';
import { checkVoiceLeading } from '../dist/analysis/voice-leading.js';
import { readAbc } from '../dist/formats/abc/read.js';
import { readScore } from '../dist/formats/read-score.js';
import { generateCantusFirmus } from '../dist/generate/counterpoint/cantus-firmus.js';
import { generateCounterpoint } from '../dist/generate/counterpoint/generate.js';
import { modalKey } from '../dist/generate/counterpoint/modes.js';
import { harmonizeMelody } from '../dist/generate/harmonize/harmonize.js';
import { reharmonizeRange } from '../dist/generate/harmonize/reharmonize.js';
import { styleDistances } from '../dist/generate/style/closeness.js';
import { imitateStyle } from '../dist/generate/style/imitate.js';
import { learnStyle } from '../dist/generate/style/learn.js';
import { extractMeasures } from '../dist/generate/transform/extract.js';
import { retrogradeScore } from '../dist/generate/transform/retrograde.js';
import { transposeScore } from '../dist/generate/transform/transpose.js';
import { parseInterval } from '../dist/core/interval.js';
import { toNumber } from '../dist/core/rational.js';
import { SCORES as TEST_SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';
import { median } from './timing.mjs';

const SCORES = pathToFileURL(TEST_SCORES);
const chorales = readdirSync(new URL('bach/', SCORES))
  .filter((name) => name.endsWith('.mxl'))
  .sort()
  .map((name) => ({ name, score: readScore(new Uint8Array(readFileSync(new URL(`bach/${name}`, SCORES))), 'mxl').score }));
const sopranoOf = (score) => ({ ...score, parts: [score.parts.find((part) => part.name === 'Soprano') ?? score.parts[0]] });
const seconds = (start) => (performance.now() - start) / 1000;
const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;

// 1. Harmonize every chorale soprano; judge by analyze_voice_leading and analyze_harmony; compare with Bach
const findings = {};
const agreement = { slots: 0, root: 0, rootAndBass: 0, sameChord: 0 };
let [phraseEnds, cadences, chords, finals] = [0, 0, 0, 0];
const harmonizeMs = [];
for (const { score } of chorales) {
  const melody = sopranoOf(score);
  const started = performance.now();
  const result = harmonizeMelody(melody);
  harmonizeMs.push(seconds(started) * 1000);
  chords += result.chords.length;
  for (const finding of checkVoiceLeading(result.score)) {
    const key = finding.issue === 'range' && finding.voices[0] === 'Soprano' ? 'range (the given melody)' : finding.issue;
    findings[key] = (findings[key] ?? 0) + 1;
  }
  const harmonies = analyzeHarmony(result.score);
  const found = findCadences(harmonies);
  for (const slot of result.melody.slots.filter((candidate) => candidate.phraseEnd)) {
    const closed = closingCadence(harmonies, found, toNumber(slot.start), toNumber(slot.end));
    phraseEnds++;
    if (closed) cadences++;
    if (closed && slot.final) finals++;
  }
  compareWithBach(analyzeHarmony(score), result.slots);
}

function compareWithBach(bach, slots) {
  for (const { slot, voicing } of slots) {
    const at = slot.start.n / slot.start.d;
    const theirs = bach.filter((harmony) => harmony.offset.n / harmony.offset.d <= at + 1e-9).pop();
    if (!theirs) continue;
    agreement.slots++;
    const theirRoot = theirs.pitches.find((pitch) => pitch.step === theirs.root)?.pitchClass;
    const mine = voicing.chord.pitchClasses;
    if (theirRoot !== mine[0]) continue;
    agreement.root++;
    if (theirs.pitches[0].pitchClass === voicing.midi[3] % 12) agreement.rootAndBass++;
    const theirSet = new Set(theirs.pitches.map((pitch) => pitch.pitchClass));
    if (theirSet.size === new Set(mine).size && mine.every((pitchClass) => theirSet.has(pitchClass))) agreement.sameChord++;
  }
}

// 2. Time per tool on a 16-bar melody (the first 16 bars of a chorale soprano), median of 5 after a warm-up
const sixteen = extractMeasures(sopranoOf(chorales.find(({ name }) => name === 'bwv269.mxl').score), '1', '16');
const sources = chorales.slice(0, 10).map(({ score }) => ({ score }));
const model = learnStyle(sources);
const timed = {
  'harmonize_melody chorale': () => harmonizeMelody(sixteen),
  'harmonize_melody pop': () => harmonizeMelody(sixteen, { style: 'pop' }),
  'harmonize_melody jazz': () => harmonizeMelody(sixteen, { style: 'jazz' }),
  ...Object.fromEntries([1, 2, 3, 4, 5].map((species) => [`generate_counterpoint species ${species} (12-note cantus)`, () => counterpoint(species)])),
  'imitate_style: learn 10 chorales + write 16 bars': () => imitateStyle(learnStyle(sources), { measures: 16, seed: 3 }),
  'imitate_style: write 16 bars (model learned)': () => imitateStyle(model, { measures: 16, seed: 3 }),
  'transform_score transpose (chorale)': () => transposeScore(chorales[0].score, parseInterval('M2')),
  'transform_score retrograde (chorale)': () => retrogradeScore(chorales[0].score),
  'transform_score reharmonize 4 bars (chorale)': () => reharmonizeRange(chorales[0].score, { from: '3', to: '6' }),
};

function counterpoint(species) {
  const key = modalKey('D', 'dorian');
  const cantus = generateCantusFirmus(key, 12, 5);
  return generateCounterpoint({ key, cantus, species, placement: 'above', seed: 5 });
}

const timings = Object.entries(timed).map(([name, run]) => {
  run();
  const rounds = Array.from({ length: 5 }, () => {
    const started = performance.now();
    run();
    return seconds(started) * 1000;
  });
  return [name, median(rounds), Math.max(...rounds)];
});

// 3. Style imitation: pieces learned from 10 chorales vs from 10 Irish tunes, distance to both corpora
const book = readFileSync(new URL('oneills1850/0951-0981.abc', SCORES), 'utf8');
const tunes = Array.from({ length: 10 }, (_, index) => readAbc(book, { tune: index }).score);
const bach = chorales.slice(0, 10).map(({ score }) => score);
const piecesFrom = (scores) => Array.from({ length: 10 }, (_, seed) => imitateStyle(learnStyle(scores.map((score) => ({ score }))), { measures: 16, seed }).score);
const distances = { 'learned from 10 Bach chorales': styleDistances(piecesFrom(bach), { Bach: bach, Irish: tunes }), 'learned from 10 Irish tunes': styleDistances(piecesFrom(tunes), { Bach: bach, Irish: tunes }) };

const lines = [
  '## Composition tools (npm run bench, bench/generate.mjs)',
  '',
  `Date: ${new Date().toISOString()}  `,
  `Machine: Node ${process.version}, one core.`,
  '',
  `### Four-part harmonizations of the ${chorales.length} chorale sopranos`,
  '',
  'Each soprano alone (the "Soprano" part; Bach\'s lower voices removed) is harmonized by harmonize_melody (chorale style, seed 1); the result is judged by analyze_voice_leading and analyze_harmony.',
  '',
  `- ${chords} chords; median ${median(harmonizeMs).toFixed(0)} ms per chorale, slowest ${Math.max(...harmonizeMs).toFixed(0)} ms.`,
  `- Phrase ends (fermatas, rests, the end) closed by a cadence analyze_harmony finds, arriving under the last note or held from the beat before it: ${cadences} of ${phraseEnds} (${percent(cadences, phraseEnds)}); the final cadence in ${finals} of ${chorales.length}.`,
  '',
  '| analyze_voice_leading finding in the harmonizations | count | per 100 chords |',
  '|---|---:|---:|',
  ...Object.entries(findings).sort((a, b) => b[1] - a[1]).map(([issue, count]) => `| ${issue} | ${count} | ${((100 * count) / chords).toFixed(2)} |`),
  '',
  'Parallel and contrary fifths and octaves, crossings and overlaps are forbidden by the search and absent; "range (the given melody)" is Bach\'s soprano itself outside C4–G5; unresolved sevenths in the soprano are the melody\'s own (a seventh over which the tune leaps).',
  '',
  `Agreement with Bach's own chords at the same onsets (Bach's read by analyze_harmony; ${agreement.slots} onsets):`,
  '',
  '| same | share |',
  '|---|---:|',
  `| root | ${percent(agreement.root, agreement.slots)} |`,
  `| root and bass (chord and inversion) | ${percent(agreement.rootAndBass, agreement.slots)} |`,
  `| chord (same pitch classes) | ${percent(agreement.sameChord, agreement.slots)} |`,
  '',
  'Bach changes chord under passing notes, uses suspensions and sevenths far more freely, and modulates along the phrase; the harmonizer chooses one chord per beat in one key (with applied dominants), so agreement is a measure of resemblance, not of correctness.',
  '',
  '### Time per tool, 16-bar melody (goal < 1 s)',
  '',
  '| call | median ms | max ms |',
  '|---|---:|---:|',
  ...timings.map(([name, middle, slowest]) => `| ${name} | ${middle.toFixed(1)} | ${slowest.toFixed(1)} |`),
  '',
  '### Style imitation: distance of generated pieces to each corpus',
  '',
  '1 − cosine similarity of tonic-relative pitch-class / melodic-interval profiles, mean over 10 pieces of 16 bars (seeds 0–9, order 2); smaller is closer.',
  '',
  '| pieces | to Bach (pc / interval) | to Irish tunes (pc / interval) |',
  '|---|---:|---:|',
  ...Object.entries(distances).map(([name, to]) => `| ${name} | ${to.Bach.pitchClass.toFixed(3)} / ${to.Bach.interval.toFixed(3)} | ${to.Irish.pitchClass.toFixed(3)} / ${to.Irish.interval.toFixed(3)} |`),
  '',
];
const markdown = lines.join('\n');
writeSection('generate', markdown);
process.stdout.write(markdown);
