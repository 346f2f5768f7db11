import { z } from 'zod';
import { findPatterns as searchPatterns } from '../../analysis/patterns.js';
import { voiceLines } from '../../analysis/voice-leading.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

const KINDS = ['exact', 'transposed', 'inverted', 'retrograde', 'rhythm'] as const;

export const findPatterns = defineScoreTool({
  name: 'find_patterns',
  title: 'Find repeated motifs',
  description:
    'Melodic motifs that recur in the score\'s voices: exactly, transposed, inverted, in retrograde, or as a ' +
    'rhythm only, with every occurrence (voice, time, starting pitch, transposition); longer motifs first, ' +
    'shorter ones inside them not repeated. Also sequences: a motif repeated step by step at a steady interval. ' +
    'Linear in the length of the score, so whole symphonies are fine.',
  input: z.object({
    id: scoreIdInput,
    minLength: z.number().int().min(3).max(32).optional().describe('Fewest notes in a motif; default 4.'),
    maxLength: z.number().int().min(3).max(32).optional().describe('Most notes in a motif; default 12.'),
    kinds: z.array(z.enum(KINDS)).optional().describe('Kinds of repetition to look for; default all.'),
    maxPatterns: z.number().int().min(1).max(500).optional().describe('At most this many motifs, most significant first; default 50.'),
  }),
  output: z.object({
    id: z.string(),
    patterns: z.array(
      z.object({
        kind: z.enum(KINDS),
        length: z.number().int(),
        intervals: z.array(z.number()),
        rhythm: z.array(z.string()),
        occurrences: z.array(
          z.object({
            voice: z.string(),
            offsetQuarters: z.number(),
            startPitch: z.string(),
            transposition: z.number().optional(),
            form: z.enum(['original', 'inverted', 'retrograde']),
          }),
        ),
      }),
    ),
    sequences: z.array(z.object({ voice: z.string(), offsetQuarters: z.number(), length: z.number().int(), steps: z.number().int(), interval: z.number() })),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const found = searchPatterns(voiceLines(score), {
      ...(input.minLength !== undefined ? { minLength: input.minLength } : {}),
      ...(input.maxLength !== undefined ? { maxLength: input.maxLength } : {}),
      ...(input.kinds ? { kinds: input.kinds } : {}),
      ...(input.maxPatterns !== undefined ? { maxPatterns: input.maxPatterns } : {}),
    });
    const top = found.patterns[0];
    return {
      structured: {
        id: input.id,
        patterns: found.patterns.map((pattern) => ({ ...pattern, intervals: [...pattern.intervals], rhythm: [...pattern.rhythm], occurrences: [...pattern.occurrences] })),
        sequences: found.sequences,
      },
      summary: `${found.patterns.length} recurring motifs, ${found.sequences.length} sequences${top ? `; most significant: ${top.length} notes, ${top.kind}, ${top.occurrences.length} times` : ''}.`,
    };
  },
});
