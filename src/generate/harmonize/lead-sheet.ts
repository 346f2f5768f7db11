/**
 * Lead-sheet harmonization in popular styles: one chord symbol per half bar (4/4) or bar, chosen by a
 * dynamic-programming search that weighs how well the chord holds the melody's notes against the
 * progressions each style favours. "pop": diatonic triads and the progressions of the charts (I–V–vi–IV,
 * ii–V, IV–I). "jazz": seventh chords with the ii–V–I and its secondary dominants and tritone
 * substitute, ninths and thirteenths welcome in the melody, accompanied by guide tones (thirds and
 * sevenths moving by step).
 */
import { chordSymbolFigure, realizeChordSymbol } from '../../core/chord-symbol.js';
import { add, compare, min, mul, rational, sub, toNumber, type Rational } from '../../core/rational.js';
import { measureLength } from '../../core/build-score.js';
import type { ChordSymbol } from '../../core/score.js';
import { pitchClassOf, spelledPitch, type HarmonizerKey } from './chords.js';
import type { Melody } from './melody.js';

export type PopularStyle = 'pop' | 'jazz';

export interface TimeSpan {
  readonly start: Rational;
  readonly end: Rational;
}

export interface LeadSheetChord {
  readonly start: Rational;
  readonly end: Rational;
  /** e.g. "ii7" */
  readonly numeral: string;
  readonly symbol: ChordSymbol;
  /** members on the line of fifths, root first */
  readonly members: readonly number[];
}

interface Candidate {
  readonly numeral: string;
  /** root's distance from the tonic on the line of fifths */
  readonly root: number;
  readonly kind: keyof typeof SHAPES;
}

const SHAPES = {
  major: [0, 4, 1],
  minor: [0, -3, 1],
  'major-seventh': [0, 4, 1, 5],
  'minor-seventh': [0, -3, 1, -2],
  dominant: [0, 4, 1, -2],
  'half-diminished': [0, -3, -6, -2],
  'diminished-seventh': [0, -3, -6, -9],
} as const;

const VOCABULARY: Readonly<Record<PopularStyle, Readonly<Record<HarmonizerKey['mode'], readonly Candidate[]>>>> = {
  pop: {
    major: [['I', 0, 'major'], ['ii', 2, 'minor'], ['iii', 4, 'minor'], ['IV', -1, 'major'], ['V', 1, 'major'], ['vi', 3, 'minor']].map(candidate),
    minor: [['i', 0, 'minor'], ['III', -3, 'major'], ['iv', -1, 'minor'], ['v', 1, 'minor'], ['V', 1, 'major'], ['VI', -4, 'major'], ['VII', -2, 'major']].map(candidate),
  },
  jazz: {
    major: [
      ['Imaj7', 0, 'major-seventh'], ['ii7', 2, 'minor-seventh'], ['iii7', 4, 'minor-seventh'], ['IVmaj7', -1, 'major-seventh'], ['V7', 1, 'dominant'],
      ['vi7', 3, 'minor-seventh'], ['viiø7', 5, 'half-diminished'], ['V7/ii', 3, 'dominant'], ['V7/V', 2, 'dominant'], ['V7/vi', 4, 'dominant'],
      ['V7/IV', 0, 'dominant'], ['bII7', -5, 'dominant'],
    ].map(candidate),
    minor: [
      ['i7', 0, 'minor-seventh'], ['iiø7', 2, 'half-diminished'], ['IIImaj7', -3, 'major-seventh'], ['iv7', -1, 'minor-seventh'], ['V7', 1, 'dominant'],
      ['VImaj7', -4, 'major-seventh'], ['VII7', -2, 'dominant'], ['viio7', 5, 'diminished-seventh'], ['V7/iv', 0, 'dominant'], ['bII7', -5, 'dominant'],
    ].map(candidate),
  },
};

function candidate([numeral, root, kind]: (string | number)[]): Candidate {
  return { numeral: numeral as string, root: root as number, kind: kind as Candidate['kind'] };
}

/** progressions each style leans on: [from, to] → cost; anything else costs DEFAULT_MOVE */
const FAVOURED: Readonly<Record<PopularStyle, Readonly<Record<string, number>>>> = {
  pop: { 'I>V': 0, 'V>vi': 0, 'vi>IV': 0, 'IV>I': 0, 'IV>V': 0.1, 'V>I': 0, 'I>IV': 0.1, 'ii>V': 0, 'I>vi': 0.2, 'vi>ii': 0.2, 'i>VI': 0, 'VI>III': 0, 'III>VII': 0, 'VII>i': 0.1, 'i>iv': 0.1, 'iv>V': 0, 'V>i': 0, 'VI>VII': 0, 'i>VII': 0.1 },
  jazz: {
    'ii7>V7': 0, 'V7>Imaj7': 0, 'Imaj7>vi7': 0.2, 'vi7>ii7': 0, 'iii7>vi7': 0, 'V7/ii>ii7': 0, 'V7/V>V7': 0, 'V7/vi>vi7': 0, 'V7/IV>IVmaj7': 0,
    'ii7>bII7': 0.1, 'bII7>Imaj7': 0, 'IVmaj7>iii7': 0.2, 'Imaj7>V7/ii': 0.2, 'iiø7>V7': 0, 'V7>i7': 0, 'i7>iv7': 0.2, 'iv7>VII7': 0.2, 'VII7>IIImaj7': 0,
    'IIImaj7>VImaj7': 0.2, 'VImaj7>iiø7': 0.2, 'bII7>i7': 0, 'V7/iv>iv7': 0, 'viio7>i7': 0.1,
  },
};
const DEFAULT_MOVE = 0.8;
const REPEAT = 0.5;

/**
 * leadSheetChords(melody, C major, 'jazz') → Dm7 G7 Cmaj7 …, one per half bar; `within` limits them to a
 * passage (bar lines at its ends), which starts and ends at home only where the song does
 */
export function leadSheetChords(melody: Melody, key: HarmonizerKey, style: PopularStyle, within?: TimeSpan): LeadSheetChord[] {
  const all = chordSpans(melody);
  const spans = within ? all.filter((span) => compare(span.start, within.start) >= 0 && compare(span.start, within.end) < 0) : all;
  if (spans.length === 0) return [];
  const opens = spans[0] === all[0];
  const closes = spans[spans.length - 1] === all[all.length - 1];
  const vocabulary = VOCABULARY[style][key.mode];
  const tonic = vocabulary[0]!;
  // a song starts at home unless its melody says otherwise
  let layer = vocabulary.map((chord) => ({ cost: fitCost(chord, spans[0]!, melody, key, style) + (chord === tonic || !opens ? 0 : 1), path: [chord] }));
  spans.slice(1).forEach((span, index) => {
    const last = closes && index === spans.length - 2;
    layer = vocabulary.map((chord) => {
      const best = layer.reduce((found, state) => {
        const cost = state.cost + moveCost(state.path[state.path.length - 1]!, chord, style);
        return cost < found.cost ? { cost, path: state.path } : found;
      }, { cost: Infinity, path: [] as Candidate[] });
      const ending = last && chord !== tonic ? 3 : 0;
      return { cost: best.cost + fitCost(chord, span, melody, key, style) + ending, path: [...best.path, chord] };
    });
  });
  const path = layer.reduce((best, state) => (state.cost < best.cost ? state : best)).path;
  return path.map((chord, index) => describe(chord, spans[index]!, key));
}

function chordSpans(melody: Melody): TimeSpan[] {
  const bar = measureLength(melody.time);
  const span = melody.time.beats === '4' && melody.time.beatType === 4 ? mul(bar, rational(1, 2)) : bar;
  const end = melody.line.notes[melody.line.notes.length - 1]!.end;
  const spans: TimeSpan[] = [];
  let start = rational(0);
  if (melody.pickup) {
    spans.push({ start, end: melody.pickup });
    start = melody.pickup;
  }
  for (; compare(start, end) < 0; start = add(start, span)) spans.push({ start, end: min(add(start, span), end) });
  return spans;
}

function fitCost(chord: Candidate, span: TimeSpan, melody: Melody, key: HarmonizerKey, style: PopularStyle): number {
  const members = SHAPES[chord.kind].map((offset) => pitchClassOf(key.tonic + chord.root + offset));
  const root = key.tonic + chord.root;
  const tensions = style === 'jazz' ? [pitchClassOf(root + 2), pitchClassOf(root + 3)] : [];
  const scale = [0, 1, 2, 3, 4, 5, 6].map((step) => pitchClassOf(key.tonic + step - (key.mode === 'minor' ? 4 : 1)));
  let cost = 0;
  for (const note of melody.line.notes) {
    if (compare(note.end, span.start) <= 0 || compare(note.start, span.end) >= 0) continue;
    const weight = toNumber(sub(min(note.end, span.end), compare(note.start, span.start) > 0 ? note.start : span.start)) * (compare(note.start, span.start) === 0 ? 2 : 1);
    const pitchClass = note.pitch.pitchClass;
    cost += weight * (members.includes(pitchClass) ? 0 : tensions.includes(pitchClass) ? 0.2 : scale.includes(pitchClass) ? 0.7 : 1.5);
  }
  return cost;
}

function moveCost(from: Candidate, to: Candidate, style: PopularStyle): number {
  if (from === to) return REPEAT;
  return FAVOURED[style][`${from.numeral}>${to.numeral}`] ?? DEFAULT_MOVE;
}

function describe(chord: Candidate, span: TimeSpan, key: HarmonizerKey): LeadSheetChord {
  const members = SHAPES[chord.kind].map((offset) => key.tonic + chord.root + offset);
  const root = spelledPitch(members[0]!, 48);
  const spec = { root: { step: root.step, alter: root.alter }, kind: chord.kind };
  return { ...span, numeral: chord.numeral, members, symbol: { ...spec, figure: chordSymbolFigure(spec), pitches: realizeChordSymbol(spec) } };
}
