/**
 * Local keys as regions: the stretches of a piece in one key, where it modulates, and how firmly each
 * region's own notes support its key (the key-profile correlation of that region alone).
 */
import { toNumber } from '../core/rational.js';
import type { Score } from '../core/score.js';
import { analyzeHarmony, type Harmony } from './harmony.js';
import { PROFILES, profileCorrelation } from './key.js';
import { pitch } from '../core/pitch.js';
import { ALL_KEYS, type KeyChoice } from './local-keys.js';
import { parseKeyName } from './roman.js';

export interface KeyRegion {
  readonly key: string;
  readonly fromMeasure: string;
  readonly fromBeat: number;
  readonly toMeasure: string;
  readonly offsetQuarters: number;
  readonly durationQuarters: number;
  /** correlation of the region's own pitch content with its key's (Aarden) profile, -1 … 1 */
  readonly confidence: number;
}

/** keyRegions(bwv66.6) → [{ key: "F# minor", fromMeasure: "0", … }, { key: "A major", … }, …] */
export function keyRegions(score: Score): KeyRegion[] {
  const harmonies = analyzeHarmony(score);
  const groups: Harmony[][] = [];
  for (const harmony of harmonies) {
    const current = groups[groups.length - 1];
    if (current && current[0]!.key === harmony.key) current.push(harmony);
    else groups.push([harmony]);
  }
  return groups.map((group) => {
    const [first, last] = [group[0]!, group[group.length - 1]!];
    const key = keyChoiceOf(first.key);
    const weights = new Array<number>(12).fill(0);
    for (const harmony of group) for (const pitch of harmony.pitches) weights[pitch.pitchClass]! += toNumber(harmony.duration);
    return {
      key: first.key,
      fromMeasure: first.measure,
      fromBeat: first.beat,
      toMeasure: last.measure,
      offsetQuarters: toNumber(first.offset),
      durationQuarters: toNumber(last.offset) + toNumber(last.duration) - toNumber(first.offset),
      confidence: Math.round(profileCorrelation(weights, PROFILES.aarden[key.mode], key.tonic) * 1000) / 1000,
    };
  });
}

/**
 * keyChoiceOf("Db major") → the key with tonic pitch class 1, major. Local keys are spelled as the music
 * spells them (up to seven sharps or flats), so they are found by tonic and mode, not by one of 24 names.
 */
function keyChoiceOf(name: string): KeyChoice {
  const { tonic, mode } = parseKeyName(name);
  const pitchClass = pitch(tonic.step, tonic.alter, 4).pitchClass;
  return ALL_KEYS.find((candidate) => candidate.tonic === pitchClass && candidate.mode === mode)!;
}
