/** Audio as decoded from a file: one array of samples (−1…1) per channel. */
export interface DecodedAudio {
  readonly channels: readonly Float32Array[];
  readonly sampleRate: number;
}

/** toMono(decoded, 22050) → one channel, the channels averaged, resampled to the rate asked */
export function toMono(audio: DecodedAudio, sampleRate: number): Float32Array {
  const frames = audio.channels[0]?.length ?? 0;
  const mixed = new Float32Array(frames);
  for (const channel of audio.channels) for (let frame = 0; frame < frames; frame++) mixed[frame]! += channel[frame]! / audio.channels.length;
  return resample(mixed, audio.sampleRate, sampleRate);
}

/** half the width of the windowed-sinc kernel, in zero crossings */
const KERNEL_ZEROS = 16;
/** kernel values tabulated per zero crossing; between them it is interpolated linearly */
const TABLE_STEPS = 512;
const KERNEL = Float64Array.from({ length: KERNEL_ZEROS * TABLE_STEPS + 2 }, (_, step) => {
  const x = step / TABLE_STEPS;
  const window = x >= KERNEL_ZEROS ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * x) / KERNEL_ZEROS);
  return x === 0 ? 1 : (window * Math.sin(Math.PI * x)) / (Math.PI * x);
});

/**
 * Band-limited resampling: a Hann-windowed sinc whose cut-off is the lower rate's Nyquist frequency, so
 * going down from 44.1 kHz folds nothing above 11 kHz back into the band the pitch model hears.
 */
export function resample(samples: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return samples;
  const ratio = to / from;
  const cutoff = Math.min(1, ratio);
  const halfWidth = KERNEL_ZEROS / cutoff;
  const out = new Float32Array(Math.floor(samples.length * ratio));
  for (let index = 0; index < out.length; index++) {
    const centre = index / ratio;
    const first = Math.max(0, Math.ceil(centre - halfWidth));
    const last = Math.min(samples.length - 1, Math.floor(centre + halfWidth));
    let sum = 0;
    for (let source = first; source <= last; source++) {
      const position = Math.abs(source - centre) * cutoff * TABLE_STEPS;
      const step = Math.floor(position);
      const fraction = position - step;
      sum += samples[source]! * (KERNEL[step]! + fraction * (KERNEL[step + 1]! - KERNEL[step]!));
    }
    out[index] = sum * cutoff;
  }
  return out;
}
