#!/usr/bin/env node
/**
 * Fits the local-key model by counting on the tuning fold of the When in Rome development set
 * (bench/harmony-folds.tsv; the validation fold is never read): how often each chord (root relative to the
 * tonic, quality) stands in a major and in a minor key, how often per quarter note the key moves, and
 * where to when it does. Writes src/analysis/key-chord-model.ts (log probabilities).
 * Only the human analyses are read (no scores): the counts are the analysts'.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readRomanLabel } from '../dist/analysis/roman-label.js';
import { parseKeyName } from '../dist/analysis/roman.js';
import { readRomanText, romanTextBeat } from '../dist/formats/romantext/read.js';

const WIR = new URL('../../shared/wir/', import.meta.url);
const FOLDS = new URL('./harmony-folds.tsv', import.meta.url);
const OUT = new URL('../src/analysis/key-chord-model.ts', import.meta.url);
/** Cadenza's chord qualities (analysis/chord-match.ts); others (augmented, augmented sixths) are not counted */
const QUALITIES = ['major', 'minor', 'diminished', 'dominant seventh', 'minor seventh', 'half-diminished seventh', 'diminished seventh', 'major seventh'];
const MODES = ['major', 'minor'];
const NATURAL = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
/** add-half smoothing: a chord never seen in a key is rare, not impossible */
const PRIOR = 0.5;

const pitchClass = (name) => (((NATURAL[name[0]] + [...name.slice(1)].reduce((sum, sign) => sum + (sign === '#' ? 1 : -1), 0)) % 12) + 12) % 12;
const tonicOf = (key) => {
  const { tonic } = parseKeyName(key);
  return (((NATURAL[tonic.step] + tonic.alter) % 12) + 12) % 12;
};

const chordCounts = MODES.map(() => Array.from({ length: 12 }, () => new Array(QUALITIES.length).fill(PRIOR)));
// transitions[fromMode][toMode][interval from the old tonic to the new]; interval 0 with the same mode is staying
const transitions = MODES.map((from) => MODES.map((to) => Array.from({ length: 12 }, (_, interval) => (interval === 0 && from === to ? 0 : PRIOR))));
const pieces = readFileSync(FOLDS, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')).filter((row) => row[3] === 'tuning');
let harmonies = 0;
let quarters = 0;
let moves = 0;

/** quarters from the start of measure 0, ignoring pickups: enough to measure how often keys change */
function positionOf(harmony, analysis) {
  const time = analysis.timeSignatures.filter((entry) => entry.measure <= harmony.measure).pop() ?? { value: '4/4' };
  const [beats, beatType] = time.value.split('/').map(Number);
  const beat = romanTextBeat(beats, beatType, time.speed);
  return harmony.measure * ((4 * beats) / beatType) + (harmony.beat - 1) * (beat.n / beat.d);
}
for (const [piece] of pieces) {
  const analysis = readRomanText(readFileSync(new URL(`${piece}/analysis.txt`, WIR), 'utf8'));
  let previous;
  for (const harmony of analysis.harmonies) {
    let key;
    try {
      key = { tonic: tonicOf(harmony.key), mode: MODES.indexOf(parseKeyName(harmony.key).mode) };
    } catch {
      continue;
    }
    const label = readRomanLabel(harmony.figure, harmony.key);
    const quality = label ? QUALITIES.indexOf(label.quality) : -1;
    if (label && quality >= 0) {
      chordCounts[key.mode][(pitchClass(label.root) - key.tonic + 12) % 12][quality]++;
      harmonies++;
    }
    const at = positionOf(harmony, analysis);
    if (previous && at > previous.at) quarters += at - previous.at;
    if (previous && (previous.tonic !== key.tonic || previous.mode !== key.mode)) {
      transitions[previous.mode][key.mode][(key.tonic - previous.tonic + 12) % 12]++;
      moves++;
    }
    previous = { ...key, at };
  }
}
const logTable = (rows) => {
  const total = rows.flat().reduce((sum, count) => sum + count, 0);
  return rows.map((row) => row.map((count) => Math.round(Math.log(count / total) * 1000) / 1000));
};
const chordModel = chordCounts.map(logTable);
const transitionModel = transitions.map((fromMode) => logTable(fromMode).map((row) => row.map((value) => (Number.isFinite(value) ? value : -99))));
const source = `/**
 * The local-key model's counts, as log probabilities, fitted on the tuning fold of the When in Rome
 * development set by bench/harmony-fit.mjs (${pieces.length} analyses, ${harmonies} human harmonies): generated, do not edit.
 * CHORD_IN_KEY[mode][root − tonic][quality]: how likely a chord is in a major (0) or minor (1) key.
 * KEY_MOVE[from mode][to mode][new tonic − old tonic]: where a key moves when it moves (never to itself).
 * KEY_CHANGES_PER_QUARTER: how often it moves, per quarter note of music.
 */
export const CHORD_QUALITY_ORDER = ${JSON.stringify(QUALITIES)} as const;

export const CHORD_IN_KEY: readonly (readonly (readonly number[])[])[] = ${JSON.stringify(chordModel)};

export const KEY_MOVE: readonly (readonly (readonly number[])[])[] = ${JSON.stringify(transitionModel)};

export const KEY_CHANGES_PER_QUARTER = ${(moves / quarters).toFixed(5)};
`;
writeFileSync(OUT, source);
process.stdout.write(`fitted on ${pieces.length} tuning analyses, ${harmonies} harmonies, ${moves} key changes in ${Math.round(quarters)} quarters\n`);
