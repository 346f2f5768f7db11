/** How one event, clef, key or meter is spelled in **kern (Humdrum **kern reference, §3 and §4). */
import type { Pitch } from '../../core/pitch.js';
import { rational, type Rational } from '../../core/rational.js';
import type { ChordNote, Clef, Event, KeySignature, TieType, TimeSignature } from '../../core/score.js';
import { markText, slurText } from './marks.js';
import { kernRecip } from './recip.js';

/** pitchText(C5) → "cc", pitchText(B♭2) → "BB-": letter case and repetition for the octave, # and - for accidentals */
export function pitchText(pitch: Pitch): string {
  const letter = pitch.octave >= 4 ? pitch.step.toLowerCase() : pitch.step;
  const repeat = pitch.octave >= 4 ? pitch.octave - 3 : 4 - pitch.octave;
  const accidental = pitch.alter > 0 ? '#'.repeat(pitch.alter) : '-'.repeat(-pitch.alter);
  return `${letter.repeat(Math.max(1, repeat))}${accidental}`;
}

const NOTE_TYPE_QUARTERS: Readonly<Record<string, Rational>> = {
  long: rational(16), breve: rational(8), whole: rational(4), half: rational(2), quarter: rational(1), eighth: rational(1, 2),
  '16th': rational(1, 4), '32nd': rational(1, 8), '64th': rational(1, 16), '128th': rational(1, 32), '256th': rational(1, 64),
};

/** eventToken(dotted quarter F#4 with a staccato) → "4.f#'"; a grace note takes its written value and "q" */
export function eventToken(event: Event, fifths: number): string {
  const isGrace = event.kind !== 'rest' && event.grace !== undefined;
  const recip = isGrace ? graceRecip(event) : kernRecip(event.duration);
  const grace = isGrace ? 'q' : '';
  const { open, close } = slurText(event);
  if (event.kind === 'rest') return `${open}${recip}r${event.hidden ? 'yy' : ''}${markText(event, fifths)}${close}`;
  const notes: readonly ChordNote[] = event.kind === 'note' ? [event] : event.notes;
  const lowest = notes.reduce((low, note) => (note.pitch.midi < low.pitch.midi ? note : low)).pitch;
  const marks = markText(event, fifths, lowest);
  return notes
    .map((note, index) => {
      const [tieOpen, tieClose] = tieSigns(note.tie);
      const text = `${tieOpen}${recip}${pitchText(note.pitch)}${grace}${index === 0 ? marks : ''}${tieClose}`;
      return `${index === 0 ? open : ''}${text}${index === notes.length - 1 ? close : ''}`;
    })
    .join(' ');
}

/** a hidden rest that fills a stretch no event of the voice covers (kern has no gaps) */
export function fillerRest(duration: Rational): string {
  return `${kernRecip(duration)}ryy`;
}

function graceRecip(event: Event): string {
  const value = NOTE_TYPE_QUARTERS[event.noteType ?? 'eighth'] ?? rational(1, 2);
  return kernRecip(rational(value.n * (2 ** (event.dots ?? 0) * 2 - 1), value.d * 2 ** (event.dots ?? 0)));
}

function tieSigns(tie: TieType | undefined): [string, string] {
  return tie === 'start' ? ['[', ''] : tie === 'stop' ? ['', ']'] : tie === 'continue' ? ['', '_'] : ['', ''];
}

/** clefToken(treble 8vb) → "*clefGv2"; undefined for a clef kern does not name (TAB, none) */
export function clefToken(clef: Clef): string | undefined {
  if (clef.sign === 'percussion') return '*clefX';
  if (clef.sign !== 'G' && clef.sign !== 'F' && clef.sign !== 'C') return undefined;
  const line = clef.line ?? { G: 2, F: 4, C: 3 }[clef.sign];
  const octave = clef.octaveChange ? (clef.octaveChange < 0 ? 'v' : '^').repeat(Math.abs(clef.octaveChange)) : '';
  return `*clef${clef.sign}${octave}${line}`;
}

const SHARPS = ['f#', 'c#', 'g#', 'd#', 'a#', 'e#', 'b#'];
const FLATS = ['b-', 'e-', 'a-', 'd-', 'g-', 'c-', 'f-'];
const MAJOR_TONICS = ['C-', 'G-', 'D-', 'A-', 'E-', 'B-', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];
/** how far above the major tonic each mode's tonic lies, in steps of the major key's scale */
const MODE_DEGREES: Readonly<Record<string, readonly [number, string]>> = {
  ionian: [0, 'ion'], dorian: [1, 'dor'], phrygian: [2, 'phr'], lydian: [3, 'lyd'], mixolydian: [4, 'mix'], aeolian: [5, 'aeo'], locrian: [6, 'loc'],
};

/** keyTokens({ fifths: -1, mode: "minor" }) → ["*k[b-]", "*d:"] */
export function keyTokens(key: KeySignature): string[] {
  const fifths = Math.max(-7, Math.min(7, key.fifths));
  const signature = `*k[${(fifths >= 0 ? SHARPS.slice(0, fifths) : FLATS.slice(0, -fifths)).join('')}]`;
  const tonic = MAJOR_TONICS[fifths + 7]!;
  if (key.mode === 'major') return [signature, `*${tonic}:`];
  if (key.mode === 'minor') return [signature, `*${modeTonic(fifths, 5).toLowerCase()}:`];
  const mode = key.mode ? MODE_DEGREES[key.mode] : undefined;
  return mode ? [signature, `*${modeTonic(fifths, mode[0]).toLowerCase()}:${mode[1]}`] : [signature];
}

/** the tonic `degree` steps above the major tonic of a signature, spelled with the signature's accidentals */
function modeTonic(fifths: number, degree: number): string {
  const letters = 'CDEFGAB';
  const major = MAJOR_TONICS[fifths + 7]!;
  const letter = letters[(letters.indexOf(major[0]!) + degree) % 7]!;
  const signature = fifths >= 0 ? SHARPS.slice(0, fifths) : FLATS.slice(0, -fifths);
  const altered = signature.find((sign) => sign[0] === letter.toLowerCase());
  return `${letter}${altered ? altered[1] : ''}`;
}

/** meterToken({ beats: "3", beatType: 4 }) → "*M3/4" */
export function meterToken(time: TimeSignature): string {
  return `*M${time.beats}/${time.beatType}`;
}
