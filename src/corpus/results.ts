/** Matches as a reader wants them: the piece, part, printed measure and beat, and the passage itself. */
import { stepOnLineOfFifths } from '../core/interval.js';
import { accidentalName } from '../core/pitch.js';
import type { CorpusIndex } from './corpus-index.js';
import type { HarmonicMatch } from './harmonic-search.js';
import type { MelodicMatch } from './melodic-search.js';

export interface PassagePlace {
  readonly pieceId: string;
  readonly title?: string;
  readonly composer?: string;
  /** measure and beat where the passage starts; the measure as printed */
  readonly measure: string;
  readonly beat: number;
  readonly endMeasure: string;
  /** 0-based positions of those measures in the piece, for tools that take measure indexes */
  readonly measureIndex: number;
}

export interface MelodicResult extends PassagePlace {
  readonly partId: string;
  readonly partName?: string;
  readonly distance: number;
  readonly transposition: number;
  /** the matched notes, e.g. "E4 D4 C4 D4 E4" (at most SLICE_NOTES, then "…") */
  readonly slice: string;
}

export interface HarmonicResult extends PassagePlace {
  readonly key: string;
  /** the matched figures, e.g. "ii65 V7 I" */
  readonly slice: string;
  readonly cadence?: string;
}

const SLICE_NOTES = 16;

/** describeMelodicMatch(index, match) → where it is and what it sounds like */
export function describeMelodicMatch(corpus: CorpusIndex, match: MelodicMatch): MelodicResult {
  const piece = corpus.pieces[corpus.linePiece[match.line]!]!;
  const part = piece.parts[match.line - piece.firstLine]!;
  const last = match.start + match.noteCount - 1;
  const shown = Math.min(match.noteCount, SLICE_NOTES);
  const names = Array.from({ length: shown }, (_, i) => noteName(corpus, match.start + i));
  return {
    ...place(piece, corpus.notes.measure[match.start]!, corpus.notes.beat[match.start]!, corpus.notes.measure[last]!),
    partId: part.id,
    ...(part.name ? { partName: part.name } : {}),
    distance: match.distance,
    transposition: match.transposition,
    slice: names.join(' ') + (match.noteCount > shown ? ' …' : ''),
  };
}

/** describeHarmonicMatch(index, match) → where the progression is, in which key, and its figures */
export function describeHarmonicMatch(corpus: CorpusIndex, match: HarmonicMatch): HarmonicResult {
  const { harmonies } = corpus;
  const piece = corpus.pieces[harmonies.piece[match.start]!]!;
  const end = match.cadence ? Math.max(match.cadence.harmony, match.start + match.length - 1) : match.start + match.length - 1;
  const figures = Array.from({ length: end - match.start + 1 }, (_, i) => corpus.figureNames[harmonies.figure[match.start + i]!]!);
  return {
    ...place(piece, harmonies.measure[match.start]!, harmonies.beat[match.start]!, harmonies.measure[end]!),
    key: corpus.keyNames[harmonies.key[match.start]!]!,
    slice: figures.join(' '),
    ...(match.cadence ? { cadence: match.cadence.type } : {}),
  };
}

/** noteName(index, 12) → "F#4": a stored note spelled as it was written */
export function noteName(corpus: CorpusIndex, note: number): string {
  const { step, alter } = stepOnLineOfFifths(corpus.notes.fifths[note]!);
  const octave = Math.floor((corpus.notes.midi[note]! - alter) / 12) - 1;
  return `${step}${accidentalName(alter)}${octave}`;
}

function place(piece: CorpusIndex['pieces'][number], measure: number, beat: number, endMeasure: number): PassagePlace {
  return {
    pieceId: piece.id,
    ...(piece.title ? { title: piece.title } : {}),
    ...(piece.composer ? { composer: piece.composer } : {}),
    measure: piece.measures[measure] ?? String(measure + 1),
    beat: Math.round(beat * 1000) / 1000,
    endMeasure: piece.measures[endMeasure] ?? String(endMeasure + 1),
    measureIndex: measure,
  };
}
