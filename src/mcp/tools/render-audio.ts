import { z } from 'zod';
import { AUDIO_FORMATS } from '../../audio/encode.js';
import { artefactLink, artefactUri } from '../artefact-uri.js';
import { READ_ONLY, defineTool } from '../define-tool.js';
import { measureRangeInput } from '../measure-range.js';
import { MAX_AUDIO_BYTES, MAX_AUDIO_SECONDS } from '../render-audio.js';
import { scoreIdInput } from '../schemas.js';
import { loadScore } from '../score-ids.js';

/** answers carry audio inline up to this size (about 10 s of MP3, 3 s of WAV); larger files go out as links */
export const INLINE_AUDIO_BYTES = 256 * 1024;

export const renderAudio = defineTool({
  name: 'render_audio',
  title: 'Render audio',
  description:
    'Play a score as sound: performed with a General MIDI SoundFont (each part\'s MIDI instrument, drums on channel 10, tempo changes ' +
    'honoured, repeats played out) and returned as an audio file: mp3 (default), ogg (Vorbis), flac or wav. Optionally only ' +
    '`measures` { from, to } (numbers as printed, a pickup is 0, inclusive) and/or some `parts` (indices or names), at another ' +
    '`quarterBpm` (later tempo changes keep their ratio), after a `countInBars` of clicks, with a `metronome`. A short file comes back ' +
    'as audio content the client can play; a longer one as a resource link (`uri`, readable with resources/read) unless you ask ' +
    `\`inline: true\`. Renderings are limited to ${MAX_AUDIO_SECONDS} s and ${MAX_AUDIO_BYTES / 1024 / 1024} MB. Use it to let someone hear a passage, a harmonization or an exercise.`,
  input: z.object({
    id: scoreIdInput,
    format: z.enum(AUDIO_FORMATS).optional().describe('mp3 (default), ogg, flac or wav.'),
    measures: measureRangeInput.optional(),
    parts: z.array(z.union([z.number().int().min(0), z.string().min(1).max(100)])).min(1).max(100).optional().describe('Only these parts: indices (0 = top) or names.'),
    quarterBpm: z.number().min(10).max(400).optional().describe("Tempo in quarter notes per minute at the start; default: the score's (120 when it has none)."),
    countInBars: z.number().int().min(0).max(4).optional().describe('Bars of metronome clicks before the music; default 0.'),
    metronome: z.boolean().optional().describe('A click on every beat of the music; default false.'),
    inline: z.boolean().optional().describe('Send the audio in the answer even when long; default: a link unless short.'),
  }),
  output: z.object({
    id: z.string(),
    format: z.enum(AUDIO_FORMATS),
    mimeType: z.string(),
    durationSeconds: z.number().describe('Length of the file: count-in, music and 1.5 s of ring-out.'),
    musicStartSeconds: z.number().describe('When the music starts (after the count-in).'),
    quarterBpm: z.number().describe('The tempo it starts at.'),
    sampleRate: z.number().int(),
    bytes: z.number().int(),
    uri: z.string().describe('Where to read the file (MCP resources/read; also GET /api/scores/{id}/files/{file} over HTTP).'),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  async handle(input, services, call) {
    const stored = await loadScore(services, call, input.id);
    const format = input.format ?? 'mp3';
    const { id: _id, inline, format: _format, ...asked } = input;
    const rendered = await services.work.renderAudio(stored, { format, ...asked }, call);
    const { measures, parts, quarterBpm, countInBars, metronome } = asked;
    const uri = artefactUri(input.id, `audio.${format}`, { part: parts, ...(measures ?? {}), quarterBpm, countInBars, metronome });
    const { mimeType, durationSeconds, musicStartSeconds, sampleRate } = rendered;
    const facts = { id: input.id, format, mimeType, durationSeconds, musicStartSeconds, quarterBpm: rendered.quarterBpm, sampleRate, bytes: rendered.bytes.length, uri };
    const described = `${input.id}${measures ? ` (measures ${measures.from}–${measures.to})` : ''} as ${format.toUpperCase()}, ${durationSeconds.toFixed(1)} s at ♩ = ${Math.round(rendered.quarterBpm)}`;
    if (!(inline ?? rendered.bytes.length <= INLINE_AUDIO_BYTES)) {
      return {
        structured: facts,
        summary: `Rendered ${described}: ${Math.round(rendered.bytes.length / 1024)} KB, linked as ${uri} (ask inline: true to receive it in the answer).`,
        link: artefactLink(uri, `${input.id}.${format}`, mimeType, rendered.bytes.length, `Audio of ${described}.`),
      };
    }
    return { structured: facts, summary: `Rendered ${described}.`, audio: { base64: Buffer.from(rendered.bytes).toString('base64'), mimeType } };
  },
});
