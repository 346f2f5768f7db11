/**
 * Spelling MIDI note numbers in a key: diatonic notes as the key spells them, chromatic ones by the
 * line of fifths, choosing the spelling nearest the key's centre, not all sharps.
 */
import { pitch, type Pitch, type Step } from './pitch.js';

const NATURAL: readonly [Step, number][] = [['F', 5], ['C', 0], ['G', 7], ['D', 2], ['A', 9], ['E', 4], ['B', 11]];

/**
 * spellMidi(68, 0) → G#4 (A minor's leading tone, V/vi in C); spellMidi(70, -1) → Bb4. The centre sits
 * half a fifth sharp of the key's middle, which settles every tie: raised leading tones (G#, C#, D#)
 * but lowered sixth and seventh degrees of mixture (Eb, Bb in C).
 */
export function spellMidi(midi: number, fifths: number): Pitch {
  const pitchClass = ((midi % 12) + 12) % 12;
  const centre = fifths + 2.5;
  let best: { step: Step; alter: number; distance: number } | undefined;
  // line of fifths with C at 0 (F -1, G 1, F# 6, Bb -2): letter from F C G D A E B, one sharp per seven steps
  for (let position = -15; position <= 19; position++) {
    const [step, natural] = NATURAL[(((position + 1) % 7) + 7) % 7]!;
    const alter = Math.floor((position + 1) / 7);
    if ((((natural + alter) % 12) + 12) % 12 !== pitchClass) continue;
    const distance = Math.abs(position - centre);
    if (!best || distance < best.distance) best = { step, alter, distance };
  }
  const { step, alter } = best!;
  const octave = Math.floor((midi - alter) / 12) - 1;
  return pitch(step, alter, octave);
}

/** guessKeySignature(histogram) → the key signature (fifths) whose scale holds the most of the notes; ties go to the one nearest `prefer` */
export function guessKeySignature(histogram: readonly number[], prefer = 0): number {
  let bestFifths = 0;
  let bestCount = -1;
  for (let fifths = -6; fifths <= 6; fifths++) {
    const scale = [0, 2, 4, 5, 7, 9, 11].map((degree) => (((degree + fifths * 7) % 12) + 12) % 12);
    const count = scale.reduce((sum, pitchClass) => sum + histogram[pitchClass]!, 0);
    if (count > bestCount + 1e-9 || (Math.abs(count - bestCount) <= 1e-9 && Math.abs(fifths - prefer) < Math.abs(bestFifths - prefer))) {
      bestFifths = fifths;
      bestCount = count;
    }
  }
  return bestFifths;
}
