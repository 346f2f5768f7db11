/**
 * FLAC through libflac.js (libFLAC 1.3 compiled by emscripten; MIT, libFLAC BSD-3-Clause). Its asm.js
 * build, not its WASM one: that emscripten's loader fetch()es the .wasm by file path on Node ≥ 18, which fails.
 */
import { createRequire } from 'node:module';
import type { Audio } from './synthesize.js';
import { toInt16 } from './wav.js';

interface LibFlac {
  isReady(): boolean;
  on(event: 'ready', listener: () => void): void;
  create_libflac_encoder(sampleRate: number, channels: number, bitsPerSample: number, compression: number, totalSamples: number, verify: boolean): number;
  init_encoder_stream(encoder: number, write: (data: Uint8Array) => void): number;
  FLAC__stream_encoder_process_interleaved(encoder: number, samples: Int32Array, frames: number): boolean;
  FLAC__stream_encoder_finish(encoder: number): boolean;
  FLAC__stream_encoder_delete(encoder: number): void;
}

const COMPRESSION = 5;
let library: Promise<LibFlac> | undefined;

function libFlac(): Promise<LibFlac> {
  library ??= new Promise((resolve) => {
    const flac = (createRequire(import.meta.url)('libflacjs') as (variant: string) => LibFlac)('min');
    if (flac.isReady()) resolve(flac);
    else flac.on('ready', () => resolve(flac));
  });
  return library;
}

/** encodeFlac(audio) → the bytes of a 16-bit stereo FLAC file */
export async function encodeFlac(audio: Audio): Promise<Uint8Array> {
  const flac = await libFlac();
  const frames = audio.left.length;
  const encoder = flac.create_libflac_encoder(audio.sampleRate, 2, 16, COMPRESSION, frames, false);
  const chunks: Uint8Array[] = [];
  try {
    flac.init_encoder_stream(encoder, (data) => chunks.push(data.slice()));
    const interleaved = new Int32Array(2 * frames);
    for (let frame = 0; frame < frames; frame++) {
      interleaved[2 * frame] = toInt16(audio.left[frame]!);
      interleaved[2 * frame + 1] = toInt16(audio.right[frame]!);
    }
    if (!flac.FLAC__stream_encoder_process_interleaved(encoder, interleaved, frames) || !flac.FLAC__stream_encoder_finish(encoder)) {
      throw new Error('libFLAC could not encode the audio.');
    }
  } finally {
    flac.FLAC__stream_encoder_delete(encoder);
  }
  return concat(chunks);
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
