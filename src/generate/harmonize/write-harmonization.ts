/**
 * Writing harmonizations as scores: a lead sheet (the melody with chord symbols), or for the popular
 * styles the melody over a piano part — root and close triad for pop, root and guide tones (third and
 * seventh, each moving to the nearest) for jazz.
 */
import { chordSymbolFigure, realizeChordSymbol } from '../../core/chord-symbol.js';
import { buildScore, type WrittenNote, type WrittenPart } from '../../core/build-score.js';
import { sub, type Rational } from '../../core/rational.js';
import type { ChordSymbol, Score } from '../../core/score.js';
import { pitchClassOf, spelledPitch } from './chords.js';
import type { LeadSheetChord, PopularStyle } from './lead-sheet.js';
import type { Melody } from './melody.js';
import type { Voicing } from './voicings.js';

interface Symbolized {
  readonly start: Rational;
  readonly symbol: ChordSymbol;
}

const KINDS: Readonly<Record<string, string>> = {
  '0,4,7': 'major', '0,3,7': 'minor', '0,3,6': 'diminished', '0,4,7,10': 'dominant', '0,3,7,10': 'minor-seventh', '0,3,6,10': 'half-diminished', '0,3,6,9': 'diminished-seventh',
};

/** symbolOf(a G7 voicing with B in the bass) → the chord symbol "G7/B" */
export function symbolOf(voicing: Voicing): ChordSymbol {
  const rootFifths = voicing.chord.members[0]!;
  const root = spelledPitch(rootFifths, 60);
  const shape = voicing.chord.pitchClasses.map((pitchClass) => (pitchClass - root.pitchClass + 12) % 12).join(',');
  const bass = spelledPitch(voicing.chord.members[voicing.members[3]]!, voicing.midi[3]);
  const spec = { root: { step: root.step, alter: root.alter }, kind: KINDS[shape] ?? 'major', bass: { step: bass.step, alter: bass.alter } };
  return { ...spec, figure: chordSymbolFigure(spec), pitches: realizeChordSymbol(spec) };
}

/** symbolChanges(C C G C) → C G C: the chords where the symbol changes */
export function symbolChanges<T extends Symbolized>(chords: readonly T[]): T[] {
  return chords.filter((chord, index) => index === 0 || chord.symbol.figure !== chords[index - 1]!.symbol.figure);
}

/** the melody alone, with a chord symbol wherever the harmony changes */
export function writeLeadSheet(melody: Melody, chords: readonly Symbolized[], title: string): Score {
  const changes = symbolChanges(chords);
  return scoreOver(melody, title, [{ name: 'Melody', clef: TREBLE, notes: melodyNotes(melody), chordSymbols: changes.map((chord) => ({ start: chord.start, symbol: chord.symbol })) }]);
}

/** the melody with chord symbols over a piano accompaniment in the style's texture */
export function writePopular(melody: Melody, chords: readonly LeadSheetChord[], style: PopularStyle, title: string): Score {
  let guideTones: number[] = [];
  const piano: WrittenNote[] = chords.map((chord) => {
    const bass = nearest(pitchClassOf(chord.members[0]!), 43);
    const upper = style === 'jazz' ? guideToneVoicing(chord, guideTones) : closeTriad(chord);
    guideTones = upper.map((pitch) => pitch.midi);
    return { pitches: [spelledPitch(chord.members[0]!, bass), ...upper], start: chord.start, duration: sub(chord.end, chord.start) };
  });
  return scoreOver(melody, title, [
    { name: 'Melody', clef: TREBLE, notes: melodyNotes(melody), chordSymbols: chords.map((chord) => ({ start: chord.start, symbol: chord.symbol })) },
    { name: 'Piano', clef: { sign: 'F', line: 4 }, notes: piano },
  ]);
}

const TREBLE = { sign: 'G', line: 2 } as const;

/** a harmonization's score: the melody's key signature, meter and pickup, by Cadenza */
export function scoreOver(melody: Melody, title: string, parts: readonly WrittenPart[]): Score {
  return buildScore({ title, composer: 'Cadenza', key: { fifths: melody.fifths }, time: melody.time, ...(melody.pickup ? { pickup: melody.pickup } : {}), parts });
}

/** the melody's notes as given, fermatas kept */
export function melodyNotes(melody: Melody): WrittenNote[] {
  return melody.line.notes.map((note) => ({ pitches: [note.pitch], start: note.start, duration: sub(note.end, note.start), ...(note.fermata ? { fermata: true } : {}) }));
}

/** root, third and fifth stacked upwards from the root nearest G3 */
function closeTriad(chord: LeadSheetChord) {
  const root = nearest(pitchClassOf(chord.members[0]!), 55);
  return chord.members.slice(0, 3).map((member, index) => spelledPitch(member, index === 0 ? root : above(pitchClassOf(member), root)));
}

/** third and seventh, each placed nearest where the previous chord's guide tones were (a guide-tone line) */
function guideToneVoicing(chord: LeadSheetChord, previous: readonly number[]) {
  const guides = [chord.members[1]!, chord.members[3] ?? chord.members[2]!];
  const centre = previous.length > 0 ? previous.reduce((sum, midi) => sum + midi, 0) / previous.length : 57;
  return guides
    .map((member) => spelledPitch(member, nearest(pitchClassOf(member), Math.min(62, Math.max(52, centre)))))
    .sort((a, b) => a.midi - b.midi);
}

/** the MIDI number of pitch class `pitchClass` nearest `target` */
function nearest(pitchClass: number, target: number): number {
  const below = target - ((((target - pitchClass) % 12) + 12) % 12);
  return target - below <= below + 12 - target ? below : below + 12;
}

function above(pitchClass: number, floor: number): number {
  return floor + ((((pitchClass - floor) % 12) + 12) % 12 || 12);
}
