/** Audio files read back: WAV of every sample kind by hand, FLAC, MP3 and Ogg Vorbis (written by render_audio's encoders) by the decoders; bad files refused with a code. */
import { describe, expect, it } from 'vitest';
import { encodeAudio } from '../../src/audio/encode.js';
import { audioFormatOf, decodeAudio } from '../../src/audio-in/decode-audio.js';
import { resample, toMono } from '../../src/audio-in/decoded-audio.js';

const RATE = 44_100;

/** one second of a 440 Hz sine at half scale, in both channels */
function sine(seconds = 1, frequency = 440, rate = RATE): { left: Float32Array; right: Float32Array; sampleRate: number } {
  const left = Float32Array.from({ length: Math.round(seconds * rate) }, (_, index) => 0.5 * Math.sin((2 * Math.PI * frequency * index) / rate));
  return { left, right: left.slice(), sampleRate: rate };
}

/** a WAV file by hand: `format` 1 (integer PCM) or 3 (float), with these samples of one channel */
function wavFile(samples: Float32Array, format: 1 | 3, bits: number, rate = RATE): Uint8Array {
  const width = bits / 8;
  const bytes = new Uint8Array(44 + samples.length * width);
  const view = new DataView(bytes.buffer);
  const text = (at: number, value: string) => [...value].forEach((character, index) => view.setUint8(at + index, character.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, format, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * width, true);
  view.setUint16(32, width, true);
  view.setUint16(34, bits, true);
  text(36, 'data');
  view.setUint32(40, samples.length * width, true);
  samples.forEach((sample, index) => {
    const at = 44 + index * width;
    if (format === 3) view.setFloat32(at, sample, true);
    else if (bits === 8) view.setUint8(at, Math.round(sample * 127) + 128);
    else if (bits === 16) view.setInt16(at, Math.round(sample * 32767), true);
    else if (bits === 24) {
      const value = Math.round(sample * 8388607);
      view.setUint8(at, value & 0xff);
      view.setUint8(at + 1, (value >> 8) & 0xff);
      view.setInt8(at + 2, value >> 16);
    } else view.setInt32(at, Math.round(sample * 2147483647), true);
  });
  return bytes;
}

/** the correlation of two signals over their common length, at the best lag within ±maxLag samples */
function correlation(a: Float32Array, b: Float32Array, maxLag = 0): number {
  let best = -1;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let [ab, aa, bb] = [0, 0, 0];
    for (let index = Math.max(0, -lag); index < Math.min(a.length, b.length - lag); index++) {
      ab += a[index]! * b[index + lag]!;
      aa += a[index]! ** 2;
      bb += b[index + lag]! ** 2;
    }
    best = Math.max(best, ab / Math.sqrt(aa * bb));
  }
  return best;
}

describe('decodeAudio', () => {
  it.each([
    [1, 8],
    [1, 16],
    [1, 24],
    [1, 32],
    [3, 32],
  ] as const)('reads WAV format %i with %i-bit samples', async (format, bits) => {
    const { left } = sine();
    const decoded = await decodeAudio(wavFile(left, format, bits), 60);
    expect(decoded.sampleRate).toBe(RATE);
    expect(decoded.channels).toHaveLength(1);
    const tolerance = bits === 8 ? 0.01 : 1e-4;
    expect(Math.max(...decoded.channels[0]!.map((sample, index) => Math.abs(sample - left[index]!)))).toBeLessThan(tolerance);
  });

  it.each(['flac', 'mp3', 'ogg'] as const)('reads %s written by render_audio’s encoder back as the same sound', async (format) => {
    const audio = sine(2);
    const bytes = await encodeAudio(format, audio);
    expect(audioFormatOf(bytes)).toBe(format);
    const decoded = await decodeAudio(bytes, 60);
    expect(decoded.sampleRate).toBe(RATE);
    // the MP3 carries LAME's encoder delay and padding (no gapless header): a little longer, and late
    expect(decoded.channels[0]!.length).toBeGreaterThanOrEqual(audio.left.length - 10);
    expect(decoded.channels[0]!.length).toBeLessThan(audio.left.length + 4096);
    expect(correlation(audio.left.subarray(0, RATE), decoded.channels[0]!.subarray(0, RATE + 2048), format === 'mp3' ? 1200 : 0)).toBeGreaterThan(0.99);
  });

  it('refuses bytes that are no audio file with UNSUPPORTED_FORMAT, and Ogg Opus likewise', async () => {
    await expect(decodeAudio(new TextEncoder().encode('<score-partwise/>'), 60)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    const opus = new Uint8Array(64);
    opus.set(new TextEncoder().encode('OggS'), 0);
    opus.set(new TextEncoder().encode('OpusHead'), 28);
    await expect(decodeAudio(opus, 60)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('Opus') });
  });

  it('refuses a file cut short, or with no samples, with PARSE_FAILED', async () => {
    const wav = wavFile(sine().left, 1, 16);
    await expect(decodeAudio(wav.subarray(0, 30), 60)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
    const flac = await encodeAudio('flac', sine());
    await expect(decodeAudio(flac.subarray(0, 100), 60)).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });

  it('refuses audio longer than the limit with LIMIT_EXCEEDED, before decoding all of a compressed file', async () => {
    await expect(decodeAudio(wavFile(sine(3).left, 1, 16), 2)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(decodeAudio(await encodeAudio('ogg', sine(3)), 2)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });
});

describe('resampling', () => {
  it('keeps a tone’s pitch and level going from 44.1 kHz to 22.05 kHz and from 48 kHz', () => {
    for (const rate of [44_100, 48_000]) {
      const down = resample(sine(1, 440, rate).left, rate, 22_050);
      expect(down.length).toBe(22_050);
      expect(correlation(down.subarray(200, 20_000), sine(1, 440, 22_050).left.subarray(200, 20_000))).toBeGreaterThan(0.999);
    }
  });

  it('removes what lies above the new Nyquist frequency rather than folding it back', () => {
    const high = resample(sine(1, 15_000).left, RATE, 22_050);
    const level = Math.sqrt(high.subarray(500, 20_000).reduce((sum, sample) => sum + sample * sample, 0) / 19_500);
    expect(level).toBeLessThan(0.01);
  });

  it('mixes the channels into one', () => {
    const mono = toMono({ channels: [Float32Array.of(1, 0), Float32Array.of(0, 1)], sampleRate: 22_050 }, 22_050);
    expect([...mono]).toEqual([0.5, 0.5]);
  });
});
