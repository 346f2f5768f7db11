/**
 * Rewrites every pitch of a score in place of time: the shared walk behind transposition and inversion.
 * Rhythm, ties, voices and measures stay as they are, so only the pitch mapping has to be right.
 */
import type { Pitch } from '../../core/pitch.js';
import type { ChordSymbol, Event, KeySignature, Measure, Part, Score, Timed } from '../../core/score.js';
import { compare } from '../../core/rational.js';

export interface PitchMapping {
  /** the new pitch; `key` is the signature in force where the note stands (C major when none is written) */
  readonly pitch: (p: Pitch, key: KeySignature) => Pitch;
  readonly key: (key: KeySignature) => KeySignature;
  /** the new chord symbol, or undefined to drop it (when the mapping leaves it meaningless) */
  readonly harmony: (symbol: ChordSymbol) => ChordSymbol | undefined;
}

const NO_KEY: KeySignature = { fifths: 0 };

/** mapPitches(score, { pitch: up a M2, key: +2 fifths, harmony: … }) → the same rhythm with new pitches */
export function mapPitches(score: Score, mapping: PitchMapping): Score {
  return { ...score, parts: score.parts.map((part) => mapPart(part, mapping)) };
}

function mapPart(part: Part, mapping: PitchMapping): Part {
  let key = NO_KEY;
  const measures = part.measures.map((measure): Measure => {
    const keysHere = measure.keys ?? [];
    const keyAt = (offset: Event['offset']): KeySignature => {
      let inForce = key;
      for (const timed of keysHere) if (compare(timed.offset, offset) <= 0) inForce = timed.value;
      return inForce;
    };
    const voices = measure.voices.map((voice) => ({ ...voice, events: voice.events.map((event) => mapEvent(event, keyAt(event.offset), mapping)) }));
    const mapped: Measure = {
      ...measure,
      voices,
      ...(measure.keys ? { keys: measure.keys.map((timed) => ({ ...timed, value: mapping.key(timed.value) })) } : {}),
      ...(measure.harmonies ? { harmonies: mapHarmonies(measure.harmonies, mapping) } : {}),
    };
    if (keysHere.length > 0) key = keysHere[keysHere.length - 1]!.value;
    return mapped;
  });
  return { ...part, measures };
}

function mapEvent(event: Event, key: KeySignature, mapping: PitchMapping): Event {
  if (event.kind === 'note') return { ...event, pitch: mapping.pitch(event.pitch, key) };
  if (event.kind === 'chord') return { ...event, notes: event.notes.map((note) => ({ ...note, pitch: mapping.pitch(note.pitch, key) })) };
  return event;
}

function mapHarmonies(harmonies: readonly Timed<ChordSymbol>[], mapping: PitchMapping): Timed<ChordSymbol>[] {
  return harmonies.flatMap((timed) => {
    const value = mapping.harmony(timed.value);
    return value ? [{ ...timed, value }] : [];
  });
}
