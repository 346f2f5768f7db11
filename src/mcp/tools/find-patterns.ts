import { z } from 'zod';
import { findPatterns as searchPatterns } from '../../analysis/patterns.js';
import { voiceLines } from '../../analysis/voice-leading.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { cursorInput, nextCursorOutput, PAGE_BUDGET_BYTES, pageOf } from '../paging.js';
import { noteIdsInput, noteIdsOutput, scoreIdInput } from '../schemas.js';
import { positionsOf } from '../../core/beats.js';
import { count } from '../wording.js';

const KINDS = ['exact', 'transposed', 'inverted', 'retrograde', 'rhythm'] as const;
const DEFAULT_OCCURRENCES = 8;

export const findPatterns = defineScoreTool({
  name: 'find_patterns',
  title: 'Find repeated motifs',
  description:
    'Melodic motifs that recur in the score\'s voices: exactly, transposed, inverted, in retrograde, or as a ' +
    'rhythm only, with their occurrences (voice, time, starting pitch, transposition); the most salient first (recurring, long, ' +
    'with a rhythm and intervals of their own, not runs of plain steps), shorter ones inside longer ones not repeated. Also ' +
    'sequences: a motif repeated step by step at a steady interval. Each occurrence and sequence gives its measure (as printed) and beat; ' +
    '`ids: true` also names its notes (`noteIds`, as edit_score takes them). Linear in the length of the score, so whole symphonies are fine. ' +
    'Each motif lists its first `maxOccurrences` occurrences (`occurrenceCount` counts them all); motifs come in pages that fit a ' +
    'model\'s context: `nextCursor`, passed back as `cursor`, gives the next page.',
  input: z.object({
    id: scoreIdInput,
    minLength: z.number().int().min(3).max(32).optional().describe('Fewest notes in a motif; default 4.'),
    maxLength: z.number().int().min(3).max(32).optional().describe('Most notes in a motif; default 12.'),
    kinds: z.array(z.enum(KINDS)).optional().describe('Kinds of repetition to look for; default all.'),
    maxPatterns: z.number().int().min(1).max(500).optional().describe('At most this many motifs found, most salient first; default 50.'),
    maxOccurrences: z.number().int().min(1).max(10_000).optional().describe(`Occurrences listed per motif; default ${DEFAULT_OCCURRENCES}.`),
    ids: noteIdsInput,
    cursor: cursorInput,
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
            measure: z.string().describe('Where it starts: the measure number as printed (a pickup is 0).'),
            beat: z.number().describe('1-based beat in the meter where it starts.'),
            startPitch: z.string(),
            transposition: z.number().optional(),
            form: z.enum(['original', 'inverted', 'retrograde']),
            noteIds: noteIdsOutput.optional().describe('With ids: true, the ids of its notes in order.'),
          }),
        ),
        occurrenceCount: z.number().int().describe('Occurrences in all, listed or not.'),
      }),
    ),
    total: z.number().int().describe('Motifs found, all pages together.'),
    nextCursor: nextCursorOutput,
    sequences: z.array(
      z.object({
        voice: z.string(),
        offsetQuarters: z.number(),
        measure: z.string(),
        beat: z.number(),
        length: z.number().int(),
        steps: z.number().int(),
        interval: z.number(),
        noteIds: noteIdsOutput.optional().describe('With ids: true, the ids of the notes of all its steps.'),
      }),
    ),
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
    const listed = input.maxOccurrences ?? DEFAULT_OCCURRENCES;
    const place = placing(positionsOf(score), input.ids === true);
    const rows = found.patterns.map((pattern) => ({
      ...pattern,
      intervals: [...pattern.intervals],
      rhythm: [...pattern.rhythm],
      occurrences: pattern.occurrences.slice(0, listed).map(place),
      occurrenceCount: pattern.occurrences.length,
    }));
    const page = pageOf(rows, { cursor: input.cursor, budgetBytes: PAGE_BUDGET_BYTES * 1.2 });
    const sequences = page.start === 0 ? found.sequences.map(place) : [];
    const more = page.nextCursor ? ` (nos. ${page.start + 1}–${page.start + page.rows.length} in this page)` : '';
    return {
      structured: { id: input.id, patterns: page.rows, sequences, total: rows.length, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      summary: `${count(rows.length, 'recurring motif')}${more}, ${count(found.sequences.length, 'sequence')}${top ? `; most salient: ${top.length} notes, ${top.kind}, ${count(top.occurrences.length, 'time')}` : ''}.`,
    };
  },
});

/** a finding with its measure and beat beside its time, and its note ids only when asked */
function placing(positionOf: ReturnType<typeof positionsOf>, ids: boolean) {
  return <Found extends { offsetQuarters: number; noteIds: readonly string[] }>({ noteIds, ...found }: Found) => {
    const { measure, beat } = positionOf(found.offsetQuarters);
    return { ...found, measure, beat, ...(ids ? { noteIds: [...noteIds] } : {}) };
  };
}
