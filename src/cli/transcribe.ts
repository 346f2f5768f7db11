/** `cadenza transcribe FILE.wav|.flac|.mp3|.ogg --out score.musicxml`: a recording written down as a score (transcribe_audio, then export_score). */
import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { exportScore } from '../mcp/tools/export-score.js';
import { transcribeAudio } from '../mcp/tools/transcribe-audio.js';
import { EXIT } from './exit-codes.js';
import { reportingFailures } from './failures.js';
import { openLocalTools, structured } from './local-tools.js';

/** what to do when the recording, not a score, is the trouble */
const AUDIO_HINTS = {
  PARSE_FAILED: 'Check that the recording plays in an ordinary player; it may be cut short.',
  UNSUPPORTED_FORMAT: 'Convert the recording to WAV, FLAC, MP3 or Ogg Vorbis.',
  LIMIT_EXCEEDED: 'Cut the recording into shorter excerpts (or raise CADENZA_MAX_INPUT_BYTES for a long uncompressed file).',
} as const;

const FORMATS: Readonly<Record<string, 'musicxml' | 'midi' | 'mei' | 'abc'>> = { '.musicxml': 'musicxml', '.xml': 'musicxml', '.mid': 'midi', '.midi': 'midi', '.mei': 'mei', '.abc': 'abc' };

interface Transcribed {
  readonly id: string;
  readonly durationSeconds: number;
  readonly notes: number;
  readonly measureCount: number;
  readonly meter: string;
  readonly key: string;
  readonly quarterBpm: number;
}

export function registerTranscribe(program: Command): void {
  program
    .command('transcribe')
    .description('Write a recording down as a score: notes heard with a pitch model, then beat, meter, key and staves found; the format comes from --out')
    .argument('<file>', 'the recording: .wav, .flac, .mp3 or .ogg (Vorbis)')
    .requiredOption('--out <file>', 'where to write the score: .musicxml or .xml, .mid, .mei or .abc')
    .option('--title <text>', 'the score\'s title (default: the file name)')
    .addHelpText('after', '\nExample:\n  cadenza transcribe chorale.flac --out chorale.musicxml')
    .action((file: string, options: { out: string; title?: string }) =>
      reportingFailures(program, async () => {
        const format = FORMATS[extname(options.out).toLowerCase()];
        if (!format) program.error(`Cannot write "${options.out}": --out must end in .musicxml, .xml, .mid, .mei or .abc.`, { exitCode: EXIT.usage });
        // the real path, so that a link to a recording elsewhere is still inside the one allowed root
        const path = existsSync(file) ? realpathSync(file) : resolve(file);
        const tools = openLocalTools([dirname(path)], [transcribeAudio, exportScore]);
        const transcribed = structured<Transcribed>(await tools.call('transcribe_audio', { path, ...(options.title ? { title: options.title } : {}) }));
        const exported = structured<{ content?: string }>(await tools.call('export_score', { id: transcribed.id, format, inline: true }));
        writeFileSync(options.out, Buffer.from(exported.content ?? '', 'base64'));
        const { durationSeconds, notes, measureCount, meter, key, quarterBpm } = transcribed;
        process.stderr.write(`wrote ${options.out}: ${basename(file)} (${durationSeconds.toFixed(1)} s) as ${notes} notes in ${measureCount} measures of ${meter}, ${key}, ♩ = ${quarterBpm}\n`);
      }, AUDIO_HINTS),
    );
}
