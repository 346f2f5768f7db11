/**
 * The meter and where its bars start, from notes already placed on beats: strong beats are where notes
 * start that last long and where the bass moves (Lerdahl and Jackendoff's metrical preference rules 5
 * and 6, in their simplest counting form), so the bar length and phase whose first beats gather most of
 * that weight win.
 */

/** a note on the beat grid: start and end in beats from the first beat */
export interface BeatNote {
  readonly start: number;
  readonly end: number;
  readonly midi: number;
}

export interface Meter {
  readonly beatsPerBar: 2 | 3 | 4;
  /** how many beats come before the first downbeat (a pickup), 0 … beatsPerBar − 1 */
  readonly pickupBeats: number;
}

/** a slight preference for four beats in a bar, the commonest meter, over three and two */
const BAR_PREFERENCE: Readonly<Record<Meter['beatsPerBar'], number>> = { 4: 1.05, 3: 1, 2: 0.95 };
const LONGEST_WEIGHT_BEATS = 4;

/** findMeter(notes of a chorale in 4/4 starting on beat 4) → { beatsPerBar: 4, pickupBeats: 1 } */
export function findMeter(notes: readonly BeatNote[]): Meter {
  const accents = beatAccents(notes);
  let best: Meter = { beatsPerBar: 4, pickupBeats: 0 };
  let bestStrength = -Infinity;
  for (const beatsPerBar of [4, 3, 2] as const) {
    for (let phase = 0; phase < beatsPerBar; phase++) {
      const strength = downbeatShare(accents, beatsPerBar, phase) * BAR_PREFERENCE[beatsPerBar];
      if (strength > bestStrength) [best, bestStrength] = [{ beatsPerBar, pickupBeats: phase }, strength];
    }
  }
  return best;
}

/** per whole beat: the lengths of the notes starting on it (capped), plus a beat for each bass move */
function beatAccents(notes: readonly BeatNote[]): Float64Array {
  const accents = new Float64Array(Math.ceil(Math.max(0, ...notes.map((note) => note.end))) + 1);
  const bassAt = new Map<number, number>();
  for (const note of notes) {
    if (!Number.isInteger(note.start)) continue;
    accents[note.start]! += Math.min(LONGEST_WEIGHT_BEATS, note.end - note.start);
    bassAt.set(note.start, Math.min(bassAt.get(note.start) ?? Infinity, note.midi));
  }
  let previousBass: number | undefined;
  for (const [beat, bass] of [...bassAt.entries()].sort((a, b) => a[0] - b[0])) {
    if (previousBass !== undefined && bass !== previousBass) accents[beat]! += 1;
    previousBass = bass;
  }
  return accents;
}

/** the accent on the beats that would be downbeats, over the mean accent per beat times the bar length */
function downbeatShare(accents: Float64Array, beatsPerBar: number, phase: number): number {
  let onDownbeats = 0;
  let downbeats = 0;
  let total = 0;
  for (let beat = 0; beat < accents.length; beat++) {
    total += accents[beat]!;
    if ((beat - phase) % beatsPerBar === 0 && beat >= phase) {
      onDownbeats += accents[beat]!;
      downbeats++;
    }
  }
  return total === 0 || downbeats === 0 ? 0 : onDownbeats / downbeats / (total / accents.length);
}
