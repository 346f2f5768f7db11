/**
 * Standard MIDI file writer (type 1): a conductor track with tempo, meter and key changes, then one track
 * per part on its own channel (drum kits on channel 10), tied notes sounded once, each as loud as its
 * dynamics and hairpins say (core/loudness.ts). 10080 ticks per quarter
 * (as music21 writes) hold every duplet, triplet, quintuplet and septuplet subdivision exactly.
 * Repeats can be played out first (`unfoldRepeats`), as a player would. Every track ends where the score
 * ends, so a closing rest is kept and the file lasts as long as the score.
 */
import { velocityAt } from '../../core/loudness.js';
import { heardNotes } from '../../core/notes.js';
import { toNumber, type Rational } from '../../core/rational.js';
import type { Score } from '../../core/score.js';
import { scoreEnd } from '../../core/summary.js';
import { unfoldRepeats } from '../../core/unfold.js';
import { encodeSmf, type SmfEvent, type SmfTrack } from './write-smf.js';

export const TICKS_PER_QUARTER = 10080;
/** channel 10, counted from 0 */
export const DRUM_CHANNEL = 9;

export interface MidiWriteOptions {
  /** play repeats out (repeat barlines and endings); default true */
  readonly unfoldRepeats?: boolean;
}

interface Timed {
  readonly tick: number;
  /** note-offs sort before note-ons at the same tick, meta events first */
  readonly order: number;
  readonly event: SmfEvent;
}

/** writeMidi(bwv269) → the bytes of a five-track MIDI file (conductor + four voices) */
export function writeMidi(score: Score, options: MidiWriteOptions = {}): Uint8Array {
  return encodeSmf(TICKS_PER_QUARTER, midiTracks(score, options));
}

/** midiTracks(bwv269) → the tracks writeMidi encodes (conductor first), for callers that add their own (a metronome) */
export function midiTracks(score: Score, options: MidiWriteOptions = {}): SmfTrack[] {
  const played = options.unfoldRepeats === false ? score : unfoldRepeats(score);
  const end = ticks(scoreEnd(played));
  const timed = [conductorEvents(played), ...played.parts.map((part, index) => partEvents(played, index, part.instrument?.midiUnpitched !== undefined || part.instrument?.midiChannel === 10))];
  return timed.map((events) => track(events, end));
}

function ticks(time: Rational): number {
  return Math.round(toNumber(time) * TICKS_PER_QUARTER);
}

function conductorEvents(score: Score): Timed[] {
  const events: Timed[] = [];
  for (const measure of score.parts[0]?.measures ?? []) {
    const at = (offset: Rational) => ticks(measure.offset) + ticks(offset);
    for (const time of measure.times ?? []) {
      const denominator = time.value.beatType;
      if (![1, 2, 4, 8, 16, 32, 64].includes(denominator)) continue;
      const numerator = time.value.beats.split('+').reduce((sum, beats) => sum + Number(beats), 0);
      events.push({ tick: at(time.offset), order: 0, event: { type: 'timeSignature', numerator, denominator } });
    }
    for (const key of measure.keys ?? []) {
      if (Math.abs(key.value.fifths) > 7) continue;
      events.push({ tick: at(key.offset), order: 0, event: { type: 'keySignature', fifths: key.value.fifths, minor: key.value.mode === 'minor' } });
    }
    for (const tempo of measure.tempos ?? []) {
      if (!tempo.value.quarterBpm) continue;
      events.push({ tick: at(tempo.offset), order: 0, event: { type: 'setTempo', microsecondsPerQuarter: Math.round(60_000_000 / tempo.value.quarterBpm) } });
    }
  }
  if (!events.some((entry) => entry.event.type === 'setTempo')) {
    events.push({ tick: 0, order: 0, event: { type: 'setTempo', microsecondsPerQuarter: 500_000 } });
  }
  return events;
}

function partEvents(score: Score, index: number, drums: boolean): Timed[] {
  const part = score.parts[index]!;
  const channel = drums ? DRUM_CHANNEL : channelFor(index);
  const events: Timed[] = [{ tick: 0, order: 0, event: { type: 'trackName', text: part.name ?? part.id } }];
  const program = part.instrument?.midiProgram;
  if (!drums && program !== undefined && program >= 1 && program <= 128) {
    events.push({ tick: 0, order: 0, event: { type: 'programChange', channel, program: program - 1 } });
  }
  const velocity = velocityAt(part);
  for (const note of heardNotes(part)) {
    // an unpitched note sounds its drum's key on the drum channel, not the line it is drawn on
    const noteNumber = Math.min(127, Math.max(0, note.unpitched?.midiKey ?? note.pitch.midi));
    const on = note.unpitched ? DRUM_CHANNEL : channel;
    events.push({ tick: ticks(note.start), order: 2, event: { type: 'noteOn', channel: on, note: noteNumber, velocity: velocity(toNumber(note.start)) } });
    events.push({ tick: ticks(note.end), order: 1, event: { type: 'noteOff', channel: on, note: noteNumber, velocity: 0 } });
  }
  return events;
}

/** channels 1–16 without the drum channel 10 */
function channelFor(index: number): number {
  const channel = index % 15;
  return channel >= DRUM_CHANNEL ? channel + 1 : channel;
}

/** the events in time order (at one tick: meta events, then note-offs, then note-ons, each as added: the sort is stable), ending at the score's end or after its last event */
function track(events: Timed[], scoreEndTick: number): SmfTrack {
  const sorted = events.sort((a, b) => a.tick - b.tick || a.order - b.order);
  return { events: sorted, endTick: Math.max(scoreEndTick, sorted[sorted.length - 1]?.tick ?? 0) };
}
