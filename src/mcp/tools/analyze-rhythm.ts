import { z } from 'zod';
import { analyzeRhythm as describeRhythm } from '../../analysis/rhythm.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

const METRIC_POSITIONS = ['downbeat', 'strong beat', 'beat', 'half beat', 'finer'] as const;
const POSITION_OF_WEIGHT: Readonly<Record<string, (typeof METRIC_POSITIONS)[number]>> = { '1': 'downbeat', '0.75': 'strong beat', '0.5': 'beat', '0.25': 'half beat', '0.125': 'finer' };

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
    onsetsByWeight: z
      .record(z.string(), z.number().int())
      .describe('Onsets by metric weight: "1" downbeat, "0.75" secondary strong beat, "0.5" beat, "0.25" half beat, "0.125" finer.'),
    onsetsByPosition: z
      .record(z.enum(METRIC_POSITIONS), z.number().int())
      .describe('The same counts by name: downbeat, strong beat, beat, half beat, finer.'),
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
      structured: { id: input.id, ...rhythm, onsetsByPosition: byPosition(rhythm.onsetsByWeight), meters: [...rhythm.meters], density: [...rhythm.density], tempos: [...rhythm.tempos] },
      summary: `Meter ${rhythm.meters.map((meter) => meter.timeSignature).join(', ') || 'unmarked'}; syncopation index ${rhythm.syncopationIndex}; busiest measure ${busiest?.measure ?? '-'} (${busiest?.onsets ?? 0} onsets).`,
    };
  },
});

/** byPosition({ "1": 12, "0.5": 30 }) → { downbeat: 12, "strong beat": 0, beat: 30, "half beat": 0, finer: 0 } */
function byPosition(onsetsByWeight: Readonly<Record<string, number>>): Record<(typeof METRIC_POSITIONS)[number], number> {
  const named = { downbeat: 0, 'strong beat': 0, beat: 0, 'half beat': 0, finer: 0 };
  for (const [weight, onsets] of Object.entries(onsetsByWeight)) named[POSITION_OF_WEIGHT[weight] ?? 'finer'] += onsets;
  return named;
}
