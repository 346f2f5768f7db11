import { z } from 'zod';
import { setClassSegments } from '../../analysis/set-class-segments.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { measureRangeInput, resolveMeasureRange } from '../measure-range.js';
import { cursorInput, nextCursorOutput, pageOf, pageSpan } from '../paging.js';
import { scoreIdInput } from '../schemas.js';

const PITCH_CLASS_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

export const analyzeSetClasses = defineScoreTool({
  name: 'analyze_set_classes',
  title: 'Forte set classes',
  description:
    'Post-tonal analysis: the pitch-class set of each measure (segment: "measure", the default) or of each vertical of three or more pitch classes ' +
    '(segment: "vertical"), named by Forte set class ("4-Z15"), with its prime form, interval-class vector and normal order; ' +
    'names and prime forms as music21\'s forteClass gives them. `classCounts` says which set classes recur most. ' +
    '`measures` { from, to } limits it to a passage. Rows come in pages (`nextCursor`).',
  input: z.object({
    id: scoreIdInput,
    segment: z.enum(['measure', 'vertical']).optional().describe('What to name: each measure\'s pitch classes (default) or each vertical.'),
    measures: measureRangeInput.optional(),
    cursor: cursorInput,
  }),
  output: z.object({
    id: z.string(),
    segment: z.enum(['measure', 'vertical']),
    sets: z.array(
      z.object({
        measure: z.string(),
        offsetQuarters: z.number(),
        forteName: z.string().describe('Forte name, "Z" marking a Z-related class: "4-Z15".'),
        primeForm: z.array(z.number().int()),
        intervalVector: z.array(z.number().int()).describe('Interval classes 1–6, how many of each.'),
        normalOrder: z.array(z.string()).describe('The pitch classes in normal order, named: ["C", "C#", "E", "F#"].'),
      }),
    ),
    classCounts: z.array(z.object({ forteName: z.string(), count: z.number().int() })).describe('The most frequent set classes (up to 12), over all segments asked.'),
    total: z.number().int(),
    truncated: z.boolean(),
    nextCursor: nextCursorOutput,
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const segment = input.segment ?? 'measure';
    const range = input.measures ? resolveMeasureRange(score, input.measures) : undefined;
    const segments = setClassSegments(score, segment).filter((found) => !range || (found.measureIndex >= range.start && found.measureIndex <= range.end));
    const rows = segments.map((found) => ({
      measure: found.measure,
      offsetQuarters: found.offsetQuarters,
      forteName: found.forteName,
      primeForm: [...found.primeForm],
      intervalVector: [...found.intervalVector],
      normalOrder: found.normalOrder.map((pitchClass) => PITCH_CLASS_NAMES[pitchClass]!),
    }));
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.forteName, (counts.get(row.forteName) ?? 0) + 1);
    const classCounts = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([forteName, count]) => ({ forteName, count }));
    const page = pageOf(rows, { cursor: input.cursor });
    const where = page.rows.length < rows.length ? `; this page: ${pageSpan(page.rows, page.start)}` : '';
    return {
      structured: { id: input.id, segment, sets: page.rows, classCounts, total: rows.length, truncated: page.nextCursor !== undefined, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      summary: `${rows.length} ${segment === 'measure' ? 'measures' : 'verticals'} named; most frequent: ${classCounts.slice(0, 5).map((entry) => `${entry.forteName} ×${entry.count}`).join(', ') || 'none'}${where}.`,
    };
  },
});
