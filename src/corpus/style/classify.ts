/**
 * classifyStyle: the composer, era and genre a score or passage most resembles, as calibrated
 * probabilities from the models trained on music21's corpus (style-models.ts), with the features that
 * weighed most for each answer.
 */
import type { Score } from '../../core/score.js';
import { styleFeatures } from './features.js';
import { contributions, probabilitiesFor, type Contribution, type SoftmaxModel } from './softmax.js';
import { STYLE_MODELS } from './style-models.js';

export const STYLE_TASKS = ['composer', 'era', 'genre'] as const;
export type StyleTask = (typeof STYLE_TASKS)[number];

export interface StyleGuess {
  readonly label: string;
  readonly probability: number;
}

export interface StyleAnswer {
  /** every class, most probable first */
  readonly guesses: StyleGuess[];
  /** the features that moved the most probable class most, strongest first */
  readonly explanation: Contribution[];
}

/** classifyStyle(bwv66_6) → { composer: { guesses: [{ label: "Bach", probability: 0.98 }, …] }, era: …, genre: … } */
export function classifyStyle(score: Score, models: Readonly<Record<StyleTask, SoftmaxModel>> = STYLE_MODELS): Record<StyleTask, StyleAnswer> {
  const features = styleFeatures(score);
  const answer = (model: SoftmaxModel): StyleAnswer => {
    const probabilities = probabilitiesFor(model, features);
    const best = probabilities.indexOf(Math.max(...probabilities));
    const guesses = model.classes.map((label, index) => ({ label, probability: Math.round(probabilities[index]! * 10000) / 10000 })).sort((a, b) => b.probability - a.probability);
    return { guesses, explanation: contributions(model, features, best) };
  };
  return { composer: answer(models.composer), era: answer(models.era), genre: answer(models.genre) };
}
