/**
 * What reading an ABC tune carries along: the state of each voice, and the header and inline fields
 * (L: M: K: V:) that change it.
 */
import { rational, type Rational } from '../../core/rational.js';
import type { ChordSymbol, Event, KeySignature, Timed, TimeSignature } from '../../core/score.js';
import type { BarState } from './bars.js';
import type { AbcMarks } from './marks.js';
import { keyFromAbc, keyAlterations } from './key.js';
import { clefFromAbc, type VoiceDeclaration } from './voices.js';

export interface TuneState extends BarState {
  unit: Rational;
  key: KeySignature;
  keyAlters: Readonly<Record<string, number>>;
  barAlters: Map<string, number>;
  time?: TimeSignature;
  events: Event[];
  position: Rational;
  pendingKeys: Timed<KeySignature>[];
  pendingTimes: Timed<TimeSignature>[];
  /** broken rhythm: the next note's length factor */
  nextFactor?: Rational;
  tuplet?: { remaining: number; factor: Rational; actual: number; normal: number };
  /** a fermata (!fermata! or H) waiting for the next note, chord or rest */
  fermata?: boolean;
  /** dynamics, articulations, slurs… read and not yet placed (made at the first one) */
  marks?: AbcMarks;
  /** pitches (midi) whose tie started on the previous note */
  tieFrom: Set<number>;
  /** the alteration of each tied-from note, by letter and octave ("A4"): a note tied over the bar line keeps it */
  tiedAlters: Map<string, number>;
  /** how far an accidental reaches in the bar (%%propagate-accidentals; ABC 2.1's default: every octave of the letter) */
  propagation: AccidentalPropagation;
  /** octaves from written to sounding: -1 in a treble-8 voice, whose "c" sounds middle C */
  octaveShift: number;
  measureNumber: number;
  /** chord symbols read in the current measure */
  harmonies?: Timed<ChordSymbol>[];
}

/** %%propagate-accidentals: "pitch" (the default) carries to every octave of the letter, "octave" to the one octave, "not" nowhere */
export type AccidentalPropagation = 'not' | 'octave' | 'pitch';

/** propagationOf("%%propagate-accidentals octave" somewhere in the tune) → "octave"; none or unknown → "pitch" */
export function propagationOf(tune: string): AccidentalPropagation {
  const value = /^%%propagate-accidentals\s+(\w+)/m.exec(tune)?.[1];
  return value === 'not' || value === 'octave' ? value : 'pitch';
}

/** clefOctaveShift("T clef=treble-8 name=Tenor") → -1; a field without an octave clef → undefined */
export function clefOctaveShift(field: string): number | undefined {
  const clef = /\bclef=(\S+)/.exec(field)?.[1] ?? /^\s*\S+\s+(treble|bass|alto|tenor|perc)\b/.exec(field)?.[1];
  return clef === undefined ? undefined : clefFromAbc(clef)?.octaveChange ?? 0;
}

/** the voices of a tune: each reads with its own state, which starts as the header left it */
export interface TuneVoices {
  /** the state the header leaves, copied before the body changes it */
  header: TuneState;
  readonly states: Map<string, TuneState>;
  readonly declarations: Map<string, VoiceDeclaration>;
  current?: TuneState;
}

/** "V:T1 name=\"Tenor\" clef=treble-8" in the header: remember the voice's name and clef */
export function declareVoice(voices: TuneVoices, value: string): string {
  const id = /^\s*(\S*)/.exec(value)![1]!.replace(/\]$/, '');
  const name = /\b(?:name|nm)="([^"]*)"/.exec(value)?.[1] ?? /\b(?:name|nm)=(\S+)/.exec(value)?.[1];
  const clef = /\bclef=(\S+)/.exec(value)?.[1] ?? /^\s*\S+\s+(treble|bass|alto|tenor|perc)\b/.exec(value)?.[1];
  const known = voices.declarations.get(id) ?? {};
  voices.declarations.set(id, { ...known, ...(name !== undefined ? { name } : {}), ...(clef !== undefined && known.clef === undefined ? { clef } : {}) });
  return id;
}

/** the state of voice `id`, made from the header's state the first time the voice is met */
export function voiceState(voices: TuneVoices, id: string): TuneState {
  let voice = voices.states.get(id);
  if (!voice) {
    const { header } = voices;
    const clef = voices.declarations.get(id)?.clef;
    const octaveShift = clef === undefined ? header.octaveShift : clefFromAbc(clef)?.octaveChange ?? 0;
    voice = { ...header, barAlters: new Map(), events: [], measures: [], pendingKeys: [...header.pendingKeys], pendingTimes: [...header.pendingTimes], tieFrom: new Set(), tiedAlters: new Map(), octaveShift, navigation: [], opening: undefined, ending: undefined };
    voices.states.set(id, voice);
  }
  return voice;
}

export function setUnit(state: TuneState, value: string): boolean {
  const match = /^\s*(\d+)\/(\d+)/.exec(value);
  if (!match) return false;
  state.unit = rational(Number(match[1]), Number(match[2]));
  return true;
}

export function setMeter(state: TuneState, value: string): void {
  const trimmed = value.trim();
  const time: TimeSignature | undefined =
    trimmed === 'C' ? { beats: '4', beatType: 4, symbol: 'common' } : trimmed === 'C|' ? { beats: '2', beatType: 2, symbol: 'cut' } : meterOf(trimmed);
  if (!time) return;
  state.time = time;
  state.pendingTimes.push({ offset: state.position, value: time });
}

function meterOf(text: string): TimeSignature | undefined {
  const match = /^(\d+(?:\+\d+)*)\/(\d+)$/.exec(text);
  return match ? { beats: match[1]!, beatType: Number(match[2]) } : undefined;
}

export function meterValue(time: TimeSignature): number {
  return time.beats.split('+').reduce((sum, beats) => sum + Number(beats), 0) / time.beatType;
}

export function setKey(state: TuneState, value: string): void {
  const octaveShift = clefOctaveShift(value.replace(/^\s*\S+/, ' K'));
  if (octaveShift !== undefined) state.octaveShift = octaveShift;
  const key = keyFromAbc(value);
  state.key = key.signature;
  state.keyAlters = keyAlterations(key.signature.fifths, key.explicit);
  state.pendingKeys.push({ offset: state.position, value: key.signature });
}

export function applyField(state: TuneState, name: string, value: string): void {
  if (name === 'K') setKey(state, value);
  else if (name === 'M') setMeter(state, value);
  else if (name === 'L') setUnit(state, value);
}
