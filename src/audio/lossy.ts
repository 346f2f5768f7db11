/**
 * MP3 and Ogg Vorbis through wasm-media-encoders (MIT): LAME (LGPL-2.0) and libvorbis (BSD-3-Clause),
 * each compiled to its own WebAssembly file, which is read from the package as it is installed (so the
 * LGPL library stays a separate, replaceable module; see docs/audio.md). One compiled module per format
 * and thread.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createEncoder, type WasmMediaEncoder } from 'wasm-media-encoders';
import { concat } from './flac.js';
import type { Audio } from './synthesize.js';

const SETTINGS = {
  /** LAME's VBR quality 2: ~190 kbit/s, transparent for most listeners */
  mp3: { mimeType: 'audio/mpeg', wasm: 'mp3', vbrQuality: 2 },
  /** Vorbis quality 5: ~160 kbit/s */
  ogg: { mimeType: 'audio/ogg', wasm: 'ogg', vbrQuality: 5 },
} as const;

/** seconds of audio handed to the encoder at a time: its input buffer is allocated for each call */
const CHUNK_FRAMES = 44_100;
/** compiled WebAssembly modules, by format */
const modules = new Map<string, Parameters<typeof createEncoder>[1]>();

/** encodeLossy("ogg", audio) → the bytes of an Ogg Vorbis (or MP3) file */
export async function encodeLossy(format: keyof typeof SETTINGS, audio: Audio): Promise<Uint8Array> {
  const settings = SETTINGS[format];
  const encoder = await encoderFor(settings.mimeType, settings.wasm);
  encoder.configure({ sampleRate: audio.sampleRate, channels: 2, vbrQuality: settings.vbrQuality });
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < audio.left.length; start += CHUNK_FRAMES) {
    const end = Math.min(start + CHUNK_FRAMES, audio.left.length);
    // the encoder owns the bytes it returns: copy them before the next call
    chunks.push(encoder.encode([audio.left.subarray(start, end), audio.right.subarray(start, end)]).slice());
  }
  chunks.push(encoder.finalize().slice());
  return concat(chunks);
}

async function encoderFor(mimeType: 'audio/mpeg' | 'audio/ogg', wasm: string): Promise<WasmMediaEncoder<typeof mimeType>> {
  const known = modules.get(wasm);
  if (known) return createEncoder(mimeType, known);
  const bytes = readFileSync(createRequire(import.meta.url).resolve(`wasm-media-encoders/wasm/${wasm}`));
  return createEncoder(mimeType, bytes, (module: Parameters<typeof createEncoder>[1]) => modules.set(wasm, module));
}
