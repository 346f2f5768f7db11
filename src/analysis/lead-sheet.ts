/**
 * A lead sheet's harmony is written down: its chord symbols say what the chords are, so they are read
 * rather than guessed from a melody that sounds only one note at a time. Each symbol becomes a harmony in
 * the piece's key, with its roman numeral (RomanText spelling) and function, lasting until the next one.
 */
import { positionsOf } from '../core/beats.js';
import { pitchName } from '../core/pitch.js';
import { add, compare, sub, type Rational } from '../core/rational.js';
import type { ChordSymbol, Score } from '../core/score.js';
import { harmonicFunction, type Harmony } from './harmony.js';
import { analyzeKey } from './key.js';
import { parseKeyName, romanFigure } from './roman.js';

/** A harmony as analyzeHarmony gives it, read from a chord symbol. */
export interface WrittenHarmony extends Harmony {
  /** the chord symbol as written, e.g. "F#m7/A" */
  readonly symbol: string;
}

interface PlacedSymbol {
  readonly offset: Rational;
  readonly measureIndex: number;
  readonly symbol: ChordSymbol;
}

/** isLeadSheet(score) → true when chord symbols are written in at least half of its measures */
export function isLeadSheet(score: Score): boolean {
  const measureCount = score.parts[0]?.measures.length ?? 0;
  const withSymbols = new Set(writtenSymbols(score).map((placed) => placed.measureIndex));
  return measureCount > 0 && withSymbols.size * 2 >= measureCount;
}

/** writtenHarmony(leadSheet) → [{ measure: "1", beat: 1, symbol: "C", figure: "I", key: "C major" }, …] */
export function writtenHarmony(score: Score, keyName: string = analyzeKey(score).name): WrittenHarmony[] {
  const key = parseKeyName(keyName);
  const positionOf = positionsOf(score);
  const end = scoreEnd(score);
  const placed = writtenSymbols(score).filter((entry) => entry.symbol.pitches.length > 0);
  return placed.map((entry, index) => {
    const { symbol } = entry;
    const next = placed[index + 1]?.offset ?? end;
    const figure = romanFigure(symbol.pitches, key, 'romantext');
    return {
      offset: entry.offset,
      duration: sub(next, entry.offset),
      measureIndex: entry.measureIndex,
      ...positionOf(entry.offset),
      key: keyName,
      figure,
      function: harmonicFunction(figure),
      root: `${symbol.root.step}${accidentalSign(symbol.root.alter)}`,
      quality: symbol.kind === 'dominant' ? 'dominant seventh' : symbol.kind.replace(/-/g, ' '),
      bass: pitchName(symbol.pitches[0]!).replace(/-?\d+$/, ''),
      pitches: symbol.pitches,
      fermata: false,
      symbol: symbol.figure,
    };
  });
}

/** every chord symbol of the score in time order (the first part that has any: a lead sheet's melody) */
function writtenSymbols(score: Score): PlacedSymbol[] {
  const part = score.parts.find((candidate) => candidate.measures.some((measure) => (measure.harmonies?.length ?? 0) > 0));
  if (!part) return [];
  return part.measures
    .flatMap((measure) => (measure.harmonies ?? []).map((timed) => ({ offset: add(measure.offset, timed.offset), measureIndex: measure.index, symbol: timed.value })))
    .sort((a, b) => compare(a.offset, b.offset));
}

function scoreEnd(score: Score): Rational {
  const last = score.parts[0]?.measures.at(-1);
  return last ? add(last.offset, last.duration) : { n: 0, d: 1 };
}

function accidentalSign(alter: number): string {
  return alter > 0 ? '#'.repeat(alter) : 'b'.repeat(-alter);
}
