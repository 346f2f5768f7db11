import { z } from 'zod';
import type { Score } from '../../core/score.js';
import { harmonyWithCadences } from '../../analysis/harmony-with-cadences.js';
import { analysisMarks } from '../../formats/musicxml/numerals.js';
import { writeRomanText } from '../../formats/romantext/write.js';
import { writeAbc } from '../../formats/abc/write.js';
import { writeKern } from '../../formats/kern/write.js';
import { writeMei } from '../../formats/mei/write.js';
import { writeMidi } from '../../formats/midi/write.js';
import { writeMusicXml } from '../../formats/musicxml/write.js';
import { defineScoreTool } from '../define-tool.js';
import { artefactLink, artefactUri, EXPORT_EXTENSIONS, INLINE_BYTES } from '../artefact-uri.js';
import { excerpt } from '../excerpt.js';
import { measureRangeInput } from '../measure-range.js';
import { scoreIdInput } from '../schemas.js';

const WRITERS = {
  midi: { mimeType: 'audio/midi', write: writeMidi },
  musicxml: { mimeType: 'application/vnd.recordare.musicxml+xml', write: (score: Parameters<typeof writeMusicXml>[0]) => new TextEncoder().encode(writeMusicXml(score)) },
  mei: { mimeType: 'application/mei+xml', write: (score: Parameters<typeof writeMei>[0]) => new TextEncoder().encode(writeMei(score)) },
  abc: { mimeType: 'text/vnd.abc', write: (score: Parameters<typeof writeAbc>[0]) => new TextEncoder().encode(writeAbc(score)) },
  kern: { mimeType: 'text/x-kern', write: (score: Score) => new TextEncoder().encode(writeKern(score)) },
  rntxt: { mimeType: 'text/plain', write: (score: Score) => new TextEncoder().encode(writeRomanText(score, harmonyWithCadences(score))) },
} as const;
const FORMATS = ['midi', 'musicxml', 'mei', 'abc', 'kern', 'rntxt'] as const;

export const exportScore = defineScoreTool({
  name: 'export_score',
  title: 'Export a score',
  description:
    'Write an imported score in another format and return it base64-encoded. Formats: "musicxml" ' +
    '(MusicXML 4.0 partwise text) and "midi" (type 1, a conductor track with tempo, meter and key, then a ' +
    'track per part; repeats played out unless unfoldRepeats is false), "mei" (MEI 5.0 score-based XML), "abc" (ABC 2.1 text, a V: voice for each voice of each part), ' +
    '"kern" (Humdrum **kern: a spine per staff, the top part rightmost, dynamics and hairpins in a **dynam spine) ' +
    'and "rntxt" (RomanText: analyze_harmony\'s roman numerals and local keys, one line per measure, cadences as Note: lines; music21 and the When in Rome tools read it). ' +
    'With `analysis: true`, MusicXML carries the same analysis under the lowest part: <harmony> with <numeral> (MusicXML 4.0) for each numeral, the local key in words where it changes, and each cadence. ' +
    'Optionally only some `parts` (indices or names) and/or `measures` { from, to } (numbers as printed, a pickup is 0, inclusive). ' +
    'A small file (up to 8 KB) comes back as `content` (base64); a larger one as a resource link (`uri`, readable with resources/read, ' +
    'or GET /api/scores/{id}/files/{file} over HTTP) unless you ask `inline: true`. With `embed: true` it is an embedded resource instead; ' +
    'with `path` it is written to a file inside the server\'s output folders (CADENZA_OUTPUT_ROOTS).',
  input: z.object({
    id: scoreIdInput,
    format: z.enum(FORMATS).describe('Output format.'),
    unfoldRepeats: z.boolean().optional().describe('Play repeats and endings out (MIDI); default true.'),
    analysis: z.boolean().optional().describe('MusicXML only: write roman numerals, local keys and cadences into the score (analysed from the parts and measures exported).'),
    parts: z.array(z.union([z.number().int().min(0), z.string().min(1).max(100)])).min(1).max(100).optional().describe('Only these parts: indices (0 = top) or names.'),
    measures: measureRangeInput.optional(),
    inline: z.boolean().optional().describe('Return the file in `content` whatever its size; default: inline only when small.'),
    embed: z.boolean().optional().describe('Return the file as an embedded MCP resource rather than in `content`.'),
    path: z.string().min(1).max(4096).optional().describe('Write the file here (inside the output folders) instead of returning it.'),
  }),
  output: z.object({
    id: z.string(),
    format: z.enum(FORMATS),
    mimeType: z.string(),
    encoding: z.literal('base64'),
    bytes: z.number().int(),
    content: z.string().optional().describe('The file, base64-encoded (when small, or asked inline).'),
    uri: z.string().optional().describe('Where to read the file when it is not in `content` (MCP resources/read).'),
    path: z.string().optional().describe('Where the file was written.'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const score = excerpt(stored!.score, input);
    const writer = WRITERS[input.format];
    const bytes = encode(score, input);
    const content = Buffer.from(bytes).toString('base64');
    const facts = { id: input.id, format: input.format, mimeType: writer.mimeType, encoding: 'base64' as const, bytes: bytes.length };
    const file = `export.${EXPORT_EXTENSIONS[input.format]}`;
    const uri = artefactUri(input.id, file, {
      part: input.parts,
      ...(input.measures ?? {}),
      ...(input.unfoldRepeats === undefined ? {} : { unfoldRepeats: input.unfoldRepeats }),
      ...(input.analysis ? { analysis: true } : {}),
    });
    const kind = `${input.format.toUpperCase()} file of ${bytes.length} bytes`;
    if (input.embed && input.path === undefined) {
      return { structured: facts, summary: `${kind}, embedded as a resource.`, resource: { uri, mimeType: writer.mimeType, base64: content } };
    }
    if (input.path !== undefined || (input.inline ?? bytes.length <= INLINE_BYTES)) {
      return { structured: { ...facts, content }, summary: `${kind} (base64 in \`content\`).` };
    }
    return {
      structured: { ...facts, uri },
      summary: `${kind}, linked as ${uri} (ask inline: true to receive it in \`content\`).`,
      link: artefactLink(uri, `${input.id}.${EXPORT_EXTENSIONS[input.format]}`, writer.mimeType, bytes.length, `${input.id} as ${input.format.toUpperCase()}.`),
    };
  },
  async finish(result, input, services) {
    if (input.path === undefined) return result;
    const { content, ...facts } = result.structured;
    const written = await services.files.write(input.path, new Uint8Array(Buffer.from(content ?? '', 'base64')));
    return { structured: { ...facts, path: written.path }, summary: `Wrote ${facts.bytes} bytes of ${input.format.toUpperCase()} to ${written.path}.` };
  },
});

function encode(score: Score, input: { format: (typeof FORMATS)[number]; unfoldRepeats?: boolean | undefined; analysis?: boolean | undefined }): Uint8Array {
  if (input.format === 'midi') return writeMidi(score, input.unfoldRepeats === undefined ? {} : { unfoldRepeats: input.unfoldRepeats });
  if (input.format === 'musicxml' && input.analysis) return new TextEncoder().encode(writeMusicXml(score, { annotations: analysisMarks(score, harmonyWithCadences(score)) }));
  return WRITERS[input.format].write(score);
}

