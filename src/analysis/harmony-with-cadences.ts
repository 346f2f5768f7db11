/**
 * The whole harmonic reading of a score, as analyze_harmony gives it and export_score writes it: a lead
 * sheet's written chord symbols (or chords found from the notes), their local keys, and the cadences.
 */
import type { Score } from '../core/score.js';
import { findCadences, phraseEndTimes, type Cadence } from './cadence.js';
import { analyzeHarmony, type Harmony, type HarmonyOptions } from './harmony.js';
import { isLeadSheet, writtenHarmony } from './lead-sheet.js';

export interface HarmonyWithCadences {
  readonly source: 'notes' | 'chord symbols';
  readonly harmonies: readonly (Harmony & { readonly symbol?: string })[];
  readonly cadences: readonly Cadence[];
}

/** harmonyWithCadences(bwv269) → { source: "notes", harmonies: [I, V6, …], cadences: [PAC m4, …] } */
export function harmonyWithCadences(score: Score, options: HarmonyOptions = {}): HarmonyWithCadences {
  const leadSheet = isLeadSheet(score);
  // a lead sheet's chords are written: read its symbols rather than guess chords from its melody
  const harmonies = leadSheet ? writtenHarmony(score) : analyzeHarmony(score, options);
  return { source: leadSheet ? 'chord symbols' : 'notes', harmonies, cadences: findCadences(harmonies, phraseEndTimes(score)) };
}
