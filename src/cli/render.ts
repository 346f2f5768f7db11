/**
 * `cadenza render FILE --out page.svg|page.png`: engrave a page, or a range of measures, with verovio (render_score);
 * `--out x.wav|x.flac|x.mp3|x.ogg`: play it with the General MIDI bank instead (render_audio).
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { renderScore } from '../mcp/tools/render-score.js';
import { renderAudio } from '../mcp/tools/render-audio.js';
import { EXIT } from './exit-codes.js';
import { reportingFailures } from './failures.js';
import { importFile, structured } from './local-tools.js';
import { READABLE_FORMATS } from '../mcp/readable-formats.js';

interface RenderOptions {
  readonly out: string;
  readonly page?: string;
  readonly measures?: string;
  readonly width?: string;
  readonly tempo?: string;
  readonly parts?: string;
  readonly countIn?: string;
  readonly metronome?: boolean;
}

interface Rendered {
  format: 'svg' | 'png';
  page: number;
  pageCount: number;
  width: number;
  height: number;
  svg?: string;
}

const FORMATS: Readonly<Record<string, 'svg' | 'png'>> = { '.svg': 'svg', '.png': 'png' };
const AUDIO_FORMATS: Readonly<Record<string, 'wav' | 'flac' | 'mp3' | 'ogg'>> = { '.wav': 'wav', '.flac': 'flac', '.mp3': 'mp3', '.ogg': 'ogg' };

export function registerRender(program: Command): void {
  program
    .command('render')
    .description('Engrave a score as notation (one page, or a range of measures, as SVG or PNG), or play it as audio (WAV, FLAC, MP3, Ogg): the format comes from --out')
    .argument('<file>', `the score: ${READABLE_FORMATS}`)
    .requiredOption('--out <file>', 'where to write: a .svg or .png file, or a .wav, .flac, .mp3 or .ogg file')
    .option('--page <n>', '1-based page (default 1)')
    .option('--measures <range>', 'only these measures, by number as printed (a pickup is 0), e.g. 1-4')
    .option('--width <pixels>', 'PNG width in pixels (default 1200)')
    .option('--tempo <bpm>', "audio: quarter notes per minute (default: the score's)")
    .option('--parts <list>', 'audio: only these parts, comma-separated indices (0 = top) or names')
    .option('--count-in <bars>', 'audio: bars of clicks before the music')
    .option('--metronome', 'audio: a click on every beat')
    .addHelpText('after', '\nExamples:\n  cadenza render chorale.mxl --out opening.png --measures 1-4\n  cadenza render chorale.mxl --out bass.mp3 --parts 3 --tempo 80 --count-in 1')
    .action((file: string, options: RenderOptions) =>
      reportingFailures(program, async () => {
        if (options.measures !== undefined && !/^\d+-\d+$/.test(options.measures)) program.error(`--measures must be a range like 1-4, not "${options.measures}".`, { exitCode: EXIT.usage });
        const audio = AUDIO_FORMATS[extname(options.out).toLowerCase()];
        if (audio) return writeAudio(program, file, audio, options);
        const format = FORMATS[extname(options.out).toLowerCase()];
        if (!format) program.error(`Cannot write "${options.out}": --out must end in .svg, .png, .wav, .flac, .mp3 or .ogg.`, { exitCode: EXIT.usage });
        const page = wholeNumber(program, '--page', options.page);
        const width = wholeNumber(program, '--width', options.width);
        const { tools, id } = await importFile(file, [renderScore]);
        const args = { id, format, inline: true, ...(page ? { page } : {}), ...(width ? { width } : {}), ...(options.measures ? { measures: options.measures } : {}) };
        const result = await tools.call('render_score', args);
        const rendered = structured<Rendered>(result);
        if (format === 'png' && !result.image) throw new Error('render_score returned no PNG image.');
        writeFileSync(options.out, format === 'svg' ? rendered.svg ?? '' : Buffer.from(result.image?.base64 ?? '', 'base64'));
        process.stderr.write(`wrote ${options.out} (page ${rendered.page} of ${rendered.pageCount}, ${rendered.width}×${rendered.height})\n`);
      }),
    );
}

async function writeAudio(program: Command, file: string, format: 'wav' | 'flac' | 'mp3' | 'ogg', options: RenderOptions): Promise<void> {
  const tempo = options.tempo === undefined ? undefined : Number(options.tempo);
  if (tempo !== undefined && !(tempo > 0)) program.error(`--tempo must be a number of quarter notes per minute, not "${options.tempo}".`, { exitCode: EXIT.usage });
  const countInBars = wholeNumber(program, '--count-in', options.countIn);
  const parts = options.parts?.split(',').map((part) => (/^\d+$/.test(part.trim()) ? Number(part) : part.trim()));
  const [from, to] = options.measures?.split('-').map(Number) ?? [];
  const { tools, id } = await importFile(file, [renderAudio]);
  const args = {
    id,
    format,
    inline: true,
    ...(from !== undefined ? { measures: { from, to } } : {}),
    ...(parts ? { parts } : {}),
    ...(tempo !== undefined ? { quarterBpm: tempo } : {}),
    ...(countInBars !== undefined ? { countInBars } : {}),
    ...(options.metronome ? { metronome: true } : {}),
  };
  const result = await tools.call('render_audio', args);
  if (!result.audio) throw new Error('render_audio returned no audio.');
  const rendered = structured<{ durationSeconds: number; quarterBpm: number }>(result);
  writeFileSync(options.out, Buffer.from(result.audio.base64, 'base64'));
  process.stderr.write(`wrote ${options.out} (${rendered.durationSeconds.toFixed(1)} s at ${Math.round(rendered.quarterBpm)} quarter notes a minute)\n`);
}

function wholeNumber(program: Command, option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) program.error(`${option} must be a whole number, not "${value}".`, { exitCode: EXIT.usage });
  return Number(value);
}
