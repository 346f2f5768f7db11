/** RIFF WAVE read by hand: integer PCM (8, 16, 24, 32 bit) and 32/64-bit float, plain or WAVE_FORMAT_EXTENSIBLE. */
import { CadenzaError } from '../core/errors.js';
import type { DecodedAudio } from './decoded-audio.js';

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

interface WavFormat {
  readonly encoding: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
}

/** readWavFile(bytes of a 16-bit stereo WAV) → its two channels as floats in −1…1, and its sample rate */
export function readWavFile(bytes: Uint8Array, maxSeconds: number): DecodedAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: WavFormat | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') format = readFormat(view, at + 8, size);
    if (id === 'data') {
      if (!format) throw unreadable('its "data" chunk comes before its "fmt " chunk');
      return samples(view, at + 8, Math.min(size, bytes.length - at - 8), format, maxSeconds);
    }
    at += 8 + size + (size % 2);
  }
  throw unreadable(format ? 'it has no "data" chunk' : 'it has no "fmt " chunk');
}

function readFormat(view: DataView, at: number, size: number): WavFormat {
  if (size < 16 || at + 16 > view.byteLength) throw unreadable('its "fmt " chunk is cut short');
  const tag = view.getUint16(at, true);
  // the extensible form names the real encoding in the first two bytes of its sub-format GUID
  const encoding = tag === EXTENSIBLE && size >= 26 ? view.getUint16(at + 24, true) : tag;
  const format = { encoding, channels: view.getUint16(at + 2, true), sampleRate: view.getUint32(at + 4, true), bitsPerSample: view.getUint16(at + 14, true) };
  const supported = (encoding === PCM && [8, 16, 24, 32].includes(format.bitsPerSample)) || (encoding === FLOAT && [32, 64].includes(format.bitsPerSample));
  if (!supported) {
    throw new CadenzaError('UNSUPPORTED_FORMAT', `This WAV file is encoded as format ${encoding} with ${format.bitsPerSample}-bit samples; Cadenza reads integer PCM (8–32 bit) and float WAV.`, { hint: 'Convert it to 16-bit PCM WAV, FLAC, MP3 or Ogg Vorbis.' });
  }
  if (format.channels < 1 || format.sampleRate < 8000 || format.sampleRate > 384_000) throw unreadable(`it declares ${format.channels} channels at ${format.sampleRate} Hz`);
  return format;
}

function samples(view: DataView, start: number, bytes: number, format: WavFormat, maxSeconds: number): DecodedAudio {
  const width = format.bitsPerSample / 8;
  const frames = Math.floor(bytes / (width * format.channels));
  if (frames / format.sampleRate > maxSeconds) throw tooLong(frames / format.sampleRate, maxSeconds);
  const read = sampleReader(view, format);
  const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
  for (let frame = 0; frame < frames; frame++) {
    for (let channel = 0; channel < format.channels; channel++) channels[channel]![frame] = read(start + (frame * format.channels + channel) * width);
  }
  return { channels, sampleRate: format.sampleRate };
}

function sampleReader(view: DataView, format: WavFormat): (at: number) => number {
  if (format.encoding === FLOAT) return format.bitsPerSample === 32 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
  switch (format.bitsPerSample) {
    case 8: return (at) => (view.getUint8(at) - 128) / 128;
    case 16: return (at) => view.getInt16(at, true) / 32768;
    case 24: return (at) => ((view.getInt8(at + 2) << 16) | (view.getUint8(at + 1) << 8) | view.getUint8(at)) / 8388608;
    default: return (at) => view.getInt32(at, true) / 2147483648;
  }
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

export function unreadable(reason: string): CadenzaError {
  return new CadenzaError('PARSE_FAILED', `This audio file cannot be read: ${reason}.`, { hint: 'Send a WAV, FLAC, MP3 or Ogg Vorbis file that plays in an ordinary player.' });
}

export function tooLong(seconds: number, maxSeconds: number): CadenzaError {
  return new CadenzaError('LIMIT_EXCEEDED', `The audio lasts ${Math.round(seconds)} s or more; transcription takes at most ${maxSeconds} s.`, { hint: 'Cut the recording into shorter excerpts and transcribe each.' });
}
