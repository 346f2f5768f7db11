import { z } from 'zod';
import { classifyStyle as classify, STYLE_TASKS, type StyleAnswer } from '../../corpus/style/classify.js';
import { STYLE_MODEL_PROVENANCE } from '../../corpus/style/style-models.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { excerpt } from '../excerpt.js';
import { measureRangeInput } from '../measure-range.js';
import { scoreIdInput } from '../schemas.js';

const guesses = z.array(z.object({ label: z.string(), probability: z.number().describe('Calibrated: of passages given this probability, about this share were right in cross-validation.') }));
const explanation = z.array(
  z.object({
    feature: z.string().describe('e.g. "melody: interval of 2 semitones", "harmony: applied chords".'),
    value: z.number().describe('The feature in this score (a share 0…1, or a scaled count).'),
    weight: z.number().describe('How much it moved the answer toward the most probable class (positive) or away from it (negative), in logits.'),
  }),
);

export const classifyStyle = defineScoreTool({
  name: 'classify_style',
  title: 'Classify style',
  description:
    'Which composer, era and genre a score or passage most resembles, as calibrated probabilities: composers Bach, Palestrina, Monteverdi, ' +
    'Haydn, Mozart, Beethoven or folk (anonymous); eras Medieval, Renaissance, Baroque, Classical or folk; genres chorale, mass, madrigal, ' +
    'string quartet, piano sonata, trecento song or folk song. A model trained on passages of music21\'s corpus (and of When in Rome\'s Mozart ' +
    'sonatas and Beethoven quartets) from pitch, interval, rhythm, texture and ' +
    'harmony statistics; it knows only these classes, so music by anyone else gets the nearest of them. Passages of 8–24 measures are what ' +
    'it was trained on; give `measures` to classify part of a long movement. `explain: true` adds the features that weighed most.',
  input: z.object({
    id: scoreIdInput,
    measures: measureRangeInput.optional(),
    parts: z.array(z.union([z.number().int().min(0), z.string().min(1).max(100)])).min(1).max(100).optional().describe('Only these parts: indices (0 = top) or names.'),
    explain: z.boolean().default(false).describe('Also list, for each answer, the features that weighed most.'),
  }),
  output: z.object({
    id: z.string(),
    composer: guesses,
    era: guesses,
    genre: guesses,
    explain: z.object({ composer: explanation, era: explanation, genre: explanation }).optional(),
    model: z.string().describe('What the models were trained on.'),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const answers = classify(excerpt(stored!.score, input));
    const top = (answer: StyleAnswer) => `${answer.guesses[0]!.label} ${Math.round(answer.guesses[0]!.probability * 100)}%`;
    const counts = Object.entries(STYLE_MODEL_PROVENANCE.counts.composer).map(([label, count]) => `${label} ${count.pieces}`).join(', ');
    return {
      structured: {
        id: input.id,
        composer: answers.composer.guesses,
        era: answers.era.guesses,
        genre: answers.genre.guesses,
        ...(input.explain ? { explain: Object.fromEntries(STYLE_TASKS.map((task) => [task, answers[task].explanation])) as Record<(typeof STYLE_TASKS)[number], StyleAnswer['explanation']> } : {}),
        model: `Softmax models over style features, trained by ${STYLE_MODEL_PROVENANCE.trainedBy} on ${STYLE_MODEL_PROVENANCE.data} (music21 ${STYLE_MODEL_PROVENANCE.music21Version}; pieces: ${counts}).`,
      },
      summary: `Most like ${top(answers.composer)}; era ${top(answers.era)}; genre ${top(answers.genre)}${input.explain ? `; for ${answers.composer.guesses[0]!.label} weighed most: ${answers.composer.explanation.slice(0, 3).map((entry) => entry.feature).join(', ')}` : ''}.`,
    };
  },
});
