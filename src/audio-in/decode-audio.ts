/**
 * Audio files into samples, the format told by the file's first bytes (not its name): WAV read here,
 * FLAC, MP3 and Ogg Vorbis by maintained WebAssembly decoders (@wasm-audio-decoders/flac and /ogg-vorbis,
 * mpg123-decoder), each loaded when first needed. Compressed files are fed in slices so that one longer
 * than the limit is refused as soon as the limit is passed, before it fills memory.
 */
import { CadenzaError } from '../core/errors.js';
import type { DecodedAudio } from './decoded-audio.js';
import { readWavFile, tooLong, unreadable } from './wav-reader.js';

export const AUDIO_INPUT_FORMATS = ['wav', 'flac', 'mp3', 'ogg'] as const;
export type AudioInputFormat = (typeof AUDIO_INPUT_FORMATS)[number];

/** what a streaming decoder answers for each slice */
interface DecodedSlice {
  readonly channelData: readonly Float32Array[];
  readonly samplesDecoded: number;
  readonly sampleRate: number;
}

interface StreamingDecoder {
  readonly ready: Promise<void>;
  decode(bytes: Uint8Array): DecodedSlice | Promise<DecodedSlice>;
  /** what a FLAC or Vorbis decoder still holds once the bytes have run out */
  flush?(): Promise<DecodedSlice>;
  free(): void;
}

const SLICE_BYTES = 256 * 1024;

/** audioFormatOf(bytes starting "fLaC") → "flac"; undefined when the bytes are none of the four */
export function audioFormatOf(bytes: Uint8Array): AudioInputFormat | undefined {
  const text = (from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
  if (text(0, 4) === 'RIFF' && text(8, 4) === 'WAVE') return 'wav';
  if (text(0, 4) === 'fLaC') return 'flac';
  if (text(0, 4) === 'OggS') return 'ogg';
  // an ID3 tag, or an MPEG audio frame's sync word
  if (text(0, 3) === 'ID3' || (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0)) return 'mp3';
  return undefined;
}

/** decodeAudio(bytes of an MP3, 300) → its channels and sample rate; PARSE_FAILED, UNSUPPORTED_FORMAT or LIMIT_EXCEEDED else */
export async function decodeAudio(bytes: Uint8Array, maxSeconds: number): Promise<DecodedAudio> {
  const format = audioFormatOf(bytes);
  if (!format) {
    throw new CadenzaError('UNSUPPORTED_FORMAT', 'This is not an audio file Cadenza can read: it starts like none of WAV, FLAC, MP3 or Ogg.', { hint: 'Send a WAV, FLAC, MP3 or Ogg Vorbis recording.' });
  }
  if (format === 'wav') return readWavFile(bytes, maxSeconds);
  if (format === 'ogg' && String.fromCharCode(...bytes.subarray(28, 36)) === 'OpusHead') {
    throw new CadenzaError('UNSUPPORTED_FORMAT', 'This Ogg file holds Opus audio; Cadenza reads Ogg Vorbis.', { hint: 'Convert it to Ogg Vorbis, FLAC, MP3 or WAV.' });
  }
  return decodeStream(await decoderFor(format), maxSeconds);

  async function decodeStream(decoder: StreamingDecoder, limit: number): Promise<DecodedAudio> {
    await decoder.ready;
    try {
      const slices: DecodedSlice[] = [];
      let frames = 0;
      const take = (slice: DecodedSlice) => {
        if (slice.samplesDecoded === 0) return;
        slices.push(slice);
        frames += slice.samplesDecoded;
        if (frames / slice.sampleRate > limit) throw tooLong(frames / slice.sampleRate, limit);
      };
      for (let at = 0; at < bytes.length; at += SLICE_BYTES) take(await decoder.decode(bytes.subarray(at, at + SLICE_BYTES)));
      if (decoder.flush) take(await decoder.flush());
      if (frames === 0) throw unreadable(`no ${format!.toUpperCase()} audio could be decoded from it`);
      return joined(slices, frames);
    } finally {
      decoder.free();
    }
  }
}

async function decoderFor(format: Exclude<AudioInputFormat, 'wav'>): Promise<StreamingDecoder> {
  if (format === 'flac') return new (await import('@wasm-audio-decoders/flac')).FLACDecoder();
  if (format === 'ogg') return new (await import('@wasm-audio-decoders/ogg-vorbis')).OggVorbisDecoder();
  return new (await import('mpg123-decoder')).MPEGDecoder();
}

function joined(slices: readonly DecodedSlice[], frames: number): DecodedAudio {
  const count = Math.min(...slices.map((slice) => slice.channelData.length));
  const channels = Array.from({ length: count }, () => new Float32Array(frames));
  let at = 0;
  for (const slice of slices) {
    channels.forEach((channel, index) => channel.set(slice.channelData[index]!.subarray(0, slice.samplesDecoded), at));
    at += slice.samplesDecoded;
  }
  return { channels, sampleRate: slices[0]!.sampleRate };
}
