/** The corpus room on real chorales and a tune book from test/fixtures: what is indexed is found where it is. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCorpusIndex, encodeCorpusIndex } from '../../src/corpus/codec.js';
import { appendPieces, buildCorpusIndex, genericFigure, type CorpusIndex } from '../../src/corpus/corpus-index.js';
import { parseProgression, searchHarmony } from '../../src/corpus/harmonic-search.js';
import { lineOf, searchMelody, type MelodicQuery } from '../../src/corpus/melodic-search.js';
import { extractPiece, type PieceExtract } from '../../src/corpus/piece.js';
import { notesFromAbc, parseQueryNotes, type QueryNote } from '../../src/corpus/query-notes.js';
import { describeHarmonicMatch, describeMelodicMatch, noteName } from '../../src/corpus/results.js';
import { extractSource } from '../../src/corpus/sources.js';
import { distributionsOf } from '../../src/corpus/statistics.js';
import { readScore } from '../../src/formats/read-score.js';
import { TEST_SCORES } from '../support/corpus.js';

const CHORALES = ['bwv66.6', 'bwv269', 'bwv347', 'bwv40.8', 'bwv153.1', 'bwv244.10'];
let pieces: PieceExtract[];
let index: CorpusIndex;

beforeAll(() => {
  pieces = CHORALES.map((name) => extractPiece(readScore(readFileSync(`${TEST_SCORES}bach/${name}.mxl`), 'mxl').score, `bach/${name}`));
  const book = extractSource(readFileSync(`${TEST_SCORES}oneills1850/0951-0981.abc`), 'abc', 'oneills1850/0951-0981.abc');
  pieces.push(...book.pieces);
  index = buildCorpusIndex(pieces);
});

/** the notes of a piece's line from its n-th note, as a query */
function notesAt(piece: PieceExtract, line: number, from: number, count: number, timed = false): QueryNote[] {
  const { midi, fifths, duration } = piece.lines[line]!;
  return Array.from({ length: count }, (_, i) => ({ midi: midi[from + i]!, fifths: fifths[from + i]!, ...(timed ? { duration: duration[from + i]! } : {}) }));
}

/** every place the query's symbols occur, by looking at every note: what the index must agree with */
function scan(query: MelodicQuery): number[] {
  const found: number[] = [];
  const notes = query.notes;
  for (let start = 0; start < index.notes.midi.length; start++) {
    const line = lineOf(index, start);
    if (start + notes.length > index.lineStarts[line + 1]!) continue;
    let same = true;
    for (let i = 1; i < notes.length && same; i++) same = index.notes.midi[start + i]! - index.notes.midi[start + i - 1]! === notes[i]!.midi - notes[i - 1]!.midi;
    if (same) found.push(start);
  }
  return found;
}

describe('melodic search', () => {
  it('finds a soprano phrase at its own printed measure and beat, with the notes as a slice', () => {
    const query: MelodicQuery = { notes: notesAt(pieces[0]!, 0, 4, 7), compare: 'pitch', transposed: true, tolerance: 0 };
    const results = searchMelody(index, query).map((match) => describeMelodicMatch(index, match));
    const own = results.find((result) => result.pieceId === 'bach/bwv66.6' && result.partId === pieces[0]!.lines[0]!.partId);
    expect(own).toMatchObject({ measure: pieces[0]!.measures[pieces[0]!.lines[0]!.measure[4]!], beat: pieces[0]!.lines[0]!.beat[4], distance: 0, transposition: 0 });
    expect(own!.slice.split(' ')).toHaveLength(7);
  });

  it('returns exactly the places a scan of every note finds, for many queries taken from the corpus', () => {
    for (let line = 0; line < index.lineStarts.length - 1; line += 3) {
      const start = index.lineStarts[line]! + 2;
      if (start + 6 > index.lineStarts[line + 1]!) continue;
      const notes = Array.from({ length: 6 }, (_, i) => ({ midi: index.notes.midi[start + i]!, fifths: index.notes.fifths[start + i]! }));
      const query: MelodicQuery = { notes, compare: 'pitch', transposed: true, tolerance: 0 };
      expect(searchMelody(index, query).map((match) => match.start).sort((a, b) => a - b)).toEqual(scan(query));
    }
  });

  it('finds a melody in another key, and not when asked for it at pitch', () => {
    const notes = notesAt(pieces[1]!, 0, 0, 8).map((note) => ({ ...note, midi: note.midi + 3 }));
    const transposed = searchMelody(index, { notes, compare: 'pitch', transposed: true, tolerance: 0 });
    expect(transposed.some((match) => index.pieces[index.linePiece[match.line]!]!.id === 'bach/bwv269' && match.transposition === -3)).toBe(true);
    const atPitch = searchMelody(index, { notes, compare: 'pitch', transposed: false, tolerance: 0 });
    expect(atPitch.every((match) => match.transposition === 0)).toBe(true);
    expect(atPitch.some((match) => index.pieces[index.linePiece[match.line]!]!.id === 'bach/bwv269')).toBe(false);
  });

  it('with a tolerance, finds a phrase with one note changed, ranked by its distance', () => {
    const original = notesAt(pieces[2]!, 0, 0, 14);
    const changed = original.map((note, i) => (i === 6 ? { ...note, midi: note.midi + 1 } : note));
    const whereOriginal = searchMelody(index, { notes: original, compare: 'pitch', transposed: true, tolerance: 0 })[0]!;
    expect(searchMelody(index, { notes: changed, compare: 'pitch', transposed: true, tolerance: 0 }).some((match) => match.start === whereOriginal.start)).toBe(false);
    const tolerant = searchMelody(index, { notes: changed, compare: 'pitch', transposed: true, tolerance: 2 });
    expect(tolerant.find((match) => match.start === whereOriginal.start)).toMatchObject({ distance: 2 });
    expect(tolerant.map((match) => match.distance)).toEqual([...tolerant.map((match) => match.distance)].sort((a, b) => a - b));
    expect(() => searchMelody(index, { notes: original.slice(0, 12), compare: 'pitch', transposed: true, tolerance: 2 })).toThrow(/at least 13 notes/);
  });

  it('compares rhythm when the query has durations, and rhythm alone when asked', () => {
    const timed = notesAt(pieces[3]!, 0, 2, 8, true);
    const both = searchMelody(index, { notes: timed, compare: 'pitch-and-rhythm', transposed: true, tolerance: 0 });
    expect(both.some((match) => index.pieces[index.linePiece[match.line]!]!.id === 'bach/bwv40.8')).toBe(true);
    const doubled = timed.map((note) => ({ ...note, duration: note.duration! * 2 }));
    expect(searchMelody(index, { notes: doubled, compare: 'pitch-and-rhythm', transposed: true, tolerance: 0 }).length).toBe(both.length);
    const rhythmOnly = searchMelody(index, { notes: timed.map((note) => ({ ...note, midi: 60 })), compare: 'rhythm', transposed: true, tolerance: 0 });
    expect(rhythmOnly.length).toBeGreaterThanOrEqual(both.length);
    expect(() => searchMelody(index, { notes: notesAt(pieces[3]!, 0, 2, 8), compare: 'rhythm', transposed: true, tolerance: 0 })).toThrow(/durations/);
  });

  it('reads queries from pitch names and ABC, and refuses what is not a pitch', () => {
    expect(parseQueryNotes('C4 D4:0.5 Eb4:1/2')).toEqual([
      { midi: 60, fifths: 0 },
      { midi: 62, fifths: 2, duration: 0.5 },
      { midi: 63, fifths: -3, duration: 0.5 },
    ]);
    expect(notesFromAbc('L:1/8\nK:G\nGA B2').map((note) => [note.midi, note.duration])).toEqual([[67, 0.5], [69, 0.5], [71, 1]]);
    expect(() => parseQueryNotes('C4 H4')).toThrow(/not a pitch name/);
    expect(() => parseQueryNotes('C4')).toThrow(/at least two/);
  });

  it('counts a tune book by tune, each tune a piece named by its X: number', () => {
    const tunes = pieces.filter((piece) => piece.id.startsWith('oneills1850/'));
    expect(tunes).toHaveLength(31);
    expect(tunes[0]!.id).toMatch(/^oneills1850\/0951-0981\.abc#\d+$/);
    expect(tunes.every((tune) => tune.harmonies === undefined)).toBe(true);
  });

  it('spells the stored notes as written', () => {
    const piece = index.pieces.findIndex((candidate) => candidate.id === 'bach/bwv66.6');
    const first = index.lineStarts[index.pieces[piece]!.firstLine]!;
    expect(noteName(index, first)).toBe('C#5');
  });
});

describe('harmonic search', () => {
  it('finds a progression taken from a chorale at its place, in its key', () => {
    const chorale = pieces[1]!;
    const progression = chorale.harmonies!.figure.slice(3, 6);
    const results = searchHarmony(index, { progression, anyInversion: false }).map((match) => describeHarmonicMatch(index, match));
    expect(results).toContainEqual(expect.objectContaining({ pieceId: 'bach/bwv269', slice: progression.join(' '), key: chorale.harmonies!.key[3], measure: chorale.measures[chorale.harmonies!.measure[3]!] }));
  });

  it('matches any inversion on request, and wildcards for any chord', () => {
    const exact = searchHarmony(index, { progression: ['V7', 'I'], anyInversion: false });
    const generic = searchHarmony(index, { progression: ['V7', 'I'], anyInversion: true });
    expect(generic.length).toBeGreaterThanOrEqual(exact.length);
    expect(genericFigure('V65/V')).toBe('V7/V');
    expect(genericFigure('I64')).toBe('I');
    expect(searchHarmony(index, { progression: ['*', 'I'], anyInversion: false }).length).toBeGreaterThanOrEqual(searchHarmony(index, { progression: ['V', 'I'], anyInversion: false }).length);
  });

  it('keeps only progressions followed by a cadence when asked', () => {
    const before = searchHarmony(index, { progression: ['V'], anyInversion: true, beforeCadence: 'any' });
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((match) => match.cadence !== undefined)).toBe(true);
    expect(before.length).toBeLessThan(searchHarmony(index, { progression: ['V'], anyInversion: true }).length);
  });

  it('refuses what is not a roman numeral', () => {
    expect(parseProgression('ii65 – V7 I')).toEqual(['ii65', 'V7', 'I']);
    expect(() => parseProgression('ii65 X9')).toThrow(/not a roman numeral/);
  });
});

describe('the stored index', () => {
  it('survives encoding: the decoded index answers as the original', () => {
    const decoded = decodeCorpusIndex(encodeCorpusIndex(index));
    const query: MelodicQuery = { notes: notesAt(pieces[0]!, 0, 0, 10), compare: 'pitch', transposed: true, tolerance: 1 };
    expect(searchMelody(decoded, query)).toEqual(searchMelody(index, query));
    expect(decoded.pieces).toEqual(index.pieces);
  });

  it('refuses damaged bytes with STORE_CORRUPT', () => {
    const bytes = encodeCorpusIndex(index);
    expect(() => decodeCorpusIndex(bytes.subarray(0, bytes.length / 2))).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => decodeCorpusIndex(wrongMagic)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
  });

  it('adds pieces without re-reading the others, replacing a piece of the same id', () => {
    const fewer = buildCorpusIndex(pieces.slice(0, 2));
    const more = appendPieces(fewer, [pieces[2]!, { ...pieces[0]!, title: 'again' }]);
    expect(more.pieces.map((piece) => piece.id)).toEqual(['bach/bwv269', 'bach/bwv347', 'bach/bwv66.6']);
    expect(more.pieces.at(-1)!.title).toBe('again');
    expect(more.notes.midi.length).toBe(fewer.notes.midi.length + pieces[2]!.lines.reduce((sum, line) => sum + line.midi.length, 0));
  });
});

describe('statistics', () => {
  it('counts keys, meters, chords, cadences, ranges and intervals over the chosen pieces', () => {
    const chorales = index.pieces.flatMap((piece, position) => (piece.id.startsWith('bach/') ? [position] : []));
    const statistics = distributionsOf(index, chorales);
    expect(statistics.pieces).toBe(CHORALES.length);
    expect(statistics.keys.reduce((sum, entry) => sum + entry.count, 0)).toBe(CHORALES.length);
    expect(statistics.chords[0]!.value).toMatch(/^(I|i|V)$/);
    expect(statistics.cadences.length).toBeGreaterThan(0);
    expect(statistics.ranges.reduce((sum, entry) => sum + entry.count, 0)).toBe(statistics.lines);
    expect(statistics.intervals.reduce((sum, entry) => sum + entry.count, 0)).toBe(statistics.notes - statistics.lines);
    const all = distributionsOf(index);
    expect(all.pieces).toBe(index.pieces.length);
    expect(all.harmonies).toBe(statistics.harmonies);
  });
});
