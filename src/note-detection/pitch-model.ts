/**
 * Spotify's Basic Pitch (Bittner et al., "A Lightweight Instrument-Agnostic Model for Polyphonic Note
 * Transcription and Multipitch Estimation", ICASSP 2022; Apache-2.0), the model files as the npm package
 * @spotify/basic-pitch 1.0.1 ships them (./basic-pitch/, copied beside the built module), run with TensorFlow.js on its WebAssembly
 * backend: measured ~8× less CPU than tfjs's plain JavaScript backend (bench/results.md, "Transcription").
 * The audio goes through in windows of 2 s overlapping by 30 frames, as Basic Pitch's own inference does;
 * each output frame keeps the exact time it stands for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODEL_SAMPLE_RATE = 22050;
/** output frames per second are sampleRate / FFT_HOP */
export const FFT_HOP = 256;
/** the model's pitch rows: the 88 piano keys from A0 (MIDI 21) */
export const PITCHES = 88;
export const LOWEST_MIDI = 21;
const WINDOW_SAMPLES = 2 * MODEL_SAMPLE_RATE - FFT_HOP;
const OVERLAP_FRAMES = 30;
const EDGE_FRAMES = OVERLAP_FRAMES / 2;
const WINDOW_HOP = WINDOW_SAMPLES - OVERLAP_FRAMES * FFT_HOP;
/** windows sent to the model at once: measured a little cheaper than one at a time */
const BATCH = 4;

/** The model's answer: per frame and pitch, how likely a note sounds (frames) and starts (onsets). */
export interface Posteriorgram {
  readonly frameCount: number;
  /** frame-major, PITCHES values per frame */
  readonly frames: Float32Array;
  readonly onsets: Float32Array;
  /** the time each frame stands for, in seconds from the start of the audio */
  readonly times: Float64Array;
}

type Tf = typeof import('@tensorflow/tfjs-core');
interface LoadedModel {
  readonly tf: Tf;
  readonly graph: import('@tensorflow/tfjs-converter').GraphModel;
}

/** the parts of TensorFlow.js the model runs with, and the folder of the backend's .wasm files */
interface TensorFlow {
  readonly tf: Tf;
  readonly loadGraphModel: typeof import('@tensorflow/tfjs-converter').loadGraphModel;
  readonly setWasmPaths: typeof import('@tensorflow/tfjs-backend-wasm').setWasmPaths;
  readonly wasmFolder: string;
}

let loading: Promise<LoadedModel> | undefined;

/**
 * TensorFlow.js as the build bundles it beside this module (scripts/bundle-tfjs.mjs: its packages are
 * development dependencies, 89 MB of which Node reads 4); run from the sources, those packages.
 */
function tensorFlow(): TensorFlow {
  const require = createRequire(import.meta.url);
  const bundled = fileURLToPath(new URL('./tfjs/tensorflow.cjs', import.meta.url));
  if (existsSync(bundled)) return { ...(require(bundled) as Omit<TensorFlow, 'wasmFolder'>), wasmFolder: dirname(bundled) };
  return {
    tf: require('@tensorflow/tfjs-core') as Tf,
    loadGraphModel: (require('@tensorflow/tfjs-converter') as typeof import('@tensorflow/tfjs-converter')).loadGraphModel,
    setWasmPaths: (require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm')).setWasmPaths,
    wasmFolder: dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')),
  };
}

/** loaded once per thread: the WebAssembly backend, then the graph from the files beside the package */
function pitchModel(): Promise<LoadedModel> {
  loading ??= (async () => {
    const { tf, loadGraphModel, setWasmPaths, wasmFolder } = tensorFlow();
    setWasmPaths(`${wasmFolder}/`);
    await tf.setBackend('wasm');
    const folder = fileURLToPath(new URL('./basic-pitch/', import.meta.url));
    const manifest = JSON.parse(readFileSync(`${folder}model.json`, 'utf8')) as { modelTopology: object; weightsManifest: { weights: [] }[] };
    const weights = readFileSync(`${folder}group1-shard1of1.bin`);
    const graph = await loadGraphModel(tf.io.fromMemory({
      modelTopology: manifest.modelTopology,
      weightSpecs: manifest.weightsManifest[0]!.weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }));
    return { tf, graph };
  })();
  return loading;
}

/** posteriorgram(22.05 kHz mono samples) → frame and onset likelihoods for the 88 keys, 86 frames a second */
export async function posteriorgram(samples: Float32Array): Promise<Posteriorgram> {
  const { tf, graph } = await pitchModel();
  // half an overlap of silence first, so the first kept frame is the audio's first
  const padded = new Float32Array(EDGE_FRAMES * FFT_HOP + samples.length + WINDOW_SAMPLES);
  padded.set(samples, EDGE_FRAMES * FFT_HOP);
  const starts: number[] = [];
  for (let start = 0; start < EDGE_FRAMES * FFT_HOP + samples.length; start += WINDOW_HOP) starts.push(start);
  const lastTime = samples.length / MODEL_SAMPLE_RATE;
  const frames: Float32Array[] = [];
  const onsets: Float32Array[] = [];
  const times: number[] = [];
  for (let first = 0; first < starts.length; first += BATCH) {
    const batch = starts.slice(first, first + BATCH);
    const input = new Float32Array(batch.length * WINDOW_SAMPLES);
    batch.forEach((start, index) => input.set(padded.subarray(start, start + WINDOW_SAMPLES), index * WINDOW_SAMPLES));
    const tensor = tf.tensor3d(input, [batch.length, WINDOW_SAMPLES, 1]);
    // Basic Pitch's output names: Identity_1 the note frames, Identity_2 the onsets (Identity: pitch contours, unused)
    const [frameTensor, onsetTensor] = graph.execute(tensor, ['Identity_1', 'Identity_2']) as import('@tensorflow/tfjs-core').Tensor[];
    const [frameData, onsetData] = [await frameTensor!.data(), await onsetTensor!.data()] as Float32Array[];
    const perWindow = frameTensor!.shape[1]!;
    tf.dispose([tensor, frameTensor!, onsetTensor!]);
    batch.forEach((start, index) => {
      for (let frame = EDGE_FRAMES; frame < perWindow - EDGE_FRAMES; frame++) {
        // the window's frame k stands for sample start + k·hop of the padded audio
        const time = (start + frame * FFT_HOP) / MODEL_SAMPLE_RATE - (EDGE_FRAMES * FFT_HOP) / MODEL_SAMPLE_RATE;
        if (time >= lastTime) break;
        const at = (index * perWindow + frame) * PITCHES;
        frames.push(frameData!.subarray(at, at + PITCHES));
        onsets.push(onsetData!.subarray(at, at + PITCHES));
        times.push(time);
      }
    });
  }
  return { frameCount: times.length, frames: flatten(frames), onsets: flatten(onsets), times: Float64Array.from(times) };
}

function flatten(rows: readonly Float32Array[]): Float32Array {
  const flat = new Float32Array(rows.length * PITCHES);
  rows.forEach((row, index) => flat.set(row, index * PITCHES));
  return flat;
}
