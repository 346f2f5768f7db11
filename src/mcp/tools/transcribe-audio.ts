import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { defineTool } from '../define-tool.js';
import type { Services } from '../ports.js';
import { workspaceInput } from '../schemas.js';
import { scoreIdFor } from '../score-ids.js';
import { MAX_TRANSCRIBE_SECONDS } from '../transcribe-audio.js';
import { firstVersion } from '../versions.js';
import { DEFAULT_WORKSPACE, scoreIdInWorkspace } from '../workspaces.js';
import { fileStem } from './import-score.js';

export const transcribeAudio = defineTool({
  name: 'transcribe_audio',
  title: 'Transcribe audio',
  description:
    'Hear a recording and write it down as a new score: `path` (an audio file on the server inside its allowed folders) or ' +
    '`content` (the file base64-encoded); WAV, FLAC, MP3 or Ogg Vorbis, told from the bytes. Polyphonic notes are detected ' +
    "with Spotify's Basic Pitch model, then Cadenza tracks the beat, finds the meter and its downbeats, places the notes on a " +
    'sixteenth-note grid, finds the key (pitches spelled in it) and writes two staves, treble and bass, split at middle C. ' +
    'Returns the new score\'s id (for analyze_key, render_score, export_score …) with the tempo, meter and key it found. ' +
    `Long: runs as a task where the client supports tasks (about a sixth of the recording's length on one core). At most ${MAX_TRANSCRIBE_SECONDS / 60} minutes of audio. ` +
    'Works best on clear, dry recordings of one instrument or a small ensemble; drums and voices singing words transcribe poorly.',
  input: z.object({
    path: z.string().min(1).max(4096).optional().describe('Audio file on the server, inside the allowed roots.'),
    content: z.string().optional().describe('The audio file itself, base64-encoded.'),
    title: z.string().min(1).max(200).optional().describe('Title of the new score; default: the file name, or "Transcription".'),
    workspace: workspaceInput.optional().describe(`The workspace of your tenant to put the new score in; default "${DEFAULT_WORKSPACE}".`),
  }),
  output: z.object({
    id: z.string().describe('The new score.'),
    title: z.string(),
    durationSeconds: z.number().describe('Length of the recording.'),
    notes: z.number().int().describe('Notes written.'),
    quarterBpm: z.number().describe('The tempo found, in quarter notes per minute.'),
    meter: z.string().describe('The time signature found, e.g. "3/4".'),
    key: z.string().describe('The key found, e.g. "F# minor".'),
    partCount: z.number().int(),
    measureCount: z.number().int(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  scope: 'scores:write',
  task: true,
  async handle(input, services, call) {
    const source = await readAudio(input, services);
    const title = input.title ?? source.title;
    call.progress(0, 2, 'Transcribing');
    const transcribed = await services.work.transcribe(source.bytes, title, call);
    call.progress(1, 2, 'Storing');
    const { created, durationSeconds, notes, quarterBpm, meter, key } = transcribed;
    const id = scoreIdInWorkspace(input.workspace ?? DEFAULT_WORKSPACE, scoreIdFor(title, services.newId()));
    const now = services.now();
    await services.store.put(call.tenantId, {
      id,
      data: created.data,
      summary: created.summary,
      format: 'generated',
      origin: `transcribed:${source.origin}`,
      diagnostics: [],
      importedAt: now,
      revision: firstVersion(call, now, `Transcribed from ${source.origin}`),
    });
    call.progress(2, 2, 'Stored');
    const measureCount = created.summary.measureCount;
    return {
      structured: { id, title, durationSeconds, notes, quarterBpm, meter, key, partCount: created.summary.parts.length, measureCount },
      summary: `Transcribed ${durationSeconds.toFixed(1)} s of audio as ${id}: ${notes} notes in ${measureCount} measures of ${meter}, ${key}, ♩ = ${quarterBpm}.`,
    };
  },
});

async function readAudio(input: { path?: string; content?: string }, services: Services): Promise<{ bytes: Uint8Array; origin: string; title: string }> {
  if ((input.path === undefined) === (input.content === undefined)) throw new CadenzaError('INVALID_ARGUMENT', 'Give exactly one of `path` or `content` (base64).');
  if (input.path !== undefined) {
    const file = await services.files.read(input.path);
    return { bytes: file.bytes, origin: file.path, title: fileStem(file.path) };
  }
  const limit = services.limits.maxInputBytes;
  const approximateBytes = Math.floor((input.content!.length * 3) / 4);
  if (approximateBytes > limit) throw new CadenzaError('LIMIT_EXCEEDED', `The audio is ${approximateBytes} bytes; the limit is ${limit} bytes (CADENZA_MAX_INPUT_BYTES).`, { hint: 'Send a compressed file (FLAC, MP3, Ogg) or a shorter excerpt.' });
  return { bytes: new Uint8Array(Buffer.from(input.content!, 'base64')), origin: 'inline', title: 'Transcription' };
}
