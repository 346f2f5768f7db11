/** Spelled pitch: step, alteration in semitones, octave (scientific: middle C = C4). */
export type Step = 'C' | 'D' | 'E' | 'F' | 'G' | 'A' | 'B';

export interface Pitch {
  readonly step: Step;
  /** semitones: -1 flat, +1 sharp, may be fractional for microtones (rounded for midi) */
  readonly alter: number;
  readonly octave: number;
  /** MIDI key number, middle C = 60 */
  readonly midi: number;
  /** 0 (C) … 11 (B) */
  readonly pitchClass: number;
}

export const STEPS: readonly Step[] = ['C', 'D', 'E', 'F', 'G', 'A', 'B'];
const STEP_SEMITONES: Readonly<Record<Step, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** isStep('G') → true */
export function isStep(value: string): value is Step {
  return Object.hasOwn(STEP_SEMITONES, value);
}

/** pitch('F', 1, 4) → F#4 with midi 66, pitchClass 6 */
export function pitch(step: Step, alter: number, octave: number): Pitch {
  const midi = (octave + 1) * 12 + STEP_SEMITONES[step] + Math.round(alter);
  return { step, alter, octave, midi, pitchClass: ((midi % 12) + 12) % 12 };
}

/** accidentalName(-1) → "b"; accidentalName(2) → "##" */
export function accidentalName(alter: number): string {
  const steps = Math.round(alter);
  return steps >= 0 ? '#'.repeat(steps) : 'b'.repeat(-steps);
}

/** stepName(F#4) → "F#": the spelled pitch class, without octave */
export function stepName(p: Pitch): string {
  return `${p.step}${accidentalName(p.alter)}`;
}

/** pitchName(F#4) → "F#4" */
export function pitchName(p: Pitch): string {
  return `${p.step}${accidentalName(p.alter)}${p.octave}`;
}
