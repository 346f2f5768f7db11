/**
 * The meter and where its bars start, from notes already placed on beats. Each beat gets an accent from
 * three cues of Lerdahl and Jackendoff's metrical preference rules: the longest note starting on it
 * (rule 5a, length), whether the bass moves there (rule 6) and how much of the harmony is new there
 * (rule 5f). The bar length is the grouping of beats whose position in the bar explains the accent best
 * per degree of freedom: the F ratio of a one-way analysis of variance by position. Per degree of
 * freedom, so that four positions are not favoured over three for being more, neither by chance (each
 * ratio is about 1 on accents without a meter) nor by an accent that recurs once every twelve beats (a
 * phrase of four bars of three, or three of four), which both take up alike per degree. (Counting the
 * accent on downbeats instead took the best of more phases for four, and heard 3/4 chorales in 4/4.)
 * The downbeat is the position with the highest mean accent.
 */

/** a note on the beat grid: start and end in beats from the first beat */
export interface BeatNote {
  readonly start: number;
  readonly end: number;
  readonly midi: number;
}

export interface Meter {
  /**
   * three or four: from onsets alone two beats in a bar cannot be told from half a bar of four, and a duple
   * grouping is written in common time, the commoner notation
   */
  readonly beatsPerBar: 3 | 4;
  /** how many beats come before the first downbeat (a pickup), 0 … beatsPerBar − 1 */
  readonly pickupBeats: number;
}

/** a note longer than a bar adds no more length accent than a bar-long one */
const LONGEST_WEIGHT_BEATS = 4;
/** too few beats to compare groupings: the commonest meter, no pickup */
const FALLBACK: Meter = { beatsPerBar: 4, pickupBeats: 0 };

/** findMeter(notes of a chorale in 4/4 starting on beat 4) → { beatsPerBar: 4, pickupBeats: 1 } */
export function findMeter(notes: readonly BeatNote[]): Meter {
  const accents = beatAccents(notes);
  if (accents.length < 2 * LONGEST_WEIGHT_BEATS) return FALLBACK;
  // a duple grouping of beats may show in pairs or in fours (beats 1 and 3 alike or not): either counts
  const duple = Math.max(positionEffect(accents, 2), positionEffect(accents, 4));
  const beatsPerBar = positionEffect(accents, 3) > duple ? 3 : 4;
  return { beatsPerBar, pickupBeats: strongestPosition(accents, beatsPerBar) };
}

/** per whole beat: the three cues, each scaled to unit spread over the piece, summed */
export function beatAccents(notes: readonly BeatNote[]): Float64Array {
  const beats = Math.ceil(Math.max(0, ...notes.map((note) => note.end)));
  return sumOfStandardized([lengthAccents(notes, beats), bassMoves(notes, beats), harmonyChanges(notes, beats)]);
}

/** the longest note starting on each beat, in beats (capped) */
function lengthAccents(notes: readonly BeatNote[], beats: number): Float64Array {
  const accents = new Float64Array(beats);
  for (const note of notes) {
    if (Number.isInteger(note.start)) accents[note.start] = Math.max(accents[note.start]!, Math.min(LONGEST_WEIGHT_BEATS, note.end - note.start));
  }
  return accents;
}

/** 1 on each beat where the lowest note starting there differs from the previous beat's lowest start */
function bassMoves(notes: readonly BeatNote[], beats: number): Float64Array {
  const bass = new Float64Array(beats).fill(Infinity);
  for (const note of notes) if (Number.isInteger(note.start)) bass[note.start] = Math.min(bass[note.start]!, note.midi);
  const moves = new Float64Array(beats);
  let previous = Infinity;
  for (let beat = 0; beat < beats; beat++) {
    if (bass[beat] === Infinity) continue;
    if (previous !== Infinity && bass[beat] !== previous) moves[beat] = 1;
    previous = bass[beat]!;
  }
  return moves;
}

/** the share of the pitch classes sounding on each beat that did not sound on the beat before */
function harmonyChanges(notes: readonly BeatNote[], beats: number): Float64Array {
  const sounding = new Int32Array(beats);
  for (const note of notes) for (let beat = Math.ceil(note.start); beat < note.end && beat < beats; beat++) sounding[beat]! |= 1 << note.midi % 12;
  const changes = new Float64Array(beats);
  for (let beat = 0; beat < beats; beat++) {
    const now = sounding[beat]!;
    const fresh = now & ~(beat > 0 ? sounding[beat - 1]! : 0);
    changes[beat] = now === 0 ? 0 : bitCount(fresh) / bitCount(now);
  }
  return changes;
}

function bitCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** each series minus its mean over its standard deviation (a constant series adds nothing), summed beat by beat */
function sumOfStandardized(series: readonly Float64Array[]): Float64Array {
  const sum = new Float64Array(series[0]!.length);
  for (const values of series) {
    const mean = values.reduce((total, value) => total + value, 0) / values.length;
    const spread = Math.sqrt(values.reduce((total, value) => total + (value - mean) ** 2, 0) / values.length);
    if (spread > 0) values.forEach((value, beat) => (sum[beat]! += (value - mean) / spread));
  }
  return sum;
}

/**
 * positionEffect(accents, 3) → the F ratio of the accents grouped by position in a bar of 3 (beat mod 3):
 * the variance between the positions' means per degree of freedom over the variance within them; about 1
 * when the accents do not recur every 3 beats, 0 when there is nothing to tell apart
 */
export function positionEffect(accents: Float64Array, beatsPerBar: number): number {
  const count = accents.length;
  if (count <= beatsPerBar) return 0;
  const mean = accents.reduce((total, value) => total + value, 0) / count;
  const means = positionMeans(accents, beatsPerBar);
  let between = 0;
  let within = 0;
  accents.forEach((value, beat) => {
    between += (means[beat % beatsPerBar]! - mean) ** 2;
    within += (value - means[beat % beatsPerBar]!) ** 2;
  });
  if (between === 0) return 0;
  return within === 0 ? Infinity : between / (beatsPerBar - 1) / (within / (count - beatsPerBar));
}

/** the mean accent at each position of the bar, counted from the first beat */
function positionMeans(accents: Float64Array, beatsPerBar: number): number[] {
  const sums = new Array<number>(beatsPerBar).fill(0);
  const counts = new Array<number>(beatsPerBar).fill(0);
  accents.forEach((value, beat) => {
    sums[beat % beatsPerBar]! += value;
    counts[beat % beatsPerBar]!++;
  });
  return sums.map((sum, position) => sum / Math.max(1, counts[position]!));
}

/** the position (beats from the first beat) whose mean accent is highest: where the first full bar starts */
function strongestPosition(accents: Float64Array, beatsPerBar: number): number {
  const means = positionMeans(accents, beatsPerBar);
  return means.indexOf(Math.max(...means));
}
