#!/usr/bin/env node
/**
 * Calibrates and measures the confidences of analyze_harmony's readings (src/analysis/chord-alternatives.ts)
 * on the When in Rome development set (../shared/wir, folds of bench/harmony-folds.tsv).
 *
 * 1. Tuning fold only: every harmony's chord and key evidence, and the analysts' labels in force at its
 *    32nd-note frames (as bench/harmony-wir.mjs counts them). The chord temperature and length exponent
 *    start where they best predict the analyst's chord (root and quality, the 96 chords of chord-match.ts),
 *    the key temperature and chosen-key bonus where they best predict the analyst's key (grid searches);
 *    then the label share (the part of a chord-and-key probability its label keeps) is chosen by grid to
 *    minimise the binary log loss of the chosen reading's and its alternatives' confidences as
 *    probabilities that each is the analyst's full label (on every second tuning harmony, for time).
 *    Written to src/analysis/chord-alternatives-calibration.ts (--no-write keeps it).
 * 2. Both folds, with those values: frame-wise, the chosen reading's confidence against whether its full
 *    label (key, degree, root, quality, inversion: AugmentedNet's RomanNumeral) is the analyst's; a
 *    reliability table in ten bins, the expected calibration error (ECE: the frames' weighted mean gap
 *    between confidence and accuracy per bin), and how often the analyst's label is the chosen reading
 *    (top-1) or among it and its two alternatives (top-3).
 * Options: --every N (every Nth piece), --no-write. Needs a build (`npx tsc -p tsconfig.build.json`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AMBIGUOUS } from '../dist/analysis/chord-alternatives-calibration.js';
import { chordProbabilities, keyProbabilities, readingsOf } from '../dist/analysis/chord-alternatives.js';
import { chordify } from '../dist/analysis/chordify.js';
import { harmonyAnalysis } from '../dist/analysis/harmony.js';
import { readingEvidence } from '../dist/analysis/harmony-readings.js';
import { parseKeyName } from '../dist/analysis/roman.js';
import { readRomanLabel } from '../dist/analysis/roman-label.js';
import { toNumber } from '../dist/core/rational.js';
import { readScore } from '../dist/formats/read-score.js';
import { placeOnScore, readRomanText } from '../dist/formats/romantext/read.js';
import { writeSection } from './results-file.mjs';

const WIR = new URL('../../shared/wir/', import.meta.url);
const FOLDS = new URL('./harmony-folds.tsv', import.meta.url);
const CALIBRATION = new URL('../src/analysis/chord-alternatives-calibration.ts', import.meta.url);
const FRAME = 1 / 8;
const ALIGNED = 0.5;
const QUALITIES = ['major', 'minor', 'diminished', 'dominant seventh', 'minor seventh', 'half-diminished seventh', 'diminished seventh', 'major seventh'];
const NATURAL = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const BINS = 10;

const argument = (name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const every = Number(argument('--every') ?? 1);
const write = !process.argv.includes('--no-write');

if (!existsSync(new URL('manifest.tsv', WIR))) {
  process.stderr.write('bench/harmony-alternatives.mjs needs the When in Rome development set at ../shared/wir: it is not there, so nothing was measured.\n');
  process.exit(1);
}

const pitchClass = (name) => (((NATURAL[name[0]] + [...name.slice(1)].reduce((sum, sign) => sum + (sign === '#' ? 1 : -1), 0)) % 12) + 12) % 12;
const labelCache = new Map();
function label(figure, key) {
  const id = `${figure}@${key}`;
  if (!labelCache.has(id)) labelCache.set(id, readRomanLabel(figure, key));
  return labelCache.get(id);
}
const sameLabel = (a, b) => a !== undefined && b !== undefined && a.primaryDegree === b.primaryDegree && a.secondaryDegree === b.secondaryDegree && a.root === b.root && a.quality === b.quality && a.inversion === b.inversion;
const fullMatch = (reading, truth) => reading.key === truth.key && sameLabel(label(reading.figure, reading.key), truth.label);
const inEffect = (items, at) => {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle].at <= at + 1e-9) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
};

/** per harmony of the piece: its evidence, the reading chosen, and the analysts' labels over its frames with their frame counts */
function piece(path) {
  const folder = new URL(`${path}/`, WIR);
  const scoreFile = existsSync(new URL('score.mxl', folder)) ? 'score.mxl' : 'score.xml';
  const score = readScore(readFileSync(new URL(scoreFile, folder)), scoreFile.endsWith('mxl') ? 'mxl' : 'musicxml').score;
  const human = placeOnScore(readRomanText(readFileSync(new URL('analysis.txt', folder), 'utf8')), score)
    .map((harmony) => ({ at: toNumber(harmony.offset), key: harmony.key, label: label(harmony.figure, harmony.key) }))
    .sort((a, b) => a.at - b.at);
  const verticals = chordify(score).map((vertical) => ({ ...vertical, at: toNumber(vertical.offset) }));
  const sounding = human.filter((harmony) => {
    const vertical = verticals[inEffect(verticals, harmony.at)];
    return harmony.label && vertical?.pitches.some((pitch) => pitch.pitchClass === pitchClass(harmony.label.root));
  }).length;
  if (human.length === 0 || sounding / human.length < ALIGNED) return undefined;
  const analysis = harmonyAnalysis(score);
  const evidence = readingEvidence(analysis, score);
  const ours = analysis.harmonies.map((harmony, index) => ({ harmony, evidence: memoized(evidence[index]), at: toNumber(harmony.offset), truths: new Map() }));
  const measures = score.parts[0]?.measures ?? [];
  const last = measures[measures.length - 1];
  const end = last ? toNumber(last.offset) + toNumber(last.duration) : 0;
  for (let at = human[0].at; at < end - 1e-9; at += FRAME) {
    const truth = human[inEffect(human, at)];
    const mine = ours[inEffect(ours, at)];
    if (!truth.label || !mine) continue;
    const entry = mine.truths.get(truth) ?? { truth, frames: 0 };
    entry.frames++;
    mine.truths.set(truth, entry);
  }
  return ours.filter((harmony) => harmony.truths.size > 0);
}

/** the evidence with its chords' names remembered: they do not depend on the calibration, and the fit asks often */
function memoized(evidence) {
  const names = new Map();
  const name = (chord, key) => {
    const id = chord * 24 + key;
    if (!names.has(id)) names.set(id, evidence.name(chord, key));
    return names.get(id);
  };
  return { ...evidence, name };
}

function gather(fold) {
  const paths = readFileSync(FOLDS, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')).filter((row) => row[3] === fold);
  const harmonies = [];
  paths.filter((_, index) => index % every === 0).forEach(([path, stratum]) => {
    for (const harmony of piece(path) ?? []) harmonies.push({ ...harmony, stratum });
  });
  return harmonies;
}

const chordIndex = (truth) => {
  const quality = QUALITIES.indexOf(truth.label.quality);
  return quality < 0 ? -1 : quality * 12 + pitchClass(truth.label.root);
};
const keyIndex = (truth) => {
  const { tonic, mode } = parseKeyName(truth.key);
  return (mode === 'major' ? 0 : 12) + pitchClass(`${tonic.step}${tonic.alter > 0 ? '#'.repeat(tonic.alter) : 'b'.repeat(-tonic.alter)}`);
};

/** the frames' mean negative log likelihood of the analyst's chord or key under `probabilities` */
function logLoss(harmonies, probabilities, indexOf) {
  let loss = 0;
  let frames = 0;
  for (const harmony of harmonies) {
    const p = probabilities(harmony.evidence);
    for (const { truth, frames: count } of harmony.truths.values()) {
      const index = indexOf(truth);
      if (index < 0) continue;
      loss -= count * Math.log(Math.max(p[index], 1e-12));
      frames += count;
    }
  }
  return loss / frames;
}

function best(grid, loss) {
  let found;
  for (const candidate of grid) {
    const value = loss(candidate);
    if (!found || value < found.value) found = { candidate, value };
  }
  return found;
}

const started = performance.now();
const tuning = gather('tuning');
process.stdout.write(`tuning: ${tuning.length} harmonies (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
const temperatures = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16];
const chordFit = best(
  temperatures.flatMap((chordTemperature) => [0, 0.25, 0.5, 0.75, 1].map((lengthExponent) => ({ chordTemperature, lengthExponent }))),
  (candidate) => logLoss(tuning, (evidence) => chordProbabilities(evidence, { ...candidate, keyTemperature: 1, chosenKeyBonus: 0, labelShare: 1 }), chordIndex),
);
const keyFit = best(
  temperatures.flatMap((keyTemperature) => [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5].map((chosenKeyBonus) => ({ keyTemperature, chosenKeyBonus }))),
  (candidate) => logLoss(tuning, (evidence) => keyProbabilities(evidence, { chordTemperature: 1, lengthExponent: 0, labelShare: 1, ...candidate }), keyIndex),
);
const start = { ...chordFit.candidate, ...keyFit.candidate, labelShare: 1 };
// every second harmony of the tuning fold, for time: each value tried re-weighs every reading
const fitted = tuning.filter((_, index) => index % 2 === 0);
process.stdout.write(`chords and keys apart ${JSON.stringify(start)}: chord log loss ${chordFit.value.toFixed(3)}, key log loss ${keyFit.value.toFixed(3)}\n`);

/**
 * the frames' mean binary log loss of the chosen reading's and its two alternatives' confidences, each as
 * the probability that it is the analyst's full label (a proper score: it is least when they are calibrated)
 */
function labelLoss(harmonies, candidate) {
  let loss = 0;
  let frames = 0;
  for (const { harmony, evidence, truths } of harmonies) {
    const { confidence, alternatives } = readingsOf(evidence, harmony, candidate);
    const readings = [{ ...harmony, confidence }, ...alternatives];
    for (const { truth, frames: count } of truths.values()) {
      for (const reading of readings) {
        const probability = Math.min(1 - 1e-6, Math.max(1e-6, reading.confidence));
        loss -= count * Math.log(fullMatch(reading, truth) ? probability : 1 - probability);
      }
      frames += count;
    }
  }
  return loss / frames;
}

// the label share alone, by grid: moving the temperatures against this loss too ran (on the full tuning fold) to a
// degenerate answer, every confidence one half and no alternatives, calibrated on average and useless
let calibration = start;
let calibrationLoss = Infinity;
for (let share = 0.5; share <= 1.0001; share += 0.05) {
  const candidate = { ...start, labelShare: Math.round(share * 100) / 100 };
  const value = labelLoss(fitted, candidate);
  if (value < calibrationLoss) [calibration, calibrationLoss] = [candidate, value];
}
process.stdout.write(`label share ${calibration.labelShare}: binary log loss ${calibrationLoss.toFixed(4)}\n`);

/** reliability, ECE and top-1 / top-3 over a fold's frames, per stratum and overall */
function measure(harmonies) {
  const groups = new Map();
  const group = (name) => {
    if (!groups.has(name)) groups.set(name, { frames: 0, top1: 0, top3: 0, shown: 0, harmonies: 0, ambiguousFrames: 0, ambiguousTop3: 0, bins: Array.from({ length: BINS }, () => ({ frames: 0, confidence: 0, right: 0 })) });
    return groups.get(name);
  };
  for (const { harmony, evidence, truths, stratum } of harmonies) {
    const { confidence, alternatives } = readingsOf(evidence, harmony, calibration);
    const bin = Math.min(BINS - 1, Math.floor(confidence * BINS));
    for (const name of [stratum, 'all']) {
      const totals = group(name);
      totals.harmonies++;
      totals.shown += confidence < AMBIGUOUS ? 1 : 0;
      for (const { truth, frames } of truths.values()) {
        const top1 = fullMatch(harmony, truth);
        const top3 = top1 || alternatives.some((reading) => fullMatch(reading, truth));
        totals.frames += frames;
        totals.top1 += top1 ? frames : 0;
        totals.top3 += top3 ? frames : 0;
        if (confidence < AMBIGUOUS) {
          totals.ambiguousFrames += frames;
          totals.ambiguousTop3 += top3 ? frames : 0;
        }
        totals.bins[bin].frames += frames;
        totals.bins[bin].confidence += frames * confidence;
        totals.bins[bin].right += top1 ? frames : 0;
      }
    }
  }
  for (const totals of groups.values()) totals.ece = totals.bins.reduce((sum, bin) => sum + (bin.frames === 0 ? 0 : Math.abs(bin.confidence - bin.right)), 0) / totals.frames;
  return groups;
}

const percent = (part, whole) => (whole === 0 ? '–' : ((100 * part) / whole).toFixed(1));
const tuned = measure(tuning);
tuning.length = 0;
const validationHarmonies = gather('validation');
const validated = measure(validationHarmonies);
process.stdout.write(`validation: ${validationHarmonies.length} harmonies; ${((performance.now() - started) / 1000).toFixed(0)} s in all\n`);

if (write && every === 1) {
  writeFileSync(
    CALIBRATION,
    `/**
 * How chord-alternatives.ts tempers its scores into confidences: fitted by bench/harmony-alternatives.mjs on
 * the tuning fold of the When in Rome development set: the temperatures by the likelihood of the analysts'
 * chords and keys over 32nd-note frames, the label share by the binary log loss (${calibrationLoss.toFixed(3)}) of each listed
 * reading's confidence as the probability that it is the analyst's full label. Generated, do not edit.
 * Re-run it whenever the chord or key model's weights change.
 */
export interface ReadingCalibration {
  /** the chord scores summed over a harmony are divided by chordTemperature × slots^lengthExponent */
  readonly chordTemperature: number;
  readonly lengthExponent: number;
  /** the key model's averaged log probabilities are divided by keyTemperature … */
  readonly keyTemperature: number;
  /** … and the key the key HMM chose gains this much */
  readonly chosenKeyBonus: number;
  /** the share of a chord and key's probability its label keeps (the rest: boundaries and inversions heard otherwise) */
  readonly labelShare: number;
}

export const READING_CALIBRATION: ReadingCalibration = ${JSON.stringify(calibration)};

/** a harmony whose reading is less likely than this is ambiguous: analyze_harmony lists its alternatives unasked */
export const AMBIGUOUS = ${AMBIGUOUS};
`,
  );
}

const NOTE =
  'Tried and rejected (tuning fold only): fitting all five values at once against the label loss, one at a time by coordinate descent, ran on the full tuning fold to a degenerate answer (chord temperature 0.03, label share 0.5): every confidence one half, no alternatives, an ECE of 2.4 on validation that says nothing (the same search on a tenth of the pieces had stopped at chord temperature 2.5, key temperature 3, bonus 3, share 0.85: ECE 7.2 on a tenth of the validation fold). Now the temperatures come from the chords\' and keys\' own likelihoods, and only the share from the label loss. ' +
  'Naming at most five chords in three keys gave top-3 58.7% against top-1 48.7% on a tenth of the validation fold (with the chord and key likelihood fit alone); at most three chords in two keys, and no reading under 1%, cut the readings\' cost fourfold (130 → 30 ms on a 400-bar quartet movement).';
const STRATA = ['Bach chorales', 'Monteverdi madrigals', 'OpenScore-LiederCorpus', 'Quartets', 'Piano_Sonatas', 'Keyboard_Other', 'Variations_and_Grounds', 'Orchestral', 'all'];
const summaryRows = [];
for (const [fold, groups] of [['tuning', tuned], ['validation', validated]]) {
  for (const stratum of STRATA) {
    const totals = groups.get(stratum);
    if (!totals) continue;
    summaryRows.push(
      `| ${stratum === 'all' ? '**all**' : stratum} | ${fold} | ${totals.frames} | ${percent(totals.top1, totals.frames)} | **${percent(totals.top3, totals.frames)}** | ${(100 * totals.ece).toFixed(1)} | ${percent(totals.shown, totals.harmonies)} | ${percent(totals.ambiguousTop3, totals.ambiguousFrames)} |`,
    );
  }
}
const reliability = validated.get('all').bins.map((bin, index) =>
  `| ${(index / BINS).toFixed(1)}–${((index + 1) / BINS).toFixed(1)} | ${bin.frames} | ${percent(bin.frames, validated.get('all').frames)} | ${bin.frames ? (100 * (bin.confidence / bin.frames)).toFixed(1) : '–'} | ${percent(bin.right, bin.frames)} |`,
);
const markdown = [
  '### Alternative readings and their confidence (bench/harmony-alternatives.mjs)',
  '',
  `Date: ${new Date().toISOString()}, Node ${process.version}, load average ${(await import('node:os')).loadavg()[0].toFixed(1)} at the end.  `,
  'Command: `node bench/harmony-alternatives.mjs` (after `npx tsc -p tsconfig.build.json`). analyze_harmony gives each harmony a `confidence` (how likely an analyst writes its label: key, numeral and inversion) and up to two `alternatives` with theirs (src/analysis/chord-alternatives.ts): chords from the chord Viterbi\'s own scores summed over the harmony, keys from the learned key model averaged over it, both tempered; a chord in a key is named as the analysis names it, and equal labels add up. ' +
    `The five values (chord temperature and length exponent, key temperature and chosen-key bonus, the share of a chord-and-key probability its label keeps) were fitted on the tuning fold only, the temperatures by the likelihood of the analysts' chords and keys, the share by the binary log loss of each listed reading's confidence against its being the analyst's full label: ${JSON.stringify(calibration)}. Measured frame-wise (every 32nd note, the label in force, as bench/harmony-wir.mjs), the same pieces it leaves out left out.`,
  '',
  'Top-1: the chosen reading is the analyst\'s full label (the full-label accuracy of the table above, counted over the frames a harmony of ours covers). Top-3: the analyst\'s label is the chosen reading or one of its two alternatives. ECE: expected calibration error over ten confidence bins (0 is perfect). Ambiguous: harmonies with confidence below ' + `${AMBIGUOUS}, whose alternatives analyze_harmony lists by default (\`detail: ["alternatives"]\` lists them for every harmony); the last column is top-3 on their frames.`,
  '',
  '| sub-corpus | fold | frames | top-1 | top-3 | ECE | ambiguous harmonies | top-3 where ambiguous |',
  '|---|---|---:|---:|---:|---:|---:|---:|',
  ...summaryRows,
  '',
  'Reliability on the validation fold (all sub-corpora): frames by the confidence of the chosen reading, and how often that reading was the analyst\'s.',
  '',
  '| confidence | frames | share | mean confidence | right |',
  '|---|---:|---:|---:|---:|',
  ...reliability,
  '',
  NOTE,
].join('\n');
if (write && every === 1) writeSection('harmony-alternatives', markdown);
process.stdout.write(`${markdown}\n`);
