/**
 * Standard MIDI file importer (type 0 and 1): a part per track (per channel in type 0), notes paired from
 * note-on/off, timing snapped to the coarsest grid that fits the music (so triplets survive and
 * performed jitter does not), measures from the time-signature events with notes tied across barlines,
 * overlapping lines separated into voices, and pitches spelled from the key (key-signature events,
 * else the key that fits the notes). Tempo marks from set-tempo events; channel 10 is the drum kit.
 */
import { parseMidi, type MidiData, type MidiEvent } from 'midi-file';
import type { Diagnostic, ImportResult } from '../../core/diagnostics.js';
import { CadenzaError } from '../../core/errors.js';
import { ZERO, add, compare, min, rational, sub, toNumber, type Rational } from '../../core/rational.js';
import type { Event, KeySignature, Measure, Part, TempoMark, Timed, TimeSignature } from '../../core/score.js';
import { guessKeySignature, spellMidi } from '../../core/spelling.js';
import type { Pitch } from '../../core/pitch.js';
import { snapToGrid } from './quantize.js';

export interface MidiLimits {
  readonly maxNotes: number;
}

const DEFAULT_LIMITS: MidiLimits = { maxNotes: 500_000 };
const DRUM_CHANNEL = 9;
/** about ten hours at a moderate tempo: longer means a broken file (a note never turned off) */
const MAX_QUARTERS = 200_000;
const MAX_BARS = 50_000;

interface RawNote {
  readonly track: number;
  readonly channel: number;
  readonly key: number;
  readonly start: number;
  readonly end: number;
}

interface Meta<T> {
  readonly tick: number;
  readonly value: T;
}

/** readMidi(bytes of a chorale written by music21) → four parts with the chorale's notes */
export function readMidi(bytes: Uint8Array, limits: MidiLimits = DEFAULT_LIMITS): ImportResult {
  const midi = parse(bytes);
  // a header cut short leaves its fields unread (NaN): say so rather than print them
  if (!Number.isInteger(midi.header.numTracks)) throw new CadenzaError('PARSE_FAILED', 'The MIDI file ends inside its header (MThd): it is truncated.');
  if (midi.tracks.length === 0 || midi.tracks.length < midi.header.numTracks) {
    throw new CadenzaError('PARSE_FAILED', `The MIDI file announces ${midi.header.numTracks} tracks but holds ${midi.tracks.length}: it is truncated.`);
  }
  const ticksPerBeat = midi.header.ticksPerBeat;
  if (!ticksPerBeat || ticksPerBeat > 1_000_000) {
    throw new CadenzaError('UNSUPPORTED_FORMAT', 'This MIDI file counts time in SMPTE frames or an absurd tick division; only metrical (ticks per quarter) files are read.');
  }
  const { notes, names, times, keys, tempos } = collect(midi, limits);
  if (notes.length === 0) throw new CadenzaError('PARSE_FAILED', 'The MIDI file has no notes.', { hint: 'Check that the file holds note-on events.' });
  const grid = snapToGrid(notes.flatMap((note) => [note.start, note.end]), ticksPerBeat);
  const toQuarters = (tick: number) => grid.quarters(tick);
  const lastTick = Math.max(...notes.map((note) => note.end));
  if (lastTick / ticksPerBeat > MAX_QUARTERS) {
    throw new CadenzaError('LIMIT_EXCEEDED', `The MIDI file lasts ${Math.round(lastTick / ticksPerBeat)} quarter notes; the limit is ${MAX_QUARTERS}.`, { hint: 'A note may be missing its note-off; check the file.' });
  }
  const diagnostics: Diagnostic[] = grid.error > 0 ? [{ severity: 'info', message: `Timing snapped to ${grid.divisionsPerQuarter} divisions per quarter (largest shift ${grid.error} ticks).` }] : [];
  const histogram = new Array<number>(12).fill(0);
  for (const note of notes) if (note.channel !== DRUM_CHANNEL) histogram[note.key % 12]!++;
  const key: KeySignature = keys[0]?.value ?? { fifths: guessKeySignature(histogram) };
  const bars = barLines(times, toQuarters, lastTick);
  const groups = groupParts(notes, midi.header.format);
  const keyChanges = keys.map((entry) => ({ at: toQuarters(entry.tick), value: entry.value }));
  const everyNote = notes.map((note) => placed(note, toQuarters, grid.divisionsPerQuarter));
  const parts: Part[] = groups.map((group, index) => ({
    id: `P${index + 1}`,
    ...(names.get(group.track) ? { name: names.get(group.track)! } : {}),
    ...(group.channel === DRUM_CHANNEL ? { instrument: { name: 'Drum kit', midiChannel: 10 } } : {}),
    staffCount: 1,
    measures: (group.channel === DRUM_CHANNEL ? drumMeasures : (measures: Measure[]) => measures)(buildMeasures(
      group.notes.map((note) => placed(note, toQuarters, grid.divisionsPerQuarter)),
      bars,
      key,
      {
        keys: index === 0 ? keyChanges : [],
        tempos: index === 0 ? tempos.map((entry) => ({ at: toQuarters(entry.tick), value: entry.value })) : [],
      },
      keyChanges,
      everyNote,
    )),
  }));
  return { score: { metadata: { sourceFormat: 'midi' }, parts }, diagnostics };
}

/** a note in quarters; one too short for the grid keeps the grid's smallest length rather than vanishing */
function placed(note: RawNote, toQuarters: (tick: number) => Rational, divisions: number): Placed {
  const start = toQuarters(note.start);
  const end = toQuarters(note.end);
  return { start, end: compare(end, start) > 0 ? end : add(start, rational(1, divisions)), key: note.key };
}

function parse(bytes: Uint8Array): MidiData {
  try {
    return parseMidi(bytes);
  } catch (error) {
    // midi-file throws plain strings as well as Errors
    const reason = error instanceof Error ? error.message : String(error);
    throw new CadenzaError('PARSE_FAILED', `This is not a readable MIDI file: ${reason.replace(/\.$/, '')}.`, { cause: error, hint: 'A standard MIDI file starts with "MThd"; the file may be truncated.' });
  }
}

function collect(midi: MidiData, limits: MidiLimits) {
  const notes: RawNote[] = [];
  const names = new Map<number, string>();
  const times: Meta<TimeSignature>[] = [];
  const keys: Meta<KeySignature>[] = [];
  const tempos: Meta<TempoMark>[] = [];
  midi.tracks.forEach((events: MidiEvent[], track) => {
    let tick = 0;
    const sounding = new Map<number, number[]>();
    for (const event of events) {
      tick += event.deltaTime;
      if (event.type === 'trackName' && !names.has(track) && event.text.trim()) names.set(track, event.text.trim());
      else if (event.type === 'timeSignature' && isPlausibleMeter(event.numerator, event.denominator)) {
        times.push({ tick, value: { beats: String(event.numerator), beatType: event.denominator } });
      }
      else if (event.type === 'keySignature' && Math.abs(event.key) <= 7) keys.push({ tick, value: { fifths: event.key, mode: event.scale === 1 ? 'minor' : 'major' } });
      else if (event.type === 'setTempo' && event.microsecondsPerBeat > 0) tempos.push({ tick, value: { quarterBpm: Math.round(60_000_000 / event.microsecondsPerBeat * 100) / 100 } });
      else if (event.type === 'noteOn' && event.velocity > 0) {
        const id = event.channel * 128 + event.noteNumber;
        sounding.set(id, [...(sounding.get(id) ?? []), tick]);
      } else if (event.type === 'noteOff' || (event.type === 'noteOn' && event.velocity === 0)) {
        const id = event.channel * 128 + event.noteNumber;
        const start = sounding.get(id)?.shift();
        if (start !== undefined && tick > start) notes.push({ track, channel: event.channel, key: event.noteNumber, start, end: tick });
        if (notes.length > limits.maxNotes) throw new CadenzaError('LIMIT_EXCEEDED', `The MIDI file has more than ${limits.maxNotes} notes.`);
      }
    }
  });
  return { notes, names, times: dedupe(times), keys: dedupe(keys), tempos: dedupe(tempos) };
}

/** a meter a score could have: 1–64 beats of a whole, half, quarter … sixty-fourth */
function isPlausibleMeter(numerator: number, denominator: number): boolean {
  return numerator >= 1 && numerator <= 64 && [1, 2, 4, 8, 16, 32, 64].includes(denominator);
}

/** music21 repeats each meta event once per track; keep one per tick */
function dedupe<T>(entries: Meta<T>[]): Meta<T>[] {
  const byTick = new Map<number, Meta<T>>();
  for (const entry of entries) if (!byTick.has(entry.tick)) byTick.set(entry.tick, entry);
  return [...byTick.values()].sort((a, b) => a.tick - b.tick);
}

function groupParts(notes: readonly RawNote[], format: number): { track: number; channel: number; notes: RawNote[] }[] {
  const groups = new Map<string, { track: number; channel: number; notes: RawNote[] }>();
  for (const note of notes) {
    const id = format === 0 ? `c${note.channel}` : `t${note.track}${note.channel === DRUM_CHANNEL ? 'd' : ''}`;
    const group = groups.get(id) ?? { track: note.track, channel: note.channel, notes: [] };
    group.notes.push(note);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => a.track - b.track || a.channel - b.channel);
}

interface Bar {
  readonly start: Rational;
  readonly end: Rational;
  readonly time?: TimeSignature;
}

function barLines(times: readonly Meta<TimeSignature>[], toQuarters: (tick: number) => Rational, lastTick: number): Bar[] {
  const end = toQuarters(lastTick);
  const bars: Bar[] = [];
  let at: Rational = ZERO;
  let current: TimeSignature = times[0]?.value ?? { beats: '4', beatType: 4 };
  let next = 0;
  while (compare(at, end) < 0) {
    if (bars.length >= MAX_BARS) throw new CadenzaError('LIMIT_EXCEEDED', `The MIDI file would make more than ${MAX_BARS} measures.`);
    while (next < times.length && compare(toQuarters(times[next]!.tick), at) <= 0) current = times[next++]!.value;
    const length = rational(4 * Number(current.beats), current.beatType);
    const changed = bars.length === 0 || bars[bars.length - 1]!.time !== current;
    bars.push({ start: at, end: add(at, length), ...(changed ? { time: current } : {}) });
    at = add(at, length);
  }
  return bars;
}

interface Placed {
  readonly start: Rational;
  readonly end: Rational;
  readonly key: number;
}

/** Notes into measures and voices: ties across barlines, a new voice wherever a line overlaps itself. */
function buildMeasures(notes: readonly Placed[], bars: readonly Bar[], key: KeySignature, marks: { keys: { at: Rational; value: KeySignature }[]; tempos: { at: Rational; value: TempoMark }[] }, allKeys: readonly { at: Rational; value: KeySignature }[], context: readonly Placed[]): Measure[] {
  const voices = assignVoices(notes);
  const signatureAt = (at: Rational) => allKeys.filter((entry) => compare(entry.at, at) <= 0).pop()?.value.fifths ?? key.fifths;
  // notes of the key signature are spelled by it; chromatic ones by the key the music around them is in
  // (A# leading to B in E minor, but Bb on the way to D minor)
  const fifthsAt = (at: Rational, midi: number) => {
    const signature = signatureAt(at);
    return inSignature(midi, signature) ? signature : localKey(at);
  };
  const beats = beatHistograms(context);
  const localKey = (at: Rational) => guessKeySignature(windowHistogram(beats, toNumber(at)), signatureAt(at));
  // each chord goes only into the bars it spans: linear in notes and bars, not their product
  const perBar: Event[][][] = bars.map(() => voices.map(() => []));
  voices.forEach((voice, voiceIndex) => {
    for (const chord of voice) {
      for (let bar = barIndexAt(bars, chord.start); bar < bars.length && compare(bars[bar]!.start, chord.end) < 0; bar++) {
        perBar[bar]![voiceIndex]!.push(...sliceIntoBar(chord, bars[bar]!, (midi) => fifthsAt(chord.start, midi)));
      }
    }
  });
  return bars.map((bar, index) => {
    const measureVoices = perBar[index]!.map((events, voiceIndex) => ({ id: String(voiceIndex + 1), events })).filter((voice) => voice.events.length > 0);
    const within = <T>(entries: { at: Rational; value: T }[]): Timed<T>[] =>
      entries.filter((entry) => compare(entry.at, bar.start) >= 0 && compare(entry.at, bar.end) < 0).map((entry) => ({ offset: sub(entry.at, bar.start), value: entry.value }));
    const keys = index === 0 && marks.keys.length === 0 ? [{ offset: ZERO, value: key }] : within(marks.keys);
    const tempos = within(marks.tempos);
    return {
      number: String(index + 1),
      index,
      offset: bar.start,
      duration: sub(bar.end, bar.start),
      voices: measureVoices.length > 0 ? measureVoices : [{ id: '1', events: [{ kind: 'rest', offset: ZERO, duration: sub(bar.end, bar.start), measureRest: true }] }],
      ...(keys.length ? { keys } : {}),
      ...(bar.time ? { times: [{ offset: ZERO, value: bar.time }] } : {}),
      ...(tempos.length ? { tempos } : {}),
    };
  });
}

type Chord = { readonly start: Rational; readonly end: Rational; readonly keys: number[] };

/** the bar holding `at` (binary search: bars are in order) */
function barIndexAt(bars: readonly Bar[], at: Rational): number {
  let low = 0;
  let high = bars.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (compare(bars[middle]!.start, at) <= 0) low = middle;
    else high = middle - 1;
  }
  return low;
}

const SPELLING_WINDOW_QUARTERS = 4;

/** inSignature(66, 1) → true: F# belongs to one sharp */
function inSignature(midi: number, fifths: number): boolean {
  return [0, 2, 4, 5, 7, 9, 11].some((degree) => (((degree + fifths * 7) % 12) + 12) % 12 === midi % 12);
}

/** how long each pitch class sounds in each quarter of the piece (so a window costs its width, not the piece's length) */
function beatHistograms(notes: readonly Placed[]): Float64Array[] {
  const length = Math.ceil(Math.max(0, ...notes.map((note) => toNumber(note.end)))) + 1;
  const beats = Array.from({ length }, () => new Float64Array(12));
  for (const note of notes) {
    const [start, end] = [toNumber(note.start), toNumber(note.end)];
    for (let beat = Math.floor(start); beat < end; beat++) beats[beat]![note.key % 12]! += Math.min(end, beat + 1) - Math.max(start, beat);
  }
  return beats;
}

/** the pitch classes sounding within a few beats either side of `at` */
function windowHistogram(beats: readonly Float64Array[], at: number): number[] {
  const histogram = new Array<number>(12).fill(0);
  const from = Math.max(0, Math.floor(at) - SPELLING_WINDOW_QUARTERS);
  const to = Math.min(beats.length, Math.floor(at) + SPELLING_WINDOW_QUARTERS + 1);
  for (let beat = from; beat < to; beat++) for (let pitchClass = 0; pitchClass < 12; pitchClass++) histogram[pitchClass]! += beats[beat]![pitchClass]!;
  return histogram;
}

function assignVoices(notes: readonly Placed[]): Chord[][] {
  const sorted = [...notes].sort((a, b) => compare(a.start, b.start) || b.key - a.key);
  const voices: Chord[][] = [];
  for (const note of sorted) {
    const sameChord = voices.find((voice) => {
      const last = voice[voice.length - 1]!;
      return compare(last.start, note.start) === 0 && compare(last.end, note.end) === 0;
    });
    if (sameChord) {
      sameChord[sameChord.length - 1]!.keys.push(note.key);
      continue;
    }
    const free = voices.find((voice) => compare(voice[voice.length - 1]!.end, note.start) <= 0);
    const chord: Chord = { start: note.start, end: note.end, keys: [note.key] };
    if (free) free.push(chord);
    else voices.push([chord]);
  }
  return voices;
}

/** The part of a chord inside a bar, tied to its neighbours where it crosses a barline; rests fill the gaps later */
function sliceIntoBar(chord: Chord, bar: Bar, fifthsFor: (midi: number) => number): Event[] {
  if (compare(chord.end, bar.start) <= 0 || compare(chord.start, bar.end) >= 0) return [];
  const start = compare(chord.start, bar.start) > 0 ? chord.start : bar.start;
  const end = min(chord.end, bar.end);
  const tie = compare(chord.start, bar.start) < 0 ? (compare(chord.end, bar.end) > 0 ? 'continue' : 'stop') : compare(chord.end, bar.end) > 0 ? 'start' : undefined;
  const pitches = [...chord.keys].sort((a, b) => a - b).map((key) => spellMidi(key, fifthsFor(key)));
  const offset = sub(start, bar.start);
  const duration = sub(end, start);
  if (pitches.length === 1) return [{ kind: 'note', offset, duration, pitch: pitches[0]!, ...(tie ? { tie } : {}) }];
  return [{ kind: 'chord', offset, duration, notes: pitches.map((pitch) => ({ pitch, ...(tie ? { tie } : {}) })) }];
}

/** notes on channel 10 are drums: each is unpitched, its key the drum it plays (drawn where the key is spelled) */
function drumMeasures(measures: Measure[]): Measure[] {
  const drum = <T extends { readonly pitch: Pitch }>(note: T): T => ({ ...note, unpitched: { midiKey: note.pitch.midi } });
  return measures.map((measure) => ({
    ...measure,
    voices: measure.voices.map((voice) => ({
      ...voice,
      events: voice.events.map((event) => (event.kind === 'note' ? drum(event) : event.kind === 'chord' ? { ...event, notes: event.notes.map(drum) } : event)),
    })),
  }));
}
