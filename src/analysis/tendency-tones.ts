/**
 * Tendency tones of a chord: the notes that want to move a particular way (Aldwell & Schachter): the
 * leading tone of a dominant or leading-tone chord (of the key or of the degree it tonicizes) rises, a
 * chord seventh falls, an augmented sixth's ♭6 falls and ♯4 rises to the dominant, the Neapolitan's ♭2
 * falls, a cadential six-four's sixth and fourth fall, a borrowed ♭6 falls.
 */
import { STEPS, pitchName, type Pitch } from '../core/pitch.js';
import { pitchClassOfName } from './chord-tones.js';
import type { Harmony } from './harmony.js';
import { parseKeyName } from './roman.js';

export interface TendencyTone {
  /** "B3" */
  readonly pitch: string;
  readonly direction: 'up' | 'down';
  /** the pitch it tends to, one step away: "C4" */
  readonly resolvesTo: string;
  readonly reason: 'leading tone' | 'chord seventh' | 'augmented sixth' | 'Neapolitan' | 'cadential six-four' | 'borrowed sixth degree';
}

const NATURAL: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
/** the scale a resolution moves in: major, and minor with both sevenths */
const SCALE: Readonly<Record<'major' | 'minor', readonly number[]>> = { major: [0, 2, 4, 5, 7, 9, 11], minor: [0, 2, 3, 5, 7, 8, 10, 11] };

/** tendencyTones(V7 in C: G2 B3 D4 F4) → [{ pitch: "B3", direction: "up", resolvesTo: "C4" }, { pitch: "F4", direction: "down", resolvesTo: "E4" }] */
export function tendencyTones(harmony: Harmony): TendencyTone[] {
  const key = parseKeyName(harmony.key);
  const tonic = (NATURAL[key.tonic.step]! + key.tonic.alter + 12) % 12;
  const above = (pitch: Pitch, from: number) => (pitch.pitchClass - from + 12) % 12;
  const tones: TendencyTone[] = [];
  const add = (pitch: Pitch | undefined, direction: 'up' | 'down', semitones: number, reason: TendencyTone['reason']) => {
    if (pitch && !tones.some((tone) => tone.pitch === pitchName(pitch))) tones.push({ pitch: pitchName(pitch), direction, resolvesTo: stepAway(pitch, direction, semitones), reason });
  };
  const find = (test: (pitch: Pitch) => boolean) => harmony.pitches.find(test);
  const [bass] = harmony.pitches;
  if (harmony.chromatic === 'augmented sixth') {
    add(find((pitch) => above(pitch, tonic) === 8), 'down', 1, 'augmented sixth');
    add(find((pitch) => above(pitch, tonic) === 6), 'up', 1, 'augmented sixth');
    return tones;
  }
  if (harmony.chromatic === 'Neapolitan') add(find((pitch) => above(pitch, tonic) === 1), 'down', 1, 'Neapolitan');
  if (harmony.chromatic === 'cadential six-four' && bass) {
    // into V: the sixth (3̂) falls to 2̂, the fourth (1̂) to the leading tone
    add(find((pitch) => [8, 9].includes(above(pitch, bass.pitchClass))), 'down', key.mode === 'major' ? 2 : 1, 'cadential six-four');
    add(find((pitch) => above(pitch, bass.pitchClass) === 5), 'down', 1, 'cadential six-four');
  }
  if (harmony.chromatic === 'mixture' && key.mode === 'major') add(find((pitch) => above(pitch, tonic) === 8), 'down', 1, 'borrowed sixth degree');
  const root = pitchClassOfName(harmony.root);
  const numeral = harmony.figure.split('/')[0]!;
  if (root === undefined) return tones;
  const dominant = /^V(?!I)/.test(numeral);
  const leadingToneChord = /^vii/.test(numeral);
  if (dominant || leadingToneChord) {
    const leadingTone = dominant ? (root + 4) % 12 : root;
    add(find((pitch) => pitch.pitchClass === leadingTone), 'up', 1, 'leading tone');
  }
  const seventh = seventhAbove(harmony.quality);
  if (seventh !== undefined) {
    // a seventh falls by the step its resolution's scale gives: to the third of the chord a fifth below
    const target = dominant || leadingToneChord ? localScale(harmony, root, dominant) : { tonic, scale: key.mode === 'major' ? SCALE.major : SCALE.minor };
    const pitch = find((candidate) => candidate.pitchClass === (root + seventh) % 12);
    if (pitch) add(pitch, 'down', target.scale.includes((pitch.pitchClass - 1 - target.tonic + 24) % 12) ? 1 : 2, 'chord seventh');
  }
  return tones;
}

/** semitones from the root to the seventh, by quality */
function seventhAbove(quality: string): number | undefined {
  if (quality === 'diminished seventh') return 9;
  if (quality === 'major seventh') return 11;
  return /seventh/.test(quality) ? 10 : undefined;
}

/** the key a dominant or leading-tone chord leads to: its tonic a semitone above the leading tone, its mode from the tonicized numeral's case */
function localScale(harmony: Harmony, root: number, dominant: boolean): { tonic: number; scale: readonly number[] } {
  const tonic = ((dominant ? root + 4 : root) + 1) % 12;
  const target = harmony.figure.split('/')[1];
  const major = target === undefined ? parseKeyName(harmony.key).mode === 'major' : /^[b#]*[IV]/.test(target);
  return { tonic, scale: major ? SCALE.major : SCALE.minor };
}

/** stepAway(B3, "up", 1) → "C4": the note one letter away, `semitones` off */
function stepAway(pitch: Pitch, direction: 'up' | 'down', semitones: number): string {
  const letterIndex = STEPS.indexOf(pitch.step) + (direction === 'up' ? 1 : -1);
  const step = STEPS[(letterIndex + 7) % 7]!;
  const octave = pitch.octave + (letterIndex > 6 ? 1 : letterIndex < 0 ? -1 : 0);
  const midi = pitch.midi + (direction === 'up' ? semitones : -semitones);
  const alter = midi - (12 * (octave + 1) + NATURAL[step]!);
  return `${step}${alter > 0 ? '#'.repeat(alter) : 'b'.repeat(-alter)}${octave}`;
}
