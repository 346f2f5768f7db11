#!/usr/bin/env node
/**
 * `npm run bench:harmony`: Cadenza's harmonic analysis (keys and numerals from the notes alone) against the
 * human RomanText analyses of the When in Rome development set (../shared/wir), on the tuning and the
 * validation fold of bench/harmony-folds.tsv, per sub-corpus and overall.
 *
 * Frame-wise, as AugmentedNet scores (Nápoles López, Gotham & Fujinaga, ISMIR 2021; its evaluate.py):
 * every 32nd note, the human label in force is compared with Cadenza's on local key (spelled: D♭ ≠ C♯),
 * degree (primary and tonicized degree: "numeral regardless of key"), root (spelled), quality and
 * inversion; the full label is all five right (AugmentedNet's "RomanNumeral"). Frames run from the first
 * human label to the end of the score. Beside them, the per-onset figures of bench/harmony-vs-human.mjs
 * (at every human harmony onset: figure right, key right, both) and the naive baseline music21 offers
 * (chordify, then the numeral of each vertical in the analyst's own key; computed here by Cadenza's
 * music21-compatible chordify and romanFigure, as music21 is not installed).
 *
 * Options: --fold tuning|validation, --stratum NAME (prefix), --limit N, --confusions (top errors and the
 * wrong frames by kind of error), --every N (every Nth piece of the selection), --no-write.
 */
import { existsSync, readFileSync } from 'node:fs';
import { sameFigure } from '../dist/analysis/analysis-comparison.js';
import { chordify } from '../dist/analysis/chordify.js';
import { analyzeHarmony } from '../dist/analysis/harmony.js';
import { parseKeyName, romanFigure } from '../dist/analysis/roman.js';
import { readRomanLabel } from '../dist/analysis/roman-label.js';
import { toNumber } from '../dist/core/rational.js';
import { readScore } from '../dist/formats/read-score.js';
import { placeOnScore, readRomanText } from '../dist/formats/romantext/read.js';
import { writeSection } from './results-file.mjs';

const WIR = new URL('../../shared/wir/', import.meta.url);
const FOLDS = new URL('./harmony-folds.tsv', import.meta.url);
const FRAME = 1 / 8; // a 32nd note, in quarters
/** a piece whose human chords sound at fewer of its onsets than this is misaligned with its score (pickup, repeats) */
const ALIGNED = 0.5;

const argument = (name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const onlyFold = argument('--fold');
const onlyStratum = argument('--stratum');
const limit = Number(argument('--limit') ?? Infinity);
const every = Number(argument('--every') ?? 1);
const showConfusions = process.argv.includes('--confusions');
const write = !process.argv.includes('--no-write') && !onlyFold && !onlyStratum && limit === Infinity && every === 1;

if (!existsSync(new URL('manifest.tsv', WIR))) {
  process.stderr.write('npm run bench:harmony needs the When in Rome development set at ../shared/wir (beside the repository): it is not there, so nothing was measured.\n');
  process.exit(1);
}

const inEffect = (items, at) => {
  let low = 0;
  let high = items.length - 1;
  let found;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle].at <= at + 1e-9) {
      found = items[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
};

const labelCache = new Map();
function label(figure, key) {
  const id = `${figure}@${key}`;
  if (!labelCache.has(id)) labelCache.set(id, readRomanLabel(figure, key));
  return labelCache.get(id);
}

const SEVENTHS = new Set(['dominant seventh', 'minor seventh', 'half-diminished seventh', 'diminished seventh', 'major seventh', 'minor-major seventh']);
const THIRDS = { 'dominant seventh': 'major', 'minor seventh': 'minor', 'half-diminished seventh': 'diminished', 'diminished seventh': 'diminished', 'major seventh': 'major' };
const errorKinds = new Map();
/** why a frame's full label is wrong, the first that applies: a chord boundary off by a slot, the key, then the chord */
function errorKind(keyRight, truth, mine, human, around) {
  const matches = (harmony) => harmony?.key === human.key && sameLabel(label(harmony.figure, harmony.key), truth);
  if (matches(around(-0.5)) || matches(around(0.5))) return 'boundary off by a slot';
  if (!keyRight) {
    if (!mine || mine.root !== truth.root) return 'key wrong (and root)';
    return mine.quality === truth.quality && mine.inversion === truth.inversion ? 'key wrong, chord right' : 'key wrong, root right';
  }
  if (!mine) return 'no label';
  if (mine.root === truth.root && mine.quality === truth.quality) {
    if (mine.inversion !== truth.inversion) return 'inversion wrong';
    return 'degree wrong, chord right (applied vs diatonic)';
  }
  if (mine.root === truth.root) {
    if (SEVENTHS.has(truth.quality) && THIRDS[truth.quality] === mine.quality) return 'seventh missing';
    if (SEVENTHS.has(mine.quality) && THIRDS[mine.quality] === truth.quality) return 'seventh extra';
    return `quality wrong (${truth.quality} → ${mine.quality})`;
  }
  return truth.quality.endsWith('sixth') ? 'augmented sixth missed' : 'numeral wrong, key right';
}
const sameLabel = (a, b) => a !== undefined && b !== undefined && a.primaryDegree === b.primaryDegree && a.secondaryDegree === b.secondaryDegree && a.root === b.root && a.quality === b.quality && a.inversion === b.inversion;

const FIELDS = ['frames', 'key', 'degree', 'root', 'quality', 'inversion', 'full', 'naiveDegree', 'naiveFull', 'onsets', 'both', 'figure', 'onsetKey', 'naive'];

function evaluate(piece, confusions) {
  const folder = new URL(`${piece}/`, WIR);
  const scoreFile = existsSync(new URL('score.mxl', folder)) ? 'score.mxl' : 'score.xml';
  const score = readScore(readFileSync(new URL(scoreFile, folder)), scoreFile.endsWith('mxl') ? 'mxl' : 'musicxml').score;
  const human = placeOnScore(readRomanText(readFileSync(new URL('analysis.txt', folder), 'utf8')), score)
    .map((harmony) => ({ ...harmony, at: toNumber(harmony.offset) }))
    .sort((a, b) => a.at - b.at);
  const started = performance.now();
  const ours = analyzeHarmony(score).map((harmony) => ({ ...harmony, at: toNumber(harmony.offset) }));
  const milliseconds = performance.now() - started;
  const verticals = chordify(score).map((vertical) => ({ ...vertical, at: toNumber(vertical.offset) }));
  const measures = score.parts[0]?.measures ?? [];
  const last = measures[measures.length - 1];
  const end = last ? toNumber(last.offset) + toNumber(last.duration) : 0;
  const totals = Object.fromEntries(FIELDS.map((field) => [field, 0]));
  // alignment: the human chord's root or bass should sound at its onset
  let sounding = 0;
  for (const harmony of human) {
    const vertical = inEffect(verticals, harmony.at);
    const lab = label(harmony.figure, harmony.key);
    if (vertical && lab && vertical.pitches.some((pitch) => `${pitch.step}${pitch.alter > 0 ? '#'.repeat(pitch.alter) : 'b'.repeat(-pitch.alter)}` === lab.root)) sounding++;
    const mine = inEffect(ours, harmony.at);
    const figureRight = mine !== undefined && sameFigure(mine.figure, harmony.figure);
    const keyRight = mine !== undefined && mine.key === harmony.key;
    totals.onsets++;
    totals.figure += figureRight ? 1 : 0;
    totals.onsetKey += keyRight ? 1 : 0;
    totals.both += figureRight && keyRight ? 1 : 0;
    totals.naive += vertical && sameFigure(romanFigure(vertical.pitches, parseKeyName(harmony.key)), harmony.figure) ? 1 : 0;
  }
  const alignment = human.length === 0 ? 0 : sounding / human.length;
  if (alignment < ALIGNED) return { skipped: true, alignment, milliseconds };
  for (let at = human[0].at; at < end - 1e-9; at += FRAME) {
    const truth = inEffect(human, at);
    const trueLabel = label(truth.figure, truth.key);
    if (!trueLabel) continue;
    const mine = inEffect(ours, at);
    const myLabel = mine && label(mine.figure, mine.key);
    const vertical = inEffect(verticals, at);
    const naiveLabel = vertical && vertical.pitches.length > 0 ? label(romanFigure(vertical.pitches, parseKeyName(truth.key), 'romantext'), truth.key) : undefined;
    totals.frames++;
    const keyRight = mine?.key === truth.key;
    const same = (lab) => ({
      degree: lab !== undefined && lab.primaryDegree === trueLabel.primaryDegree && lab.secondaryDegree === trueLabel.secondaryDegree,
      root: lab?.root === trueLabel.root,
      quality: lab?.quality === trueLabel.quality,
      inversion: lab?.inversion === trueLabel.inversion,
    });
    const right = same(myLabel);
    const full = keyRight && right.degree && right.root && right.quality && right.inversion;
    totals.key += keyRight ? 1 : 0;
    totals.degree += right.degree ? 1 : 0;
    totals.root += right.root ? 1 : 0;
    totals.quality += right.quality ? 1 : 0;
    totals.inversion += right.inversion ? 1 : 0;
    totals.full += full ? 1 : 0;
    const naive = same(naiveLabel);
    totals.naiveDegree += naive.degree ? 1 : 0;
    totals.naiveFull += naive.degree && naive.root && naive.quality && naive.inversion ? 1 : 0;
    if (confusions && !full) {
      const kind = !keyRight ? `key ${truth.key} → ${mine?.key}` : `figure ${truth.figure} → ${mine?.figure}`;
      confusions.set(kind, (confusions.get(kind) ?? 0) + 1);
      const error = errorKind(keyRight, trueLabel, myLabel, truth, (shift) => inEffect(ours, at + shift));
      errorKinds.set(error, (errorKinds.get(error) ?? 0) + 1);
    }
  }
  return { totals, alignment, milliseconds, skipped: false };
}

const pieces = readFileSync(FOLDS, 'utf8').trim().split('\n').slice(1).map((line) => {
  const [piece, stratum, , fold] = line.split('\t');
  return { piece, stratum, fold };
});
const selected = pieces.filter((entry) => (!onlyFold || entry.fold === onlyFold) && (!onlyStratum || entry.stratum.startsWith(onlyStratum))).filter((_, index) => index % every === 0).slice(0, limit);
const groups = new Map();
const skipped = [];
const failed = [];
const confusions = showConfusions ? new Map() : undefined;
for (const entry of selected) {
  let result;
  try {
    result = evaluate(entry.piece, confusions);
  } catch (error) {
    failed.push(`${entry.piece}: ${error.message}`);
    continue;
  }
  if (result.skipped) {
    skipped.push(`${entry.piece} (${(100 * result.alignment).toFixed(0)}% of human roots sound)`);
    continue;
  }
  for (const name of [`${entry.stratum}\t${entry.fold}`, `All\t${entry.fold}`]) {
    const group = groups.get(name) ?? { pieces: 0, times: [], ...Object.fromEntries(FIELDS.map((field) => [field, 0])) };
    group.pieces++;
    group.times.push(result.milliseconds);
    for (const field of FIELDS) group[field] += result.totals[field];
    groups.set(name, group);
  }
}

const percent = (part, whole) => (whole === 0 ? '–' : ((100 * part) / whole).toFixed(1));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const STRATA = ['Bach chorales', 'Monteverdi madrigals', 'OpenScore-LiederCorpus', 'Quartets', 'Piano_Sonatas', 'Keyboard_Other', 'Variations_and_Grounds', 'Orchestral', 'All'];
const rows = [];
for (const fold of ['tuning', 'validation']) {
  for (const stratum of STRATA) {
    const group = groups.get(`${stratum}\t${fold}`);
    if (!group) continue;
    const f = group.frames;
    const o = group.onsets;
    rows.push(
      `| ${stratum === 'All' ? '**all**' : stratum} | ${fold} | ${group.pieces} | ${f} | **${percent(group.key, f)}** | **${percent(group.full, f)}** | ${percent(group.degree, f)} | ${percent(group.root, f)} | ${percent(group.quality, f)} | ${percent(group.inversion, f)} | ${percent(group.naiveDegree, f)} / ${percent(group.naiveFull, f)} | ${o} | ${percent(group.both, o)} | ${percent(group.figure, o)} | ${percent(group.onsetKey, o)} | ${percent(group.naive, o)} | ${median(group.times).toFixed(1)} / ${Math.max(...group.times).toFixed(0)} |`,
    );
  }
}
const lines = [
  '## Harmony against human analyses (When in Rome)',
  '',
  `Date: ${new Date().toISOString()}  `,
  'Command: `npm run bench:harmony` (bench/harmony-wir.mjs). Pieces: the When in Rome development set (../shared/wir, 479 scores with human RomanText analyses), split by bench/harmony-folds.mjs into a tuning and a validation fold (bench/harmony-folds.tsv: deterministic, stratified, by work). Parameters are chosen on the tuning fold only.  ',
  'Frame-wise (every 32nd note, as AugmentedNet\'s evaluate.py): local key (spelled), **full label** (key, degree, root, quality and inversion all right: AugmentedNet\'s "RomanNumeral"), degree (primary and tonicized: the numeral regardless of key), root, quality, inversion. Per onset (bench/harmony-vs-human.mjs\'s measure, at every human harmony onset): figure and key right, figure right, key right. The naive baseline is music21\'s (chordify, then the numeral of each vertical in the analyst\'s own key), computed by Cadenza\'s music21-compatible chordify and numeral because music21 is not installed here; it is handed the human key, so its key is right by construction.',
  '',
  '| sub-corpus | fold | pieces | frames | key | full label | degree | root | quality | inversion | naive, human key: degree / full | onsets | per onset: figure and key | figure | key | naive figure | ms per piece: median / max |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows,
  '',
  'AugmentedNet\'s published figures (ISMIR 2021, frame-wise, its test split): key 82.9, full roman numeral 46.4 over six corpora (ABC, BPS, HaydnSun, TAVERN, WiR, WTC); key 81.8, full RN 56.4 on its When in Rome subset. The metric is the same (32nd-note frames, RomanNumeral = key, degree, quality, root and inversion all right); the pieces differ: its test pieces are a fixed split of those corpora, these are this development set\'s folds (chorales, madrigals, lieder, quartets, sonatas and keyboard pieces, without ABC, BPS, HaydnSun and TAVERN), and its quality classes are 15 named chord types where these are the qualities RomanText spells.',
  '',
  `Left out: ${skipped.length} pieces whose analysis does not line up with its score (fewer than half of the human roots sound at their onsets: pickups counted differently, repeats written out)${skipped.length ? `: ${skipped.join('; ')}` : ''}. ${failed.length} pieces failed${failed.length ? `: ${failed.join('; ')}` : ''}.`,
  '',
];
const LOG = new URL('./harmony-log.md', import.meta.url);
if (existsSync(LOG)) lines.push(readFileSync(LOG, 'utf8').trim(), '');
const markdown = lines.join('\n');
if (write) writeSection('harmony-wir', markdown);
process.stdout.write(markdown);
if (confusions) {
  const top = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 40);
  const wrong = [...errorKinds.values()].reduce((sum, count) => sum + count, 0);
  process.stdout.write(`\nWrong frames by kind (${wrong}):\n${[...errorKinds].sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${count}\t${((100 * count) / wrong).toFixed(1)}%\t${kind}`).join('\n')}\n`);
  process.stdout.write(`\nTop confusions (frames):\n${top.map(([kind, count]) => `${count}\t${kind}`).join('\n')}\n`);
}
