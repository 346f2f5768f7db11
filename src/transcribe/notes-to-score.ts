/**
 * Cadenza's own reading of timed notes (a transcription's) as a score: beats tracked from the onsets,
 * times placed on a sixteenth-note grid between the beats, the meter and its downbeats found, the key from
 * the notes, and two staves split by register. The bars, ties, voices and spelling are then made by the
 * MIDI importer, which receives the quantized notes as a metrical MIDI file written in memory.
 */
import { findKey } from '../analysis/key.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { CadenzaError } from '../core/errors.js';
import { ZERO } from '../core/rational.js';
import type { Clef, Part, Score } from '../core/score.js';
import { readMidi } from '../formats/midi/read.js';
import { encodeSmf, type SmfEvent, type SmfTrack } from '../formats/midi/write-smf.js';
import { trackBeats } from './beats.js';
import { findMeter, type BeatNote, type Meter } from './meter.js';
import type { TimedNote } from './timed-note.js';

/** grid steps per beat: eighths when the music moves no faster, else sixteenths (the beat being a quarter) */
const GRIDS = [2, 4];
/** the share of onsets that must lie near a grid for it to be taken */
const GRID_FIT = 0.95;
/** how near, in beats: an eighth-note grid does not explain a sixteenth 0.25 beats off it */
const GRID_TOLERANCE = 0.12;
const TICKS_PER_QUARTER = 480;
/** notes from middle C up go on the upper staff */
const SPLIT_MIDI = 60;

export interface Transcription {
  readonly score: Score;
  readonly diagnostics: readonly Diagnostic[];
  readonly quarterBpm: number;
  readonly meter: string;
  /** "G major" */
  readonly key: string;
  readonly notes: number;
}

/** notesToScore(notes heard in a chorale) → a two-staff score in the chorale's key and meter */
export function notesToScore(notes: readonly TimedNote[], title = 'Transcription'): Transcription {
  if (notes.length === 0) throw new CadenzaError('PARSE_FAILED', 'No notes were heard in the audio.', { hint: 'Check that the recording is not silent and holds pitched music.' });
  const beats = trackBeats(notes);
  const onGrid = quantize(notes, beats.times);
  const meter = findMeter(onGrid);
  const key = findKey(pitchClassDurations(onGrid));
  const fifths = keyFifths(key.tonic, key.mode);
  const quarterBpm = Math.round(beats.beatsPerMinute);
  const smf = midiFile(onGrid, meter, { fifths, minor: key.mode === 'minor' }, quarterBpm);
  const imported = readMidi(smf);
  const score: Score = { metadata: { title, sourceFormat: 'generated' }, parts: imported.score.parts.map(withClef) };
  return { score, diagnostics: imported.diagnostics, quarterBpm, meter: `${meter.beatsPerBar}/4`, key: key.name, notes: onGrid.length };
}

/**
 * quantize(notes, beat times) → the notes in beats from the first beat, one per key and start, on the
 * coarsest grid their onsets fit (as the MIDI importer chooses its grid): a note that ends a little early
 * or late is not written a sixteenth short or long in music that moves in eighths
 */
export function quantize(notes: readonly TimedNote[], beatTimes: readonly number[]): BeatNote[] {
  const onsets = notes.map((note) => beatPosition(note.start, beatTimes));
  const fits = (steps: number) => onsets.filter((onset) => Math.abs(onset * steps - Math.round(onset * steps)) / steps <= GRID_TOLERANCE).length >= GRID_FIT * onsets.length;
  const steps = GRIDS.find(fits) ?? GRIDS[GRIDS.length - 1]!;
  const snap = (seconds: number) => Math.max(0, Math.round(beatPosition(seconds, beatTimes) * steps) / steps);
  const placed = notes.map((note) => {
    const start = snap(note.start);
    return { start, end: Math.max(start + 1 / steps, snap(note.end)), midi: note.midi };
  });
  placed.sort((a, b) => a.midi - b.midi || a.start - b.start);
  const kept: { start: number; end: number; midi: number }[] = [];
  for (const note of placed) {
    const before = kept[kept.length - 1];
    if (before && before.midi === note.midi && before.start === note.start) before.end = Math.max(before.end, note.end);
    else {
      // a repeated key cuts the one still sounding
      if (before && before.midi === note.midi && before.end > note.start) before.end = note.start;
      kept.push({ ...note });
    }
  }
  return kept.sort((a, b) => a.start - b.start || a.midi - b.midi);
}

/** beatPosition(1.25, [0.5, 1, 1.5]) → 1.5: the time in beats, interpolated between the beats around it */
export function beatPosition(seconds: number, beatTimes: readonly number[]): number {
  let low = 0;
  let high = beatTimes.length - 1;
  if (seconds <= beatTimes[0]!) return (seconds - beatTimes[0]!) / (beatTimes[1]! - beatTimes[0]!);
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (beatTimes[middle]! <= seconds) low = middle;
    else high = middle;
  }
  return low + (seconds - beatTimes[low]!) / (beatTimes[high]! - beatTimes[low]!);
}

/** how long each pitch class sounds, in beats */
function pitchClassDurations(notes: readonly BeatNote[]): number[] {
  const durations = new Array<number>(12).fill(0);
  for (const note of notes) durations[note.midi % 12]! += note.end - note.start;
  return durations;
}

const LETTER_FIFTHS: Readonly<Record<string, number>> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };

/** keyFifths("Bb", "major") → −2; keyFifths("F#", "minor") → 3 */
export function keyFifths(tonic: string, mode: 'major' | 'minor'): number {
  const accidentals = [...tonic.slice(1)].reduce((sum, sign) => sum + (sign === '#' ? 1 : sign === '-' || sign === 'b' ? -1 : 0), 0);
  const fifths = LETTER_FIFTHS[tonic[0]!.toUpperCase()]! + 7 * accidentals - (mode === 'minor' ? 3 : 0);
  // a key past seven accidentals is written as its enharmonic twin
  return fifths > 7 ? fifths - 12 : fifths < -7 ? fifths + 12 : fifths;
}

/** the notes as a type-1 MIDI file: a conductor track, then the upper and the lower staff; a pickup starts after rests */
function midiFile(notes: readonly BeatNote[], meter: Meter, key: { fifths: number; minor: boolean }, quarterBpm: number): Uint8Array {
  const lead = (meter.beatsPerBar - meter.pickupBeats) % meter.beatsPerBar;
  const tick = (beats: number) => Math.round((beats + lead) * TICKS_PER_QUARTER);
  const conductor: SmfTrack = {
    events: [
      { tick: 0, event: { type: 'timeSignature', numerator: meter.beatsPerBar, denominator: 4 } },
      { tick: 0, event: { type: 'keySignature', fifths: key.fifths, minor: key.minor } },
      { tick: 0, event: { type: 'setTempo', microsecondsPerQuarter: Math.round(60_000_000 / quarterBpm) } },
    ],
    endTick: 0,
  };
  const staff = (name: string, inStaff: (midi: number) => boolean): SmfTrack => {
    const events: { tick: number; event: SmfEvent }[] = [{ tick: 0, event: { type: 'trackName', text: name } }];
    for (const note of notes.filter((candidate) => inStaff(candidate.midi))) {
      events.push({ tick: tick(note.start), event: { type: 'noteOn', channel: 0, note: note.midi, velocity: 80 } });
      events.push({ tick: tick(note.end), event: { type: 'noteOff', channel: 0, note: note.midi, velocity: 0 } });
    }
    // at one tick, releases before attacks, so a repeated key is not cut by its own release
    events.sort((a, b) => a.tick - b.tick || rank(a.event) - rank(b.event));
    return { events, endTick: events[events.length - 1]!.tick };
  };
  const tracks = [staff('Upper', (midi) => midi >= SPLIT_MIDI), staff('Lower', (midi) => midi < SPLIT_MIDI)].filter((track) => track.events.length > 1);
  return encodeSmf(TICKS_PER_QUARTER, [conductor, ...tracks]);
}

function rank(event: SmfEvent): number {
  return event.type === 'trackName' ? 0 : event.type === 'noteOff' ? 1 : 2;
}

const TREBLE: Clef = { sign: 'G', line: 2 };
const BASS: Clef = { sign: 'F', line: 4 };

/** the upper staff in the treble clef, the lower in the bass clef */
function withClef(part: Part): Part {
  const clef = part.name === 'Lower' ? BASS : TREBLE;
  const [first, ...rest] = part.measures;
  if (!first) return part;
  return { ...part, measures: [{ ...first, clefs: [{ offset: ZERO, value: clef }] }, ...rest] };
}
