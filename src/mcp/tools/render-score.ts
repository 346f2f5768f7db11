import { z } from 'zod';
import { artefactLink, artefactUri, INLINE_BYTES } from '../artefact-uri.js';
import { READ_ONLY, defineTool } from '../define-tool.js';
import { measureRangeInput, type MeasureRangeInput } from '../measure-range.js';
import { RENDER_FORMATS } from '../render.js';
import { SCORE_VIEW_URI } from '../score-view.js';
import { scoreIdInput } from '../schemas.js';
import { loadScore } from '../score-ids.js';

const DEFAULT_PNG_WIDTH = 1200;

const timemapOutput = z.object({
  quarterBpm: z.number(),
  entries: z.array(z.object({ seconds: z.number(), measure: z.string().optional(), on: z.array(z.string()).optional(), off: z.array(z.string()).optional() })),
});
const MIME_TYPES = { svg: 'image/svg+xml', png: 'image/png' } as const;

export const renderScore = defineTool({
  name: 'render_score',
  title: 'Render notation',
  description:
    'Engrave a score as notation (verovio): one page as SVG or PNG, optionally only `measures` { from, to } ' +
    '(numbers as printed, a pickup is 0, inclusive; a range the score lacks is an error). The page comes back as a ' +
    'resource link (`uri`, readable with resources/read) unless it is small or you ask `inline: true`: then SVG in ' +
    '`svg`, PNG as an image the client can show. Use it to show a passage you are discussing.',
  input: z.object({
    id: scoreIdInput,
    format: z.enum(RENDER_FORMATS).optional().describe('svg (default) or png.'),
    page: z.number().int().min(1).max(10_000).optional().describe('1-based page; default 1.'),
    measures: z
      .union([measureRangeInput, z.string().regex(/^\d{1,5}-\d{1,5}$/, 'a range like "5-12"')])
      .optional()
      .describe('Only these measures, by number as printed (a pickup is 0), inclusive: { "from": 5, "to": 12 }; "5-12" means the same.'),
    width: z.number().int().min(200).max(4000).optional().describe(`PNG width in pixels; default ${DEFAULT_PNG_WIDTH}.`),
    inline: z.boolean().optional().describe('Send the page in the answer (svg, or a PNG image) even when large; default: a link unless small.'),
    timemap: z.boolean().optional().describe('SVG only: also when each measure and note sounds (for players that follow the notation); default false.'),
  }),
  output: z.object({
    id: z.string(),
    format: z.enum(RENDER_FORMATS),
    page: z.number().int(),
    pageCount: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    bytes: z.number().int().describe('Size of the SVG or PNG file.'),
    uri: z.string().describe('Where to read the page (MCP resources/read; also GET /api/scores/{id}/files/{file} over HTTP).'),
    svg: z.string().optional().describe('The SVG document (format svg, when sent inline).'),
    timemap: timemapOutput.optional().describe('When asked: the seconds (at the score\'s tempo, repeats played out) at which measures and notes, named by their SVG ids, begin and end.'),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  task: true,
  ui: SCORE_VIEW_URI,
  async handle(input, services, call) {
    const stored = await loadScore(services, call, input.id);
    const format = input.format ?? 'svg';
    const measures = rangeOf(input.measures);
    const options = { format, page: input.page ?? 1, width: input.width ?? DEFAULT_PNG_WIDTH, ...(measures ? { measures } : {}), ...(input.timemap ? { timemap: true } : {}) };
    const rendered = await services.work.render(stored, options, call);
    const { page, pageCount, width, height } = rendered;
    const file = rendered.svg !== undefined ? new TextEncoder().encode(rendered.svg) : rendered.png ?? new Uint8Array();
    const uri = artefactUri(input.id, `render.${format}`, { page, ...(format === 'png' ? { width: options.width } : {}), ...(measures ?? {}) });
    const where = `${measures ? `measures ${measures.from}–${measures.to}, ` : ''}page ${page} of ${pageCount}`;
    const facts = { id: input.id, format, page, pageCount, width, height, bytes: file.length, uri, ...(rendered.timemap ? { timemap: rendered.timemap } : {}) };
    const described = `${input.id} (${where}) as ${format.toUpperCase()}, ${width}×${height}`;
    if (!(input.inline ?? file.length <= INLINE_BYTES)) {
      const name = `${input.id}-page${page}.${format}`;
      return {
        structured: facts,
        summary: `Rendered ${described}: ${Math.round(file.length / 1024)} KB, linked as ${uri} (ask inline: true to receive it in the answer).`,
        link: artefactLink(uri, name, MIME_TYPES[format], file.length, `Engraved ${described}.`),
      };
    }
    return {
      structured: { ...facts, ...(rendered.svg !== undefined ? { svg: rendered.svg } : {}) },
      summary: `Rendered ${described}.`,
      ...(rendered.png ? { image: { base64: Buffer.from(rendered.png).toString('base64'), mimeType: 'image/png' } } : {}),
    };
  },
});

/** the range asked for, as a { from, to } object ("5-12" is the same as { from: 5, to: 12 }) */
function rangeOf(measures: MeasureRangeInput | string | undefined): MeasureRangeInput | undefined {
  if (typeof measures !== 'string') return measures;
  const [from, to] = measures.split('-').map(Number);
  return { from: from!, to: to! };
}
