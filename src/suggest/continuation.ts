/**
 * suggestChords: the chords most likely to come next after a progression, in a style, each written out
 * and checked (voiced-check.ts) before it is offered; those that fail the check are set aside with why.
 * At a point of a score the context model (context-model.ts) also reads what the score says there; a bare
 * progression has only its chords, and the n-gram alone ranks them.
 */
import { CadenzaError } from '../core/errors.js';
import type { Score } from '../core/score.js';
import type { HarmonizerKey } from '../generate/harmonize/chords.js';
import { chordModels, type CHORD_STYLES } from './chord-models.js';
import { nextChords, type ChordProbability } from './chord-ngram.js';
import { decodeContextModel, nextChordsInContext, type ContextNetwork } from './context-model.js';
import { contextModels } from './context-models.js';
import { contextBefore, type ScoreContext } from './score-context.js';
import { checkProgressionStep, type VoicedCheck } from './voiced-check.js';

export type ChordStyle = (typeof CHORD_STYLES)[number];

export interface ChordSuggestion {
  readonly figure: string;
  /** the model's probability of this chord next (before any were set aside) */
  readonly probability: number;
  readonly check: VoicedCheck;
}

export interface ChordSuggestions {
  readonly offered: readonly ChordSuggestion[];
  /** likely chords not offered: the best voicing still had a voice-leading or range finding */
  readonly setAside: readonly ChordSuggestion[];
}

/** a figure as analyze_harmony writes it: "V65", "viio7/V", "bVI", "It6" is not one */
const FIGURE = /^[b#]?(?:VII|vii|III|iii|IV|iv|VI|vi|II|ii|V|v|I|i)[o+ø]?\d*(?:\/[b#]?(?:VII|vii|III|iii|IV|iv|VI|vi|II|ii|V|v|I|i))?$/;

/** parseProgression("ii6 V7 I") → ["ii6", "V7", "I"]; an unreadable numeral is an INVALID_ARGUMENT naming it */
export function parseProgression(text: string): string[] {
  const figures = text.split(/[\s,–-]+/).filter(Boolean);
  const bad = figures.find((figure) => !FIGURE.test(figure));
  if (bad !== undefined || figures.length === 0) {
    throw new CadenzaError('INVALID_ARGUMENT', bad === undefined ? 'progression: give at least one roman numeral.' : `progression: "${bad}" is not a roman numeral.`, {
      hint: 'Write numerals as analyze_harmony does, separated by spaces: "I vi ii6 V7", "V65/V V".',
    });
  }
  return figures;
}

/** suggestChords(["ii6", "V7"], { style: "bach", key: C major, count: 3, seed: 1 }) → I first, each voiced and checked; with `scoreContext`, ranked by the context model */
export function suggestChords(context: readonly string[], options: { style: ChordStyle; key: HarmonizerKey; count: number; seed: number; scoreContext?: ScoreContext | undefined }): ChordSuggestions {
  const offered: ChordSuggestion[] = [];
  const setAside: ChordSuggestion[] = [];
  for (const candidate of rankedChords(context, options.style, options.count * 4, options.scoreContext)) {
    const check = checkProgressionStep(context.at(-1), candidate.figure, options.key, options.seed);
    const suggestion = { figure: candidate.figure, probability: round(candidate.probability), check };
    if (check.findings.length > 0) setAside.push(suggestion);
    else if (offered.length < options.count) offered.push(suggestion);
  }
  return { offered, setAside };
}

/** rankedChords(["ii6", "V7"], "any", 5) → the likeliest next chords, by the context model when the score's context is known */
export function rankedChords(context: readonly string[], style: ChordStyle, top: number, scoreContext?: ScoreContext): ChordProbability[] {
  const ngram = chordModels()[style];
  if (!scoreContext) return nextChords(ngram, context, top);
  return nextChordsInContext(contextNetwork(), ngram, context, scoreContext, style === 'any' ? undefined : style, top);
}

let network: ContextNetwork | undefined;

/** the context model's network, decoded from its shipped text on first use */
function contextNetwork(): ContextNetwork {
  return (network ??= decodeContextModel(contextModels().any));
}

/** progressionBefore(score, 12) → the numerals analyze_harmony finds before quarter 12, a repeated one once, the local key there, and what the score says at that point */
export function progressionBefore(score: Score, offsetQuarters: number): { figures: string[]; key: string; context?: ScoreContext } {
  const found = contextBefore(score, offsetQuarters);
  if (found.figures.length === 0) throw new CadenzaError('INVALID_ARGUMENT', 'No harmony sounds before that point.', { hint: 'Give a later measure, or the progression itself.' });
  return found;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
