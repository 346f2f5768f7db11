import { z } from 'zod';
import { analyzeTexture as describeTexture, type TextureKind } from '../../analysis/texture.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { cursorInput, nextCursorOutput, pageOf, pageSpan } from '../paging.js';
import { scoreIdInput } from '../schemas.js';

const TEXTURES = ['rest', 'monophonic', 'unison', 'octaves', 'bare fifths', 'chordal', 'melody and accompaniment', 'polyphonic'] as const satisfies readonly TextureKind[];

export const analyzeTexture = defineScoreTool({
  name: 'analyze_texture',
  title: 'Texture per measure',
  description:
    'The texture of each measure: monophonic (one line), unison (lines on the same notes), octaves (one pitch class in several octaves), ' +
    'bare fifths (open fifths, no third), chordal (the lines strike together), melody and accompaniment (a tune over lines that move together, ' +
    'strike chords, repeat a pattern such as an Alberti bass, or hold), polyphonic (independent lines), or rest. ' +
    'A line is one voice of one part, so a pianist\'s hand with chords is one line. Measures come in pages (`nextCursor`), with the count of each texture over the whole score.',
  input: z.object({ id: scoreIdInput, cursor: cursorInput }),
  output: z.object({
    id: z.string(),
    measures: z.array(
      z.object({
        measure: z.string().describe('The measure number as printed.'),
        texture: z.enum(TEXTURES),
        lines: z.number().int().describe('Voices of parts sounding in the measure.'),
        maxSimultaneous: z.number().int().describe('The most distinct pitches sounding at once.'),
      }),
    ),
    counts: z.record(z.enum(TEXTURES), z.number().int()).describe('Measures of each texture, over the whole score.'),
    total: z.number().int(),
    truncated: z.boolean(),
    nextCursor: nextCursorOutput,
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const textures = describeTexture(stored!.score);
    const rows = textures.map((measure) => ({ measure: measure.measure, texture: measure.texture, lines: measure.streams, maxSimultaneous: measure.maxSimultaneous }));
    const page = pageOf(rows, { cursor: input.cursor });
    const counts = Object.fromEntries(TEXTURES.map((texture) => [texture, rows.filter((row) => row.texture === texture).length])) as Record<TextureKind, number>;
    const common = TEXTURES.filter((texture) => counts[texture] > 0)
      .sort((a, b) => counts[b] - counts[a])
      .map((texture) => `${texture} ${counts[texture]}`)
      .join(', ');
    const where = page.rows.length < rows.length ? `; this page: ${pageSpan(page.rows, page.start)}` : '';
    return {
      structured: { id: input.id, measures: page.rows, counts, total: rows.length, truncated: page.nextCursor !== undefined, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      summary: `${rows.length} measures: ${common || 'none'}${where}.`,
    };
  },
});
