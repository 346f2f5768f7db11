import { z } from 'zod';
import type { Score } from '../../core/score.js';
import { writeAbc } from '../../formats/abc/write.js';
import { writeKern } from '../../formats/kern/write.js';
import { MEASURE_TEXT_LEGEND, measureTextWriter, partLabels } from '../../formats/text/write.js';
import { extractMeasures, extractParts } from '../../generate/transform/extract.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { measureRangeInput, resolveMeasureRange } from '../measure-range.js';
import { scoreIdInput } from '../schemas.js';

/** the notes of one answer stay under this many bytes of text (the whole answer under 16 KB) */
export const READ_BUDGET_BYTES = 9 * 1024;

const partsInput = z
  .array(z.union([z.number().int().min(0), z.string().min(1).max(100)]))
  .min(1)
  .max(100)
  .optional()
  .describe('Only these parts: indices (0 = top) or names; default every part.');

const EXCERPT_FORMATS = ['abc', 'kern'] as const;

export const readScore = defineScoreTool({
  name: 'read_score',
  title: 'Read measures of a score',
  description:
    'Read the notes of a score (or of measures { from, to }, numbers as printed, a pickup is 0, inclusive) as compact text, one line ' +
    'per voice per measure: "m3 Alto: C#5:q B4:e A4:e G#4:h" (w h q e s = whole … 16th, "." dotted, r rest, [C4 E4]:q a chord, ~ tie, ^ fermata). ' +
    'The text is the answer\'s text content. `parts` picks parts by index or name; `ids: true` names lines by part id and voice and each note by its beat ' +
    '(@2.5) and id, to address notes exactly; `excerpt: "abc"` or `"kern"` adds the same measures in ABC or Humdrum **kern. An answer holds about 9 KB of notes: ' +
    'when the measures asked do not fit, it stops at a measure boundary and `continueWith` gives the measures to ask next.',
  input: z.object({
    id: scoreIdInput,
    measures: measureRangeInput.optional(),
    parts: partsInput,
    ids: z.boolean().optional().describe('Name lines by part id and voice, and notes by beat (@2.5) and id where they have one; default false.'),
    excerpt: z.enum(EXCERPT_FORMATS).optional().describe('Also give the measures shown in this notation.'),
  }),
  output: z.object({
    id: z.string(),
    title: z.string().optional(),
    parts: z.array(z.object({ index: z.number().int(), id: z.string(), label: z.string().describe('How the lines name the part.') })),
    shown: z.object({ from: z.string(), to: z.string() }).describe('The measures in the text, as printed.'),
    measureCount: z.number().int().describe('Measures shown.'),
    lineCount: z.number().int(),
    excerpt: z.enum([...EXCERPT_FORMATS, 'omitted']).optional().describe('"abc" or "kern" when the text ends with the measures in that notation; "omitted" when they were too long for the answer.'),
    truncated: z.boolean().describe('True when the measures asked did not all fit.'),
    continueWith: z
      .object({ from: z.string(), to: z.string() })
      .optional()
      .describe('Pass as `measures` (with the same other arguments) to read on.'),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  light: () => true,
  compute(input, [stored]) {
    const score = input.parts ? extractParts(stored!.score, input.parts) : stored!.score;
    const measures = score.parts[0]?.measures ?? [];
    const range = input.measures ? resolveMeasureRange(score, input.measures) : { start: 0, end: measures.length - 1 };
    const writer = measureTextWriter(score, input.ids ? { ids: true } : {});
    const budget = input.excerpt ? READ_BUDGET_BYTES / 2 : READ_BUDGET_BYTES;
    const lines: string[] = [];
    let spent = 0;
    let end = range.start - 1;
    while (end < range.end) {
      const next = writer.lines(end + 1, end + 1 === range.start);
      const size = next.reduce((sum, line) => sum + line.length + 1, 0);
      if (end >= range.start && spent + size > budget) break;
      lines.push(...clip(next, budget));
      spent += size;
      end += 1;
    }
    const shown = { from: measures[range.start]?.number ?? '', to: measures[end]?.number ?? '' };
    const continueWith = end < range.end ? { from: measures[end + 1]!.number, to: measures[range.end]!.number } : undefined;
    const written = input.excerpt && measures.length > 0 ? EXCERPT_WRITERS[input.excerpt](extractMeasures(score, shown.from, shown.to)) : undefined;
    const excerpt = written && written.length <= READ_BUDGET_BYTES / 2 ? written : undefined;
    const notation = input.excerpt === 'kern' ? '**kern' : 'ABC';
    const names = partLabels(score.parts);
    const labels = input.ids ? score.parts.map((part) => part.id) : names;
    const title = score.metadata.title ?? score.metadata.movementTitle ?? score.metadata.workTitle;
    const text = [
      `${title ?? input.id}${score.metadata.composer ? ` (${score.metadata.composer})` : ''}: measures ${shown.from}–${shown.to} of ${measures[0]?.number ?? '?'}–${measures.at(-1)?.number ?? '?'}, parts ${input.ids ? score.parts.map((part, index) => `${part.id} = ${names[index]}`).join(', ') : labels.join(', ')}.`,
      MEASURE_TEXT_LEGEND,
      ...lines,
      ...(excerpt ? [`${notation}:`, excerpt.trimEnd()] : written ? [`(${notation} excerpt omitted: too long for one answer; ask fewer measures.)`] : []),
      ...(continueWith ? [`… continues: call read_score with measures { "from": ${JSON.stringify(continueWith.from)}, "to": ${JSON.stringify(continueWith.to)} }.`] : []),
    ].join('\n');
    return {
      structured: {
        id: input.id,
        ...(title ? { title } : {}),
        parts: score.parts.map((part, index) => ({ index, id: part.id, label: labels[index]! })),
        shown,
        measureCount: Math.max(0, end - range.start + 1),
        lineCount: lines.length,
        ...(written && input.excerpt ? { excerpt: excerpt ? input.excerpt : ('omitted' as const) } : {}),
        truncated: continueWith !== undefined,
        ...(continueWith ? { continueWith } : {}),
      },
      summary: text,
    };
  },
});

/** a measure too large for an answer on its own (thousands of notes) is cut, and says so */
function clip(lines: readonly string[], budget: number): string[] {
  const kept: string[] = [];
  let spent = 0;
  for (const line of lines) {
    if (spent + line.length + 1 > budget) {
      kept.push(`${line.slice(0, Math.max(0, budget - spent - 40))} … (measure cut: too many notes to show)`);
      break;
    }
    kept.push(line);
    spent += line.length + 1;
  }
  return kept;
}

/** the notations an excerpt can be given in, each by its writer */
const EXCERPT_WRITERS: Readonly<Record<(typeof EXCERPT_FORMATS)[number], (score: Score) => string>> = { abc: writeAbc, kern: writeKern };
