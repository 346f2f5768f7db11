import { z } from 'zod';
import { compareWithHuman } from '../../analysis/analysis-comparison.js';
import { placeOnScore, readRomanText } from '../../formats/romantext/read.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

const MAX_ROMANTEXT_CHARACTERS = 1_000_000;

export const compareAnalysis = defineScoreTool({
  name: 'compare_analysis',
  title: 'Compare with a human analysis',
  description:
    'Compare Cadenza\'s roman-numeral analysis of an imported score with a human analysis written in RomanText ' +
    '("m1 G: I b2 IV6 b3 V6" lines, as in the music21 and "When in Rome" corpora). At every human harmony ' +
    'onset, reports whether Cadenza\'s figure and key agree, the agreement shares, and each disagreement.',
  input: z.object({
    id: scoreIdInput,
    romantext: z.string().min(1).max(MAX_ROMANTEXT_CHARACTERS).describe('The analysis as RomanText.'),
    maxDisagreements: z.number().int().min(0).max(5000).optional().describe('At most this many disagreements listed; default 100.'),
  }),
  output: z.object({
    id: z.string(),
    onsets: z.number().int(),
    figureAgreement: z.number(),
    keyAgreement: z.number(),
    bothAgreement: z.number(),
    disagreements: z.array(
      z.object({
        measure: z.number().int(),
        beat: z.number(),
        human: z.object({ key: z.string(), figure: z.string() }),
        cadenza: z.object({ key: z.string(), figure: z.string() }),
      }),
    ),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const human = placeOnScore(readRomanText(input.romantext), score);
    const comparison = compareWithHuman(score, human);
    return {
      structured: { id: input.id, ...comparison, disagreements: comparison.disagreements.slice(0, input.maxDisagreements ?? 100) },
      summary: `${comparison.onsets} human harmonies: figures agree on ${Math.round(comparison.figureAgreement * 100)}%, keys on ${Math.round(comparison.keyAgreement * 100)}%, both on ${Math.round(comparison.bothAgreement * 100)}%.`,
    };
  },
});
