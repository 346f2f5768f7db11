/**
 * Transposition: by a spelled interval (key signatures and chord symbols follow), by semitones (spelled in
 * the key signature with the fewest accidentals), or to a named key (the nearer way from the score's key).
 */
import { analyzeKey } from '../../analysis/key.js';
import { parseKeyName, readKeyName, type KeyName } from '../../analysis/roman.js';
import { chordSymbolFigure, realizeChordSymbol, type ChordSymbolRoot } from '../../core/chord-symbol.js';
import { CadenzaError } from '../../core/errors.js';
import { describeInterval, fifthsOfInterval, intervalBetween, intervalFromFifths, stepOnLineOfFifths, transposePitch, type Interval } from '../../core/interval.js';
import { accidentalName, pitch } from '../../core/pitch.js';
import type { ChordSymbol, Score } from '../../core/score.js';
import { mapPitches } from './map-pitches.js';
import { retitled } from './title.js';

/** transposeScore(chorale in G (1 sharp), M2) → the chorale in A, with 3 sharps and every note a step higher */
export function transposeScore(score: Score, interval: Interval, description = `transposed ${describeInterval(interval)}`): Score {
  const fifths = fifthsOfInterval(interval);
  const moved = mapPitches(score, {
    pitch: (p) => transposePitch(p, interval),
    key: (key) => ({ ...key, fifths: key.fifths + fifths }),
    harmony: (symbol) => transposeChordSymbol(symbol, interval),
  });
  return { ...moved, metadata: retitled(score, description) };
}

/** transposeBySemitones(score in C, 1) → the score in Db (5 flats) rather than C# (7 sharps) */
export function transposeBySemitones(score: Score, semitones: number): Score {
  const from = declaredFifths(score) ?? 0;
  const to = fewestAccidentals(from + 7 * semitones);
  const interval = intervalFromFifths(to - from, semitones);
  const amount = `${Math.abs(semitones)} semitone${Math.abs(semitones) === 1 ? '' : 's'}`;
  return transposeScore(score, interval, `transposed ${semitones < 0 ? 'down' : 'up'} ${amount}`);
}

/** transposeToKey(bwv66.6 in F# minor, "G minor") → up a minor second, not down a major seventh */
export function transposeToKey(score: Score, keyName: string): { score: Score; interval: Interval; from: string } {
  const target = readKeyName(keyName);
  if (!target) throw new CadenzaError('INVALID_ARGUMENT', `toKey "${keyName}" is not a key name.`, { hint: 'Write a tonic and a mode, e.g. "Eb major" or "F# minor".' });
  const source = scoreKey(score);
  const from = `${source.tonic.step}${accidentalName(source.tonic.alter)} ${source.mode}`;
  if (source.mode !== target.mode) {
    throw new CadenzaError('INVALID_ARGUMENT', `toKey "${keyName}" is ${target.mode}, but the score is in ${from}; transposition keeps the mode.`, {
      hint: `Ask for a ${source.mode} key.`,
    });
  }
  const interval = nearest(intervalBetween(pitch(source.tonic.step, source.tonic.alter, 4), pitch(target.tonic.step, target.tonic.alter, 4)));
  const to = `${target.tonic.step}${accidentalName(target.tonic.alter)} ${target.mode}`;
  return { score: transposeScore(score, interval, `transposed from ${from} to ${to}`), interval, from };
}

/** scoreKey(bwv66.6) → F# minor: the detected key, spelled as the key signature spells it when they agree */
export function scoreKey(score: Score): KeyName {
  const detected = parseKeyName(analyzeKey(score).name);
  const fifths = declaredFifths(score);
  if (fifths === undefined) return detected;
  // the tonic a signature implies: the major key's at `fifths` on the line of fifths, the minor's three further
  const position = fifths + (detected.mode === 'minor' ? 3 : 0);
  const tonic = pitch(stepOnLineOfFifths(position).step, stepOnLineOfFifths(position).alter, 4);
  const detectedPitch = pitch(detected.tonic.step, detected.tonic.alter, 4);
  return tonic.pitchClass === detectedPitch.pitchClass ? { tonic: { step: tonic.step, alter: tonic.alter }, mode: detected.mode } : detected;
}

/** the first key signature written in the score, if any */
export function declaredFifths(score: Score): number | undefined {
  for (const part of score.parts) {
    const key = part.measures[0]?.keys?.[0];
    if (key) return key.value.fifths;
  }
  return undefined;
}

/** the signature with the fewest accidentals among those 12 fifths apart (a tie goes to flats) */
function fewestAccidentals(fifths: number): number {
  const base = (((fifths % 12) + 12) % 12) - 12;
  const candidates = [base, base + 12].filter((candidate) => Math.abs(candidate) <= 7);
  return candidates.reduce((best, candidate) => (Math.abs(candidate) < Math.abs(best) ? candidate : best));
}

/** the same pitch-class move within an octave, up or down, whichever is fewer semitones (a tritone goes up) */
function nearest(interval: Interval): Interval {
  const steps = ((interval.steps % 7) + 7) % 7;
  const up = { steps, semitones: interval.semitones - 12 * ((interval.steps - steps) / 7) };
  const down = { steps: up.steps - 7, semitones: up.semitones - 12 };
  return Math.abs(down.semitones) < Math.abs(up.semitones) ? down : up;
}

function transposeChordSymbol(symbol: ChordSymbol, interval: Interval): ChordSymbol {
  const move = (root: ChordSymbolRoot): ChordSymbolRoot => {
    const moved = transposePitch(pitch(root.step, root.alter, 4), interval);
    return { step: moved.step, alter: moved.alter };
  };
  const spec = { ...symbol, root: move(symbol.root), ...(symbol.bass ? { bass: move(symbol.bass) } : {}) };
  return { ...spec, figure: chordSymbolFigure(spec), pitches: realizeChordSymbol(spec) };
}
