/**
 * Audio rendering: the excerpt asked for, performed as MIDI (audio/performance.ts), synthesized with the
 * General MIDI bank and encoded. Bounded before any work is done: the length in seconds from the MIDI's
 * own tempo map, and for WAV the size that length makes; compressed files are checked once written.
 */
import { performanceOf } from '../audio/performance.js';
import { AUDIO_MIME_TYPES, encodeAudio, wavBytes, type AudioFormat } from '../audio/encode.js';
import { CadenzaError } from '../core/errors.js';
import type { Score } from '../core/score.js';
import { excerpt } from './excerpt.js';
import type { MeasureRangeInput } from './measure-range.js';

/** the longest rendering, in seconds (count-in and ring-out included) */
export const MAX_AUDIO_SECONDS = 300;
/** the largest audio file */
export const MAX_AUDIO_BYTES = 32 * 1024 * 1024;
/** after the last bar: the last notes' release and the reverb's tail */
export const RING_OUT_SECONDS = 1.5;

export interface AudioRenderOptions {
  readonly format: AudioFormat;
  /** indices (0 = top) or names */
  readonly parts?: readonly (number | string)[];
  readonly measures?: MeasureRangeInput;
  readonly quarterBpm?: number;
  readonly countInBars?: number;
  readonly metronome?: boolean;
}

export interface RenderedAudio {
  readonly format: AudioFormat;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  /** the file's length: the music (count-in included) and its ring-out */
  readonly durationSeconds: number;
  /** when the music starts, after the count-in */
  readonly musicStartSeconds: number;
  readonly quarterBpm: number;
  readonly sampleRate: number;
}

/** renderAudio(bwv66_6, { format: "wav" }) → a 24 s WAV file of the chorale at 120 to the quarter */
export async function renderAudio(score: Score, options: AudioRenderOptions): Promise<RenderedAudio> {
  const performance = performanceOf(excerpt(score, options), {
    ...(options.quarterBpm === undefined ? {} : { quarterBpm: options.quarterBpm }),
    ...(options.countInBars === undefined ? {} : { countInBars: options.countInBars }),
    ...(options.metronome === undefined ? {} : { metronome: options.metronome }),
  });
  const seconds = performance.durationSeconds + RING_OUT_SECONDS;
  if (seconds > MAX_AUDIO_SECONDS) {
    throw new CadenzaError('LIMIT_EXCEEDED', `The audio would last ${Math.round(seconds)} s; renderings are limited to ${MAX_AUDIO_SECONDS} s.`, {
      hint: 'Ask for fewer `measures` (e.g. { from: 1, to: 16 }) or a faster `quarterBpm`.',
    });
  }
  // the synthesizer and its bank load with the first rendering, not with the tool list (a server's start-up)
  const [{ SAMPLE_RATE, synthesize }, { soundBank }] = await Promise.all([import('../audio/synthesize.js'), import('../audio/sound-bank.js')]);
  if (options.format === 'wav' && wavBytes(seconds, SAMPLE_RATE) > MAX_AUDIO_BYTES) throw tooLarge(wavBytes(seconds, SAMPLE_RATE));
  const audio = await synthesize(performance.smf, soundBank(), seconds);
  const bytes = await encodeAudio(options.format, audio);
  if (bytes.length > MAX_AUDIO_BYTES) throw tooLarge(bytes.length);
  return {
    format: options.format,
    mimeType: AUDIO_MIME_TYPES[options.format],
    bytes,
    durationSeconds: audio.left.length / SAMPLE_RATE,
    musicStartSeconds: performance.musicStartSeconds,
    quarterBpm: performance.quarterBpm,
    sampleRate: SAMPLE_RATE,
  };
}

function tooLarge(bytes: number): CadenzaError {
  return new CadenzaError('LIMIT_EXCEEDED', `The audio file would be ${(bytes / 1024 / 1024).toFixed(1)} MB; audio files are limited to ${MAX_AUDIO_BYTES / 1024 / 1024} MB.`, {
    hint: 'Ask for a compressed format (flac, ogg or mp3) or fewer `measures`.',
  });
}
