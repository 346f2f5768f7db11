/** Harmonizes a melody taken from a score and writes the result as a new score. */
import { pickLine, voiceLines } from '../../analysis/voice-leading.js';
import type { WrittenNote } from '../../core/build-score.js';
import { sub, type Rational } from '../../core/rational.js';
import type { ChordSymbol, Clef, Score } from '../../core/score.js';
import type { HarmonizerKey } from './chords.js';
import { harmonizeChorale, pitchesOf, type HarmonizedSlot } from './chorale.js';
import { leadSheetChords, type LeadSheetChord, type PopularStyle } from './lead-sheet.js';
import { melodyNotes, scoreOver, symbolOf, writeLeadSheet, writePopular } from './write-harmonization.js';
import { keyOfMelody, melodyOf, type Melody } from './melody.js';

export type HarmonizeStyle = 'chorale' | PopularStyle;

export interface HarmonizeRequest {
  /** voice index (0 = top) or part name; default the top voice */
  readonly voice?: number | string;
  /** default chorale (four voices) */
  readonly style?: HarmonizeStyle;
  /** "voicing": the chords written out in parts; "lead-sheet": the melody with chord symbols */
  readonly output?: 'voicing' | 'lead-sheet';
  /** default: the key the melody is in */
  readonly key?: HarmonizerKey;
  readonly seed?: number;
}

/** One chord of a harmonization: where, its roman numeral, and its chord symbol. */
export interface HarmonizedChord {
  readonly start: Rational;
  readonly end: Rational;
  readonly figure: string;
  readonly symbol: string;
}

/** a chord with its symbol itself, to write into a score */
export interface SymbolizedChord extends Omit<HarmonizedChord, 'symbol'> {
  readonly symbol: ChordSymbol;
}

export interface Harmonization {
  readonly score: Score;
  readonly melody: Melody;
  readonly key: HarmonizerKey;
  readonly chords: readonly HarmonizedChord[];
  /** the four-part search's choices (chorale style only) */
  readonly slots?: readonly HarmonizedSlot[];
}

/** harmonizeMelody(chorale, { voice: 'Soprano' }) → a four-part harmonization of its soprano */
export function harmonizeMelody(source: Score, request: HarmonizeRequest = {}): Harmonization {
  const line = pickLine(voiceLines(source), request.voice ?? 0);
  const melody = melodyOf(source, line);
  const key = request.key ?? keyOfMelody(melody);
  const style = request.style ?? 'chorale';
  const title = `${style === 'chorale' ? 'Harmonization' : `${style === 'jazz' ? 'Jazz' : 'Pop'} harmonization`} of ${source.metadata.title ?? line.name}`;
  if (style === 'chorale') {
    const slots = harmonizeChorale(melody, key, request.seed ?? 1);
    const symbolized = slots.map(symbolizedChord);
    const score = request.output === 'lead-sheet' ? writeLeadSheet(melody, symbolized, title) : writeChorale(melody, slots, title);
    return { score, melody, key, chords: symbolized.map(namedChord), slots };
  }
  const chords = leadSheetChords(melody, key, style);
  const score = request.output === 'lead-sheet' ? writeLeadSheet(melody, chords, title) : writePopular(melody, chords, style, title);
  return { score, melody, key, chords: chords.map((chord) => namedChord(symbolizedLeadSheetChord(chord))) };
}

const VOICES: readonly { name: string; clef: Clef }[] = [
  { name: 'Soprano', clef: { sign: 'G', line: 2 } },
  { name: 'Alto', clef: { sign: 'G', line: 2 } },
  { name: 'Tenor', clef: { sign: 'G', line: 2, octaveChange: -1 } },
  { name: 'Bass', clef: { sign: 'F', line: 4 } },
];

function writeChorale(melody: Melody, slots: readonly HarmonizedSlot[], title: string): Score {
  const voices = [melodyNotes(melody), ...lowerVoiceNotes(slots)];
  return scoreOver(melody, title, voices.map((notes, voice) => ({ name: VOICES[voice]!.name, clef: VOICES[voice]!.clef, notes })));
}

/** alto, tenor and bass of a four-part harmonization, one note per slot, fermatas where the melody has them */
export function lowerVoiceNotes(slots: readonly HarmonizedSlot[]): WrittenNote[][] {
  return [1, 2, 3].map((voice) =>
    slots.map(({ slot, voicing }): WrittenNote => ({
      pitches: [pitchesOf(voicing)[voice]!],
      start: slot.start,
      duration: sub(slot.end, slot.start),
      ...(slot.notes.some((note) => note.fermata) ? { fermata: true } : {}),
    })),
  );
}

/** a chord of the four-part search with its chord symbol */
export function symbolizedChord({ slot, voicing, figure }: HarmonizedSlot): SymbolizedChord {
  return { start: slot.start, end: slot.end, figure, symbol: symbolOf(voicing) };
}

/** a lead-sheet chord in the same shape */
export function symbolizedLeadSheetChord(chord: LeadSheetChord): SymbolizedChord {
  return { start: chord.start, end: chord.end, figure: chord.numeral, symbol: chord.symbol };
}

/** the chord as results report it: its symbol by name */
export function namedChord(chord: SymbolizedChord): HarmonizedChord {
  return { ...chord, symbol: chord.symbol.figure };
}
