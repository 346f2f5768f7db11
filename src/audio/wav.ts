/** WAV (RIFF, 16-bit PCM): the one audio format simple enough to write here. */
import type { Audio } from './synthesize.js';

/** encodeWav(audio) → the bytes of a 16-bit stereo WAV file */
export function encodeWav(audio: Audio): Uint8Array {
  const frames = audio.left.length;
  const dataBytes = frames * 4;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((character, index) => view.setUint8(at + index, character.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 2, true);
  view.setUint32(24, audio.sampleRate, true);
  view.setUint32(28, audio.sampleRate * 4, true);
  view.setUint16(32, 4, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  const samples = new Int16Array(bytes.buffer, 44, frames * 2);
  for (let frame = 0; frame < frames; frame++) {
    samples[2 * frame] = toInt16(audio.left[frame]!);
    samples[2 * frame + 1] = toInt16(audio.right[frame]!);
  }
  return bytes;
}

/** a float sample as 16-bit PCM, clamped */
export function toInt16(sample: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(sample * 32767)));
}
