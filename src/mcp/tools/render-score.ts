import { z } from 'zod';
import { READ_ONLY, defineTool } from '../define-tool.js';
import { RENDER_FORMATS } from '../render.js';
import { SCORE_VIEW_URI } from '../score-view.js';
import { scoreIdInput } from '../schemas.js';
import { loadScore } from '../score-ids.js';

const DEFAULT_PNG_WIDTH = 1200;

export const renderScore = defineTool({
  name: 'render_score',
  title: 'Render notation',
  description:
    'Engrave a score as notation (verovio): one page as SVG (returned as text) or PNG (returned as an image the ' +
    'client can show), optionally only a range of measures. Use it to show a passage you are discussing.',
  input: z.object({
    id: scoreIdInput,
    format: z.enum(RENDER_FORMATS).optional().describe('svg (default) or png.'),
    page: z.number().int().min(1).max(10_000).optional().describe('1-based page; default 1.'),
    measures: z
      .string()
      .regex(/^\d{1,5}-\d{1,5}$/, 'a range like "5-12"')
      .optional()
      .describe('Only these measures, by position from 1 (e.g. "5-12").'),
    width: z.number().int().min(200).max(4000).optional().describe(`PNG width in pixels; default ${DEFAULT_PNG_WIDTH}.`),
  }),
  output: z.object({
    id: z.string(),
    format: z.enum(RENDER_FORMATS),
    page: z.number().int(),
    pageCount: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    svg: z.string().optional().describe('The SVG document (format svg).'),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  ui: SCORE_VIEW_URI,
  async handle(input, services, call) {
    const stored = await loadScore(services, call, input.id);
    const format = input.format ?? 'svg';
    const rendered = await services.work.render(
      stored,
      { format, page: input.page ?? 1, width: input.width ?? DEFAULT_PNG_WIDTH, ...(input.measures ? { measures: input.measures } : {}) },
      call,
    );
    const { page, pageCount, width, height } = rendered;
    const where = `${input.measures ? `measures ${input.measures}, ` : ''}page ${page} of ${pageCount}`;
    return {
      structured: { id: input.id, format, page, pageCount, width, height, ...(rendered.svg ? { svg: rendered.svg } : {}) },
      summary: `Rendered ${input.id} (${where}) as ${format.toUpperCase()}, ${width}×${height}.`,
      ...(rendered.png ? { image: { base64: Buffer.from(rendered.png).toString('base64'), mimeType: 'image/png' } } : {}),
    };
  },
});
