import { z } from 'zod';
import { analyzeRhythm as describeRhythm } from '../../analysis/rhythm.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

export const analyzeRhythm = defineScoreTool({
  name: 'analyze_rhythm',
  title: 'Describe rhythm and meter',
  description:
    'Meter and rhythm of the whole score: time signatures and where they change, onsets by metric weight ' +
    '(downbeat, strong beat, beat, half beat, finer), a syncopation index (notes held from a weak position ' +
    'across a stronger one, per 100 notes), note density per measure, the note values used, and the tempo marks.',
  input: z.object({ id: scoreIdInput }),
  output: z.object({
    id: z.string(),
    meters: z.array(z.object({ measure: z.string(), timeSignature: z.string() })),
    onsetsByWeight: z.record(z.string(), z.number().int()),
    syncopationIndex: z.number(),
    syncopations: z.number().int(),
    density: z.array(z.object({ measure: z.string(), onsets: z.number().int() })),
    durations: z.record(z.string(), z.number().int()).describe('Note values in quarter notes ("1/2" = eighth) → count.'),
    tempos: z.array(z.object({ measure: z.string(), quarterBpm: z.number().optional(), text: z.string().optional() })),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const rhythm = describeRhythm(score);
    const busiest = [...rhythm.density].sort((a, b) => b.onsets - a.onsets)[0];
    return {
      structured: { id: input.id, ...rhythm, meters: [...rhythm.meters], density: [...rhythm.density], tempos: [...rhythm.tempos] },
      summary: `Meter ${rhythm.meters.map((meter) => meter.timeSignature).join(', ') || 'unmarked'}; syncopation index ${rhythm.syncopationIndex}; busiest measure ${busiest?.measure ?? '-'} (${busiest?.onsets ?? 0} onsets).`,
    };
  },
});
