/**
 * The score model: plain, read-only, JSON-serialisable data with exact rational time.
 * Score → parts → measures → voices → events. It crosses worker threads and goes into storage as is,
 * so it has no methods, no cycles, no class instances.
 *
 * Time: every duration and offset is a Rational number of quarter notes ("quarter lengths").
 * An event's `offset` is from the start of its measure; a measure's `offset` is from the start of the score.
 */
import type { ChordSymbolSpec } from './chord-symbol.js';
import type { Articulation, DynamicMark, HairpinMark, Ornament, PedalMark, SlurMark } from './marks.js';
import type { Pitch } from './pitch.js';
import type { Rational } from './rational.js';

export type SourceFormat = 'musicxml' | 'mxl' | 'midi' | 'abc' | 'kern' | 'mei' | 'generated';

export interface Metadata {
  readonly title?: string;
  readonly composer?: string;
  readonly lyricist?: string;
  readonly movementTitle?: string;
  readonly movementNumber?: string;
  readonly workTitle?: string;
  readonly workNumber?: string;
  readonly rights?: string;
  readonly sourceFormat: SourceFormat;
}

export interface Score {
  readonly metadata: Metadata;
  readonly parts: readonly Part[];
}

/** Written-to-sounding transposition, as MusicXML's <transpose> (B♭ clarinet: diatonic -1, chromatic -2). */
export interface Transposition {
  readonly diatonic: number;
  readonly chromatic: number;
  readonly octaveChange: number;
}

export interface Instrument {
  readonly name?: string;
  /** General MIDI program 1–128 */
  readonly midiProgram?: number;
  /** MIDI channel 1–16 */
  readonly midiChannel?: number;
  /** an unpitched percussion key, when the part is a drum kit */
  readonly midiUnpitched?: number;
}

export interface Part {
  readonly id: string;
  readonly name?: string;
  readonly abbreviation?: string;
  readonly instrument?: Instrument;
  /** Transposition in force at the start; pitches in the model are as written, see `sounding`. */
  readonly transposition?: Transposition;
  /** how many staves the part is written on (piano: 2) */
  readonly staffCount: number;
  readonly measures: readonly Measure[];
}

export type KeyMode =
  | 'major'
  | 'minor'
  | 'dorian'
  | 'phrygian'
  | 'lydian'
  | 'mixolydian'
  | 'aeolian'
  | 'ionian'
  | 'locrian'
  | 'none';

export interface KeySignature {
  /** number of sharps (positive) or flats (negative) */
  readonly fifths: number;
  readonly mode?: KeyMode;
}

export interface TimeSignature {
  /** numerator as written; "3+2" for additive meters */
  readonly beats: string;
  readonly beatType: number;
  /** common / cut symbols, as MusicXML's `symbol` attribute */
  readonly symbol?: 'common' | 'cut' | 'single-number' | 'normal' | 'note' | 'dotted-note';
}

export type ClefSign = 'G' | 'F' | 'C' | 'percussion' | 'TAB' | 'none';

export interface Clef {
  readonly sign: ClefSign;
  readonly line?: number;
  /** octave transposition: treble-8vb is -1 */
  readonly octaveChange?: number;
}

export interface TempoMark {
  /** quarter notes per minute, when known */
  readonly quarterBpm?: number;
  /** the metronome mark as written, e.g. { beatUnit: "quarter", dots: 1, perMinute: 60 } */
  readonly beatUnit?: string;
  readonly beatUnitDots?: number;
  readonly perMinute?: number;
  readonly text?: string;
}

/** Something that takes effect at an offset inside a measure, on one staff or on all. */
export interface Timed<T> {
  readonly offset: Rational;
  /** 1-based staff number; absent means every staff of the part */
  readonly staff?: number;
  readonly value: T;
}

export interface Barline {
  readonly location: 'left' | 'right' | 'middle';
  readonly style?: string;
  readonly repeat?: 'forward' | 'backward';
  /** times to play a backward repeat, when written */
  readonly times?: number;
  /** volta bracket, e.g. { numbers: [1], type: 'start' } */
  readonly ending?: { readonly numbers: readonly number[]; readonly type: 'start' | 'stop' | 'discontinue' };
}

/**
 * What a navigation mark tells the player (MusicXML <sound> segno, coda, fine, dacapo, dalsegno, tocoda):
 * - segno: 𝄋, where a dal segno goes back to
 * - coda: 𝄌, the start of the coda a To Coda jumps to
 * - fine: on the way back (after a D.C. or D.S.), the piece ends with this measure
 * - daCapo: D.C., go back to the first measure
 * - dalSegno: D.S., go back to the segno
 * - toCoda: on the way back, jump from the end of this measure to the coda
 */
export type NavigationKind = 'segno' | 'coda' | 'fine' | 'daCapo' | 'dalSegno' | 'toCoda';

/** A navigation mark written in a measure, e.g. { kind: 'dalSegno', offset: 4 quarters }. */
export interface Navigation {
  readonly kind: NavigationKind;
  /** where it is written, from the start of the measure */
  readonly offset: Rational;
  /** pairs a segno or coda with the D.S. or To Coda that goes to it, when the file names it other than plain "segno"/"coda" */
  readonly label?: string;
}

/** A chord symbol (lead-sheet harmony, MusicXML <harmony>) with the pitches it stands for. */
export interface ChordSymbol extends ChordSymbolSpec {
  /** e.g. "C7", "F#m/A" */
  readonly figure: string;
  /** realized as music21 realizes it; empty for N.C. */
  readonly pitches: readonly Pitch[];
}

export interface Measure {
  /** stable and unique in the score (MusicXML `id`, MEI `xml:id`, else made by core/ids.ts); kept across edits */
  readonly id?: string;
  /** the number as printed (MusicXML `number`), may be "0", "12a", "X1" */
  readonly number: string;
  /** position of the measure in its part, 0-based */
  readonly index: number;
  /** start, from the beginning of the score */
  readonly offset: Rational;
  /** actual length: the furthest point any voice reaches (a pickup is shorter than its meter) */
  readonly duration: Rational;
  /** MusicXML implicit="yes": a pickup or a split measure that is not counted */
  readonly implicit?: boolean;
  readonly keys?: readonly Timed<KeySignature>[];
  readonly times?: readonly Timed<TimeSignature>[];
  readonly clefs?: readonly Timed<Clef>[];
  readonly tempos?: readonly Timed<TempoMark>[];
  readonly transpositions?: readonly Timed<Transposition>[];
  readonly harmonies?: readonly Timed<ChordSymbol>[];
  readonly barlines?: readonly Barline[];
  /** da capo, dal segno, fine and coda marks, in the order written */
  readonly navigation?: readonly Navigation[];
  /** dynamics (p, mf, sfz) where they are written, by offset */
  readonly dynamics?: readonly Timed<DynamicMark>[];
  /** hairpin starts and stops (a hairpin may end in a later measure) */
  readonly hairpins?: readonly Timed<HairpinMark>[];
  /** sustain pedal marks */
  readonly pedals?: readonly Timed<PedalMark>[];
  readonly voices: readonly Voice[];
}

export interface Voice {
  /** the voice label as encoded ("1", "2", …) */
  readonly id: string;
  /** events in time order; a gap between events is silence nobody wrote down */
  readonly events: readonly Event[];
}

export type Event = NoteEvent | ChordEvent | RestEvent;

export type TieType = 'start' | 'stop' | 'continue';

export interface Tuplet {
  /** e.g. 3 in the time of 2 */
  readonly actual: number;
  readonly normal: number;
}

export interface Grace {
  /** an acciaccatura (slashed) rather than an appoggiatura */
  readonly slash: boolean;
}

export interface Lyric {
  readonly text: string;
  /** verse number or name */
  readonly number?: string;
  readonly syllabic?: 'single' | 'begin' | 'middle' | 'end';
}

interface EventBase {
  /** stable and unique in the score, as a measure's `id` */
  readonly id?: string;
  /** from the start of the measure */
  readonly offset: Rational;
  /** sounding length in quarter notes; zero for grace notes */
  readonly duration: Rational;
  /** 1-based staff number within the part */
  readonly staff?: number;
  /** notated value, e.g. "quarter", "eighth" */
  readonly noteType?: string;
  readonly dots?: number;
  readonly tuplet?: Tuplet;
  /** a fermata is written over it (in chorales, the end of a phrase) */
  readonly fermata?: boolean;
  /** staccato, accent, tenuto…, as written on it (a chord's belong to the whole chord) */
  readonly articulations?: readonly Articulation[];
  /** trill, mordent, turn… */
  readonly ornaments?: readonly Ornament[];
  /** slurs that start or stop on it */
  readonly slurs?: readonly SlurMark[];
}

/**
 * An unpitched percussion note (a drum, a hi-hat). Its `pitch` is only where it is drawn on the staff
 * (MusicXML's display step and octave); pitch analyses leave it out, as music21 does.
 */
export interface Unpitched {
  /** the percussion instrument, as the source names it ("Hi-Hat") */
  readonly instrument?: string;
  /** its General MIDI percussion key on channel 10 (42 closed hi-hat, 36 bass drum), when known */
  readonly midiKey?: number;
}

export interface NoteEvent extends EventBase {
  readonly kind: 'note';
  /** for an unpitched note, the staff position it is drawn at */
  readonly pitch: Pitch;
  readonly unpitched?: Unpitched;
  readonly tie?: TieType;
  /** present on grace notes, which have zero duration and are not counted as sounding noteheads */
  readonly grace?: Grace;
  readonly lyrics?: readonly Lyric[];
}

export interface ChordNote {
  /** stable and unique in the score, as a measure's `id` */
  readonly id?: string;
  readonly pitch: Pitch;
  readonly unpitched?: Unpitched;
  readonly tie?: TieType;
}

export interface ChordEvent extends EventBase {
  readonly kind: 'chord';
  readonly notes: readonly ChordNote[];
  readonly grace?: Grace;
  readonly lyrics?: readonly Lyric[];
}

export interface RestEvent extends EventBase {
  readonly kind: 'rest';
  /** a whole-measure rest, whatever the meter */
  readonly measureRest?: boolean;
  /** not printed (MusicXML print-object="no", or a <forward> gap made explicit) */
  readonly hidden?: boolean;
}
