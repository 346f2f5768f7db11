/**
 * A searchable corpus: the pieces' melodies and harmonies in flat typed arrays (one global array per
 * column, each line or piece a range of it) and the inverted indexes over them. Built from PieceExtracts;
 * adding pieces rebuilds only the indexes (linear time), never re-reads or re-analyses a piece.
 */
import { buildNgramIndex, type NgramIndex } from './ngram-index.js';
import type { PieceExtract } from './piece.js';
import { melodicSymbols } from './tokens.js';

/** n-gram lengths: intervals have ~25 common values, rhythm ratios fewer, so rhythm needs longer grams */
export const PITCH_N = 4;
export const COMBINED_N = 3;
export const RHYTHM_N = 6;

/** how corpora are named: letters, digits, ".", "_" and "-", up to 64, starting with a letter or digit */
export const CORPUS_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
/** the corpus of scores bundled with Cadenza, which every tenant can search */
export const BUNDLED_CORPUS_NAME = 'bundled';

export interface PieceMeta {
  readonly id: string;
  readonly title?: string;
  readonly composer?: string;
  readonly key?: string;
  readonly meter?: string;
  readonly measures: readonly string[];
  readonly parts: readonly { readonly id: string; readonly name?: string }[];
  /** its lines are lines[firstLine .. firstLine + parts.length) */
  readonly firstLine: number;
  /** its harmonies are harmonies[firstHarmony .. harmonyEnd) */
  readonly firstHarmony: number;
  readonly harmonyEnd: number;
}

export interface NoteColumns {
  readonly midi: Uint8Array;
  readonly fifths: Int8Array;
  readonly onset: Float64Array;
  readonly duration: Float32Array;
  readonly measure: Uint16Array;
  readonly beat: Float32Array;
}

export interface HarmonyColumns {
  /** index into figureNames */
  readonly figure: Uint16Array;
  /** the figure without its inversion ("V65" → "V7"), index into figureNames */
  readonly generic: Uint16Array;
  /** index into keyNames */
  readonly key: Uint16Array;
  readonly measure: Uint16Array;
  readonly beat: Float32Array;
  /** index into CADENCE_TYPES of the cadence ending on this harmony, −1 for none */
  readonly cadence: Int8Array;
  readonly piece: Uint32Array;
}

export const CADENCE_TYPES = ['PAC', 'IAC', 'HC', 'Phrygian HC', 'plagal', 'deceptive'] as const;

export interface CorpusIndex {
  readonly pieces: readonly PieceMeta[];
  /** lineStarts[l] .. lineStarts[l+1] are line l's notes; linePiece[l] its piece */
  readonly lineStarts: Uint32Array;
  readonly linePiece: Uint32Array;
  readonly notes: NoteColumns;
  /** per note, the symbols that start at it (see tokens.ts); meaningless at a line's last notes */
  readonly intervals: Int8Array;
  readonly ratios: Int8Array;
  readonly combined: Int32Array;
  readonly pitchIndex: NgramIndex;
  readonly combinedIndex: NgramIndex;
  readonly rhythmIndex: NgramIndex;
  readonly figureNames: readonly string[];
  readonly keyNames: readonly string[];
  readonly harmonies: HarmonyColumns;
  /** figure id → harmony positions with that figure (a 1-gram index), and the same for generic figures */
  readonly figureIndex: NgramIndex;
  readonly genericIndex: NgramIndex;
}

/** The stored part of an index: everything but the derived symbols and n-gram indexes. */
export type IndexColumns = Pick<CorpusIndex, 'pieces' | 'lineStarts' | 'linePiece' | 'notes' | 'figureNames' | 'keyNames' | 'harmonies'>;

/** buildCorpusIndex([extractPiece(score, "a")]) → an index of one piece */
export function buildCorpusIndex(extracts: readonly PieceExtract[]): CorpusIndex {
  return indexColumns(columnsOf(extracts));
}

/** appendPieces(index, extracts) → a new index with the pieces added (same ids replaced) */
export function appendPieces(index: CorpusIndex, extracts: readonly PieceExtract[]): CorpusIndex {
  const replaced = new Set(extracts.map((extract) => extract.id));
  return buildCorpusIndex([...index.pieces.filter((piece) => !replaced.has(piece.id)).map((piece) => extractOf(index, piece)), ...extracts]);
}

/** indexColumns(columns) → the full index: symbols derived and n-grams indexed (what loading a file does) */
export function indexColumns(columns: IndexColumns): CorpusIndex {
  const { notes, lineStarts } = columns;
  const count = notes.midi.length;
  const intervals = new Int8Array(count);
  const ratios = new Int8Array(count);
  const combined = new Int32Array(count);
  const lines = lineStarts.length - 1;
  const starts = lineStarts.subarray(0, lines);
  const pitchEnds = new Uint32Array(lines);
  const rhythmEnds = new Uint32Array(lines);
  for (let line = 0; line < lines; line++) {
    const [from, to] = [lineStarts[line]!, lineStarts[line + 1]!];
    const symbols = melodicSymbols(notes.midi.subarray(from, to), notes.onset.subarray(from, to), notes.duration.subarray(from, to));
    intervals.set(symbols.intervals, from);
    ratios.set(symbols.ratios, from);
    combined.set(symbols.combined, from);
    pitchEnds[line] = from + symbols.intervals.length;
    rhythmEnds[line] = from + symbols.ratios.length;
  }
  const { harmonies, pieces } = columns;
  return {
    ...columns,
    intervals,
    ratios,
    combined,
    pitchIndex: buildNgramIndex(intervals, starts, pitchEnds, PITCH_N),
    combinedIndex: buildNgramIndex(combined, starts, rhythmEnds, COMBINED_N),
    rhythmIndex: buildNgramIndex(ratios, starts, rhythmEnds, RHYTHM_N),
    figureIndex: buildNgramIndex(harmonies.figure, ...pieceRanges(pieces), 1),
    genericIndex: buildNgramIndex(harmonies.generic, ...pieceRanges(pieces), 1),
  };
}

function pieceRanges(pieces: readonly PieceMeta[]): [Uint32Array, Uint32Array] {
  return [Uint32Array.from(pieces, (piece) => piece.firstHarmony), Uint32Array.from(pieces, (piece) => piece.harmonyEnd)];
}

/** genericFigure("V65/V") → "V7/V"; ("I64") → "I": the chord without its inversion */
export function genericFigure(figure: string): string {
  const match = /^([b#]?(?:VII|vii|III|iii|IV|iv|VI|vi|II|ii|V|v|I|i)[o+ø]?)(\d*)((?:\/.*)?)$/.exec(figure);
  if (!match) return figure;
  const [, numeral, inversion, applied] = match as unknown as [string, string, string, string];
  const seventh = ['7', '65', '43', '42', '2'].includes(inversion);
  return `${numeral}${seventh ? '7' : ['', '6', '64', '53', '63'].includes(inversion) ? '' : inversion}${applied}`;
}

function columnsOf(extracts: readonly PieceExtract[]): IndexColumns {
  const noteCount = extracts.reduce((sum, piece) => sum + piece.lines.reduce((lineSum, line) => lineSum + line.midi.length, 0), 0);
  const harmonyCount = extracts.reduce((sum, piece) => sum + (piece.harmonies?.figure.length ?? 0), 0);
  const lineCount = extracts.reduce((sum, piece) => sum + piece.lines.length, 0);
  const notes: NoteColumns = {
    midi: new Uint8Array(noteCount),
    fifths: new Int8Array(noteCount),
    onset: new Float64Array(noteCount),
    duration: new Float32Array(noteCount),
    measure: new Uint16Array(noteCount),
    beat: new Float32Array(noteCount),
  };
  const harmonies: HarmonyColumns = {
    figure: new Uint16Array(harmonyCount),
    generic: new Uint16Array(harmonyCount),
    key: new Uint16Array(harmonyCount),
    measure: new Uint16Array(harmonyCount),
    beat: new Float32Array(harmonyCount),
    cadence: new Int8Array(harmonyCount).fill(-1),
    piece: new Uint32Array(harmonyCount),
  };
  const figureNames = new Vocabulary();
  const keyNames = new Vocabulary();
  const lineStarts = new Uint32Array(lineCount + 1);
  const linePiece = new Uint32Array(lineCount);
  const pieces: PieceMeta[] = [];
  let note = 0;
  let line = 0;
  let harmony = 0;
  extracts.forEach((extract, pieceIndex) => {
    const firstLine = line;
    for (const part of extract.lines) {
      lineStarts[line] = note;
      linePiece[line++] = pieceIndex;
      for (let i = 0; i < part.midi.length; i++, note++) {
        notes.midi[note] = part.midi[i]!;
        notes.fifths[note] = part.fifths[i]!;
        notes.onset[note] = part.onset[i]!;
        notes.duration[note] = part.duration[i]!;
        notes.measure[note] = part.measure[i]!;
        notes.beat[note] = part.beat[i]!;
      }
    }
    const firstHarmony = harmony;
    const found = extract.harmonies;
    if (found) {
      for (let i = 0; i < found.figure.length; i++) {
        harmonies.figure[harmony + i] = figureNames.idOf(found.figure[i]!);
        harmonies.generic[harmony + i] = figureNames.idOf(genericFigure(found.figure[i]!));
        harmonies.key[harmony + i] = keyNames.idOf(found.key[i]!);
        harmonies.measure[harmony + i] = found.measure[i]!;
        harmonies.beat[harmony + i] = found.beat[i]!;
        harmonies.piece[harmony + i] = pieceIndex;
      }
      for (const cadence of found.cadences) harmonies.cadence[harmony + cadence.harmony] = CADENCE_TYPES.indexOf(cadence.type as (typeof CADENCE_TYPES)[number]);
      harmony += found.figure.length;
    }
    const { id, title, composer, key, meter, measures } = extract;
    const parts = extract.lines.map((part) => (part.partName ? { id: part.partId, name: part.partName } : { id: part.partId }));
    pieces.push({ id, ...(title ? { title } : {}), ...(composer ? { composer } : {}), ...(key ? { key } : {}), ...(meter ? { meter } : {}), measures, parts, firstLine, firstHarmony, harmonyEnd: harmony });
  });
  lineStarts[lineCount] = note;
  return { pieces, lineStarts, linePiece, notes, figureNames: figureNames.names, keyNames: keyNames.names, harmonies };
}

/** extractOf(index, piece) → the piece back as an extract, to rebuild an index with it */
function extractOf(index: CorpusIndex, piece: PieceMeta): PieceExtract {
  const lines = piece.parts.map((part, offset) => {
    const [from, to] = [index.lineStarts[piece.firstLine + offset]!, index.lineStarts[piece.firstLine + offset + 1]!];
    const column = <T extends ArrayLike<number>>(values: T & { subarray(a: number, b: number): T }) => Array.from(values.subarray(from, to));
    const { midi, fifths, onset, duration, measure, beat } = index.notes;
    return { partId: part.id, ...(part.name ? { partName: part.name } : {}), midi: column(midi), fifths: column(fifths), onset: column(onset), duration: column(duration), measure: column(measure), beat: column(beat) };
  });
  const { firstHarmony: from, harmonyEnd: to } = piece;
  const { figure, key, measure, beat, cadence } = index.harmonies;
  const harmonies = to > from
    ? {
        figure: Array.from(figure.subarray(from, to), (id) => index.figureNames[id]!),
        key: Array.from(key.subarray(from, to), (id) => index.keyNames[id]!),
        measure: Array.from(measure.subarray(from, to)),
        beat: Array.from(beat.subarray(from, to)),
        cadences: [...cadence.subarray(from, to)].flatMap((type, harmony) => (type >= 0 ? [{ harmony, type: CADENCE_TYPES[type]! }] : [])),
      }
    : undefined;
  const { id, title, composer, key: pieceKey, meter, measures } = piece;
  return { id, ...(title ? { title } : {}), ...(composer ? { composer } : {}), ...(pieceKey ? { key: pieceKey } : {}), ...(meter ? { meter } : {}), measures, lines, ...(harmonies ? { harmonies } : {}) };
}

class Vocabulary {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
}
