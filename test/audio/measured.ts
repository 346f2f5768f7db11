/** A 16-bit WAV read back into floats, as the audio tests measure renderings. */

/** readWav(bytes) → the left and right channels of a 16-bit stereo WAV, and its sample rate */
export function readWav(bytes: Uint8Array): { left: Float32Array; right: Float32Array; sampleRate: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let sampleRate = 0;
  while (at + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') sampleRate = view.getUint32(at + 12, true);
    if (id === 'data') {
      const frames = Math.floor(Math.min(size, bytes.length - at - 8) / 4);
      const left = new Float32Array(frames);
      const right = new Float32Array(frames);
      for (let frame = 0; frame < frames; frame++) {
        left[frame] = view.getInt16(at + 8 + 4 * frame, true) / 32768;
        right[frame] = view.getInt16(at + 8 + 4 * frame + 2, true) / 32768;
      }
      return { left, right, sampleRate };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}
