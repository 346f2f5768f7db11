/**
 * The audio formats rendered audio is written in, each with its MIME type and encoder. The encoders of
 * the compressed formats are loaded when first asked for, so a thread that writes WAV never loads them.
 */
import type { Audio } from './synthesize.js';
import { encodeWav } from './wav.js';

export const AUDIO_FORMATS = ['wav', 'flac', 'mp3', 'ogg'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];

export const AUDIO_MIME_TYPES: Readonly<Record<AudioFormat, string>> = { wav: 'audio/wav', flac: 'audio/flac', mp3: 'audio/mpeg', ogg: 'audio/ogg' };

/** encodeAudio("flac", audio) → the file's bytes */
export async function encodeAudio(format: AudioFormat, audio: Audio): Promise<Uint8Array> {
  if (format === 'wav') return encodeWav(audio);
  if (format === 'flac') return (await import('./flac.js')).encodeFlac(audio);
  return (await import('./lossy.js')).encodeLossy(format, audio);
}

/** the size of a WAV file of these many seconds, known before rendering */
export function wavBytes(seconds: number, sampleRate: number): number {
  return 44 + Math.ceil(seconds * sampleRate) * 4;
}
