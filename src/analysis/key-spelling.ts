/**
 * Keys spelled as the music spells them. A key found from pitch classes (tonic 1, major) can be written
 * C♯ major (seven sharps) or D♭ major (five flats); the written notes decide: D♭ major's scale is
 * D♭ E♭ F G♭ A♭ B♭ C, C♯ major's C♯ D♯ E♯ F♯ G♯ A♯ B♯, so the notes' mean place on the line of fifths
 * lies near one key's centre and twelve fifths from the other's. Only keys of up to seven sharps or flats
 * are written; the key signature decides when there are no notes.
 */
import { forEachEvent, pitchedNotes } from '../core/events.js';
import { STEPS, accidentalName, type Pitch, type Step } from '../core/pitch.js';
import type { Score } from '../core/score.js';
import { KEY_TONICS, type KeyCandidate } from './key.js';

export type SpelledMode = 'major' | 'minor';

export interface SpelledKey {
  /** "Db major", "C# minor" */
  readonly name: string;
  /** the key signature: sharps positive, flats negative */
  readonly fifths: number;
}

/** line of fifths with C at 0: F -1, G 1, D 2 … B 5 */
const STEP_FIFTHS: Readonly<Record<Step, number>> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };
const NATURAL_PITCH_CLASS: Readonly<Record<Step, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
/** a minor key's signature is its relative major's, three fifths above its tonic */
const MINOR_OFFSET = -3;

/** linePosition(Eb4) → -3: where a spelled pitch lies on the line of fifths */
export function linePosition(pitch: Pick<Pitch, 'step' | 'alter'>): number {
  return STEP_FIFTHS[pitch.step] + 7 * pitch.alter;
}

/** keySpellings(1, 'major') → [Db major (-5), C# major (7)]: every spelling with at most seven accidentals */
export function keySpellings(tonic: number, mode: SpelledMode): SpelledKey[] {
  const spellings: SpelledKey[] = [];
  for (const step of STEPS) {
    const alter = ((((tonic - NATURAL_PITCH_CLASS[step]) % 12) + 18) % 12) - 6;
    if (Math.abs(alter) > 1) continue;
    const fifths = linePosition({ step, alter }) + (mode === 'minor' ? MINOR_OFFSET : 0);
    if (Math.abs(fifths) <= 7) spellings.push({ name: `${step}${accidentalName(alter)} ${mode}`, fifths });
  }
  return spellings.sort((a, b) => a.fifths - b.fifths);
}

/**
 * spellKey(1, 'major', [Db4, F4, Ab4, …], -5) → Db major: the spelling whose signature lies nearest the
 * notes' mean on the line of fifths less two (a major scale spans signature − 1 … signature + 5, so its
 * notes average two fifths above the signature); without notes, the one nearest the written signature.
 */
export function spellKey(tonic: number, mode: SpelledMode, pitches: readonly Pick<Pitch, 'step' | 'alter'>[], signatureFifths = 0): SpelledKey {
  const total = pitches.reduce((sum, pitch) => sum + linePosition(pitch), 0);
  return spellingNearest(tonic, mode, spellingCentre(total, pitches.length, signatureFifths));
}

/** where the notes centre a key's signature on the line of fifths: their mean less two, or the signature when there are none */
function spellingCentre(linePositionTotal: number, noteCount: number, signatureFifths: number): number {
  return noteCount > 0 ? linePositionTotal / noteCount - 2 : signatureFifths;
}

function spellingNearest(tonic: number, mode: SpelledMode, centre: number): SpelledKey {
  const spellings = keySpellings(tonic, mode);
  let best = spellings[0]!;
  for (const spelling of spellings) {
    const distance = Math.abs(spelling.fifths - centre);
    const bestDistance = Math.abs(best.fifths - centre);
    if (distance < bestDistance || (distance === bestDistance && Math.abs(spelling.fifths) < Math.abs(best.fifths))) best = spelling;
  }
  return best;
}

/** the key signature written at the start of the score's first part, in fifths (0 when none is written) */
export function openingSignature(score: Score): number {
  return score.parts[0]?.measures[0]?.keys?.[0]?.value.fifths ?? 0;
}

/**
 * keySpeller(a score in D♭ major) → a function that renames { tonic: "C#", name: "C# major" } as
 * { tonic: "Db", name: "Db major" }: a key found among the 24 names, spelled from all the score's notes.
 */
export function keySpeller(score: Score): <T extends KeyCandidate>(key: T) => T {
  // the notes' centre is the same for every key spelled: summed once, not once per candidate
  let total = 0;
  let notes = 0;
  for (const part of score.parts) {
    forEachEvent(part, (event) => {
      for (const note of pitchedNotes(event)) {
        total += linePosition(note.pitch);
        notes++;
      }
    });
  }
  const centre = spellingCentre(total, notes, openingSignature(score));
  return (key) => {
    const name = spellingNearest(KEY_TONICS[key.mode].indexOf(key.tonic), key.mode, centre).name;
    return { ...key, name, tonic: name.split(' ')[0]! };
  };
}
