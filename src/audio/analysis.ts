/**
 * Measurements of audio, for checking a rendering against its score without ears: peak level, note
 * onsets by spectral flux (Bello et al., "A Tutorial on Onset Detection in Music Signals", 2005) and a
 * chroma vector (energy per pitch class) of a stretch of time.
 */

/** mono(left, right) → their average */
export function mono(left: Float32Array, right: Float32Array): Float32Array {
  const mixed = new Float32Array(left.length);
  for (let index = 0; index < left.length; index++) mixed[index] = (left[index]! + right[index]!) / 2;
  return mixed;
}

/** peak([0.1, -0.5]) → 0.5 */
export function peak(samples: Float32Array): number {
  let highest = 0;
  for (const sample of samples) highest = Math.max(highest, Math.abs(sample));
  return highest;
}

/** magnitudes of the first half of the spectrum of `frame` (its length a power of two), Hann-windowed, into `into` when given */
export function spectrum(frame: Float32Array, into = new Float64Array(frame.length / 2)): Float64Array {
  const size = frame.length;
  const { real, imaginary, window } = buffersOf(size);
  for (let index = 0; index < size; index++) real[index] = frame[index]! * window[index]!;
  imaginary.fill(0);
  fft(real, imaginary);
  for (let bin = 0; bin < size / 2; bin++) into[bin] = Math.hypot(real[bin]!, imaginary[bin]!);
  return into;
}

/** per FFT size, the Hann window and the work arrays: made once, not for every frame */
const buffers = new Map<number, { real: Float64Array; imaginary: Float64Array; window: Float64Array }>();

function buffersOf(size: number): { real: Float64Array; imaginary: Float64Array; window: Float64Array } {
  let found = buffers.get(size);
  if (!found) {
    const window = new Float64Array(size).map((_zero, index) => 0.5 - 0.5 * Math.cos((2 * Math.PI * index) / size));
    found = { real: new Float64Array(size), imaginary: new Float64Array(size), window };
    buffers.set(size, found);
  }
  return found;
}

/** per FFT size, cos and sin of each twiddle angle: computed once, not in every butterfly */
const twiddles = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddlesOf(size: number): { cos: Float64Array; sin: Float64Array } {
  let table = twiddles.get(size);
  if (!table) {
    table = { cos: new Float64Array(size / 2), sin: new Float64Array(size / 2) };
    for (let index = 0; index < size / 2; index++) {
      table.cos[index] = Math.cos((-2 * Math.PI * index) / size);
      table.sin[index] = Math.sin((-2 * Math.PI * index) / size);
    }
    twiddles.set(size, table);
  }
  return table;
}

/** in-place iterative radix-2 FFT */
function fft(real: Float64Array, imaginary: Float64Array): void {
  const size = real.length;
  for (let index = 1, reversed = 0; index < size; index++) {
    let bit = size >> 1;
    for (; reversed & bit; bit >>= 1) reversed ^= bit;
    reversed ^= bit;
    if (index < reversed) {
      [real[index], real[reversed]] = [real[reversed]!, real[index]!];
      [imaginary[index], imaginary[reversed]] = [imaginary[reversed]!, imaginary[index]!];
    }
  }
  const { cos, sin } = twiddlesOf(size);
  for (let length = 2; length <= size; length <<= 1) {
    const stride = size / length;
    for (let start = 0; start < size; start += length) {
      for (let offset = 0; offset < length / 2; offset++) {
        const c = cos[offset * stride]!;
        const s = sin[offset * stride]!;
        const a = start + offset;
        const b = a + length / 2;
        const re = real[b]! * c - imaginary[b]! * s;
        const im = real[b]! * s + imaginary[b]! * c;
        real[b] = real[a]! - re;
        imaginary[b] = imaginary[a]! - im;
        real[a]! += re;
        imaginary[a]! += im;
      }
    }
  }
}

const FLUX_FRAME = 1024;
/** 2.9 ms at 44.1 kHz: the resolution of the onset times */
const FLUX_HOP = 128;

/** spectralFlux(samples) → per hop of 128 samples, the summed rise of log magnitude since the previous frame */
export function spectralFlux(samples: Float32Array): Float64Array {
  const frames = Math.max(0, Math.floor((samples.length - FLUX_FRAME) / FLUX_HOP));
  const flux = new Float64Array(frames);
  let magnitudes = new Float64Array(FLUX_FRAME / 2);
  let previous = new Float64Array(FLUX_FRAME / 2);
  for (let frame = 0; frame < frames; frame++) {
    spectrum(samples.subarray(frame * FLUX_HOP, frame * FLUX_HOP + FLUX_FRAME), magnitudes);
    for (let bin = 0; bin < magnitudes.length; bin++) magnitudes[bin] = Math.log1p(100 * magnitudes[bin]!);
    if (frame > 0) {
      let rise = 0;
      for (let bin = 0; bin < magnitudes.length; bin++) rise += Math.max(0, magnitudes[bin]! - previous[bin]!);
      flux[frame] = rise;
    }
    [previous, magnitudes] = [magnitudes, previous];
  }
  return flux;
}

/**
 * onsetNear(flux, 44100, 2.0) → when, within ±`radius` seconds of 2.0 s, the spectral flux peaks: the
 * time of the frame's centre, which is when the energy that rose in it arrived
 */
export function onsetNear(flux: Float64Array, sampleRate: number, seconds: number, radius = 0.05): number {
  const frameOf = (time: number) => Math.round((time * sampleRate - FLUX_FRAME / 2) / FLUX_HOP);
  const from = Math.max(1, frameOf(seconds - radius));
  const to = Math.min(flux.length - 1, frameOf(seconds + radius));
  let best = from;
  for (let frame = from; frame <= to; frame++) if (flux[frame]! > flux[best]!) best = frame;
  return (best * FLUX_HOP + FLUX_FRAME / 2) / sampleRate;
}

const CHROMA_FRAME = 8192;
const LOWEST_HZ = 50;
const HIGHEST_HZ = 2000;

/** chroma(samples, 44100, 1.0, 1.4) → energy per pitch class (0 = C) over that stretch, the largest 1 */
export function chroma(samples: Float32Array, sampleRate: number, fromSeconds: number, toSeconds: number): number[] {
  const energy = new Array<number>(12).fill(0);
  const start = Math.floor(fromSeconds * sampleRate);
  const end = Math.min(samples.length, Math.floor(toSeconds * sampleRate));
  const frame = new Float32Array(CHROMA_FRAME);
  // frames that overlap by half cover the stretch; a stretch shorter than a frame is zero-padded
  for (let at = start; at < end; at += CHROMA_FRAME / 2) {
    frame.fill(0);
    frame.set(samples.subarray(at, Math.min(end, at + CHROMA_FRAME)));
    const magnitudes = spectrum(frame);
    for (let bin = 1; bin < magnitudes.length; bin++) {
      const hz = (bin * sampleRate) / CHROMA_FRAME;
      if (hz < LOWEST_HZ || hz > HIGHEST_HZ) continue;
      const pitchClass = (((Math.round(69 + 12 * Math.log2(hz / 440)) % 12) + 12) % 12);
      energy[pitchClass]! += magnitudes[bin]! ** 2;
    }
    if (at + CHROMA_FRAME >= end) break;
  }
  const largest = Math.max(...energy);
  return largest > 0 ? energy.map((value) => value / largest) : energy;
}
