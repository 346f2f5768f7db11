/**
 * Before a chord is offered it is written out: the chord before it and the suggestion, each voiced in
 * four parts within SATB ranges (the harmonizer's voicings), the pair chosen that moves best by the
 * harmonizer's part-writing costs, and that pair is then checked by analyze_voice_leading's own rules.
 * A suggestion that cannot be voiced without a voice-leading or range finding is not offered.
 */
import { checkVoiceLeading, type VoiceLeadingFinding } from '../analysis/voice-leading.js';
import { buildScore } from '../core/build-score.js';
import { pitchName } from '../core/pitch.js';
import { rational } from '../core/rational.js';
import { chordsInKey, type ChordChoice, type HarmonizerKey } from '../generate/harmonize/chords.js';
import { pitchesOf } from '../generate/harmonize/chorale.js';
import { motionCost } from '../generate/harmonize/motion.js';
import { voicingsFor, type Voicing } from '../generate/harmonize/voicings.js';
import { seededRandom } from '../generate/random.js';

const SOPRANO_RANGE = [60, 79] as const;
const PREVIOUS_VOICINGS = 8;
const INVERSION_OF: Readonly<Record<string, number>> = { '': 0, '7': 0, '6': 1, '65': 1, '64': 2, '43': 2, '42': 3, '2': 3 };

export interface VoicedCheck {
  /** false when the harmonizer has no voicing for this numeral (a chromatic chord it does not write) */
  readonly voiced: boolean;
  /** the two chords as voiced, soprano to bass, e.g. [["G4", "D4", "B3", "G2"], ["C5", "E4", "C4", "C3"]] */
  readonly voicing?: readonly (readonly string[])[];
  /** what analyze_voice_leading found in that pair (empty: clean) */
  readonly findings: readonly { readonly issue: string; readonly explanation: string }[];
}

/** checkProgressionStep("V7", "I", C major, 1) → the two chords voiced and found clean */
export function checkProgressionStep(previous: string | undefined, next: string, key: HarmonizerKey, seed: number): VoicedCheck {
  const vocabulary = chordsInKey(key);
  const nextVoicings = voicingsOf(next, vocabulary);
  // the chord before is any of its few most idiomatic voicings: enough choice to move well, few enough to stay quick
  const previousVoicings = previous === undefined ? [undefined] : voicingsOf(previous, vocabulary).sort((a, b) => a.cost - b.cost).slice(0, PREVIOUS_VOICINGS);
  if (nextVoicings.length === 0 || previousVoicings.length === 0) return { voiced: false, findings: [] };
  const random = seededRandom(seed);
  let best: { pair: [Voicing | undefined, Voicing]; cost: number } | undefined;
  for (const before of previousVoicings) {
    for (const after of nextVoicings) {
      // a seeded jitter below one cost unit breaks ties between equally good voicings
      const cost = after.cost + (before ? before.cost + motionCost(before, before.midi[0], after) : 0) + random.next() * 0.5;
      if (!best || cost < best.cost) best = { pair: [before, after], cost };
    }
  }
  const voiced = best!.pair.filter((voicing): voicing is Voicing => voicing !== undefined);
  return { voiced: true, voicing: voiced.map((voicing) => pitchesOf(voicing).map(pitchName)), findings: findingsOf(voiced).map(({ issue, explanation }) => ({ issue, explanation })) };
}

/** every four-part voicing of a figure ("V65", "ii6", "V7/V") in the key, with the figure's inversion */
function voicingsOf(figure: string, vocabulary: readonly ChordChoice[]): Voicing[] {
  const match = /^([b#]?[ivIV]+[o+ø]?)(\d*)((?:\/.+)?)$/.exec(figure);
  if (!match) return [];
  const [, numeral, inversionDigits, applied] = match as unknown as [string, string, string, string];
  const seventh = ['7', '65', '43', '42', '2'].includes(inversionDigits);
  const chord = vocabulary.find((choice) => choice.numeral === `${numeral}${seventh ? '7' : ''}${applied}`);
  const inversion = INVERSION_OF[inversionDigits];
  if (!chord || inversion === undefined) return [];
  const voicings: Voicing[] = [];
  for (let soprano = SOPRANO_RANGE[0]; soprano <= SOPRANO_RANGE[1]; soprano++) {
    voicings.push(...voicingsFor(chord, soprano).filter((voicing) => voicing.inversion === inversion));
  }
  return voicings;
}

function findingsOf(voicings: readonly Voicing[]): VoiceLeadingFinding[] {
  const names = ['Soprano', 'Alto', 'Tenor', 'Bass'];
  const score = buildScore({
    key: { fifths: 0, mode: 'major' },
    time: { beats: '4', beatType: 4 },
    parts: names.map((name, voice) => ({
      name,
      notes: voicings.map((voicing, index) => ({ pitches: [pitchesOf(voicing)[voice]!], start: rational(index * 2), duration: rational(2) })),
    })),
  });
  return checkVoiceLeading(score, 'satb');
}
