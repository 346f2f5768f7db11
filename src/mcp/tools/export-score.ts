import { z } from 'zod';
import { writeAbc } from '../../formats/abc/write.js';
import { writeMei } from '../../formats/mei/write.js';
import { writeMidi } from '../../formats/midi/write.js';
import { writeMusicXml } from '../../formats/musicxml/write.js';
import { READ_ONLY, defineScoreTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';

const WRITERS = {
  midi: { mimeType: 'audio/midi', write: writeMidi },
  musicxml: { mimeType: 'application/vnd.recordare.musicxml+xml', write: (score: Parameters<typeof writeMusicXml>[0]) => new TextEncoder().encode(writeMusicXml(score)) },
  mei: { mimeType: 'application/mei+xml', write: (score: Parameters<typeof writeMei>[0]) => new TextEncoder().encode(writeMei(score)) },
  abc: { mimeType: 'text/vnd.abc', write: (score: Parameters<typeof writeAbc>[0]) => new TextEncoder().encode(writeAbc(score)) },
} as const;
const FORMATS = ['midi', 'musicxml', 'mei', 'abc'] as const;

export const exportScore = defineScoreTool({
  name: 'export_score',
  title: 'Export a score',
  description:
    'Write an imported score in another format and return it base64-encoded. Formats: "musicxml" ' +
    '(MusicXML 4.0 partwise text) and "midi" (type 1, a conductor track with tempo, meter and key, then a ' +
    'track per part; repeats played out unless unfoldRepeats is false), "mei" (MEI 5.0 score-based XML) and "abc" (ABC 2.1 text, a V: voice for each voice of each part).',
  input: z.object({
    id: scoreIdInput,
    format: z.enum(FORMATS).describe('Output format.'),
    unfoldRepeats: z.boolean().optional().describe('Play repeats and endings out (MIDI); default true.'),
  }),
  output: z.object({
    id: z.string(),
    format: z.enum(FORMATS),
    mimeType: z.string(),
    encoding: z.literal('base64'),
    bytes: z.number().int(),
    content: z.string().describe('The file, base64-encoded.'),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  scoreIds: (input) => [input.id],
  compute(input, [stored]) {
    const { score } = stored!;
    const writer = WRITERS[input.format];
    const bytes = input.format === 'midi' ? writeMidi(score, input.unfoldRepeats === undefined ? {} : { unfoldRepeats: input.unfoldRepeats }) : writer.write(score);
    return {
      structured: { id: input.id, format: input.format, mimeType: writer.mimeType, encoding: 'base64' as const, bytes: bytes.length, content: Buffer.from(bytes).toString('base64') },
      summary: `${input.format.toUpperCase()} file of ${bytes.length} bytes (base64 in \`content\`).`,
    };
  },
});
