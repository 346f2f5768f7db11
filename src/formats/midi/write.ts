/**
 * Standard MIDI file writer (type 1): a conductor track with tempo, meter and key changes, then one track
 * per part on its own channel (drum kits on channel 10), tied notes sounded once. 10080 ticks per quarter
 * (as music21 writes) hold every duplet, triplet, quintuplet and septuplet subdivision exactly.
 * Repeats can be played out first (`unfoldRepeats`), as a player would.
 */
import { writeMidi as encodeMidi, type MidiData, type MidiEvent } from 'midi-file';
import { heardNotes } from '../../core/notes.js';
import { toNumber, type Rational } from '../../core/rational.js';
import type { Score } from '../../core/score.js';
import { unfoldRepeats } from '../../core/unfold.js';

export const TICKS_PER_QUARTER = 10080;
const DRUM_CHANNEL = 9;
const VELOCITY = 90;

export interface MidiWriteOptions {
  /** play repeats out (repeat barlines and endings); default true */
  readonly unfoldRepeats?: boolean;
}

interface Timed {
  readonly tick: number;
  /** note-offs sort before note-ons at the same tick, meta events first */
  readonly order: number;
  readonly event: MidiEvent;
}

/** writeMidi(bwv269) → the bytes of a five-track MIDI file (conductor + four voices) */
export function writeMidi(score: Score, options: MidiWriteOptions = {}): Uint8Array {
  const played = options.unfoldRepeats === false ? score : unfoldRepeats(score);
  const tracks = [conductorTrack(played), ...played.parts.map((part, index) => partTrack(played, index, part.instrument?.midiUnpitched !== undefined || part.instrument?.midiChannel === 10))];
  const data: MidiData = { header: { format: 1, numTracks: tracks.length, ticksPerBeat: TICKS_PER_QUARTER }, tracks };
  return new Uint8Array(encodeMidi(data));
}

function ticks(time: Rational): number {
  return Math.round(toNumber(time) * TICKS_PER_QUARTER);
}

function conductorTrack(score: Score): MidiEvent[] {
  const events: Timed[] = [];
  for (const measure of score.parts[0]?.measures ?? []) {
    const at = (offset: Rational) => ticks(measure.offset) + ticks(offset);
    for (const time of measure.times ?? []) {
      const denominator = time.value.beatType;
      if (![1, 2, 4, 8, 16, 32, 64].includes(denominator)) continue;
      const numerator = time.value.beats.split('+').reduce((sum, beats) => sum + Number(beats), 0);
      events.push({ tick: at(time.offset), order: 0, event: { deltaTime: 0, meta: true, type: 'timeSignature', numerator, denominator, metronome: 24, thirtyseconds: 8 } });
    }
    for (const key of measure.keys ?? []) {
      if (Math.abs(key.value.fifths) > 7) continue;
      events.push({ tick: at(key.offset), order: 0, event: { deltaTime: 0, meta: true, type: 'keySignature', key: key.value.fifths, scale: key.value.mode === 'minor' ? 1 : 0 } });
    }
    for (const tempo of measure.tempos ?? []) {
      if (!tempo.value.quarterBpm) continue;
      events.push({ tick: at(tempo.offset), order: 0, event: { deltaTime: 0, meta: true, type: 'setTempo', microsecondsPerBeat: Math.round(60_000_000 / tempo.value.quarterBpm) } });
    }
  }
  if (!events.some((entry) => entry.event.type === 'setTempo')) {
    events.push({ tick: 0, order: 0, event: { deltaTime: 0, meta: true, type: 'setTempo', microsecondsPerBeat: 500_000 } });
  }
  return withDeltas(events);
}

function partTrack(score: Score, index: number, drums: boolean): MidiEvent[] {
  const part = score.parts[index]!;
  const channel = drums ? DRUM_CHANNEL : channelFor(index);
  const events: Timed[] = [{ tick: 0, order: 0, event: { deltaTime: 0, meta: true, type: 'trackName', text: part.name ?? part.id } }];
  const program = part.instrument?.midiProgram;
  if (!drums && program !== undefined && program >= 1 && program <= 128) {
    events.push({ tick: 0, order: 0, event: { deltaTime: 0, channel, type: 'programChange', programNumber: program - 1 } });
  }
  for (const note of heardNotes(part)) {
    // an unpitched note sounds its drum's key on the drum channel, not the line it is drawn on
    const noteNumber = Math.min(127, Math.max(0, note.unpitched?.midiKey ?? note.pitch.midi));
    const on = note.unpitched ? DRUM_CHANNEL : channel;
    events.push({ tick: ticks(note.start), order: 2, event: { deltaTime: 0, channel: on, type: 'noteOn', noteNumber, velocity: VELOCITY } });
    events.push({ tick: ticks(note.end), order: 1, event: { deltaTime: 0, channel: on, type: 'noteOff', noteNumber, velocity: 0 } });
  }
  return withDeltas(events);
}

/** channels 1–16 without the drum channel 10 */
function channelFor(index: number): number {
  const channel = index % 15;
  return channel >= DRUM_CHANNEL ? channel + 1 : channel;
}

function withDeltas(events: Timed[]): MidiEvent[] {
  const sorted = events.map((entry, index) => ({ ...entry, index })).sort((a, b) => a.tick - b.tick || a.order - b.order || a.index - b.index);
  let previous = 0;
  const result = sorted.map(({ tick, event }) => {
    const timed = { ...event, deltaTime: tick - previous };
    previous = tick;
    return timed as MidiEvent;
  });
  result.push({ deltaTime: 0, meta: true, type: 'endOfTrack' } as MidiEvent);
  return result;
}
