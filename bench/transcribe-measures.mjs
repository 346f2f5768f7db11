/** What bench/transcribe.mjs measures a transcription with, beside noteAccuracy (src/transcribe/note-accuracy.ts). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMidi } from 'midi-file';
import { DRUM_CHANNEL } from '../dist/formats/midi/write.js';
import { playbackNotes } from '../dist/core/playback.js';
import { unfoldRepeats } from '../dist/core/unfold.js';
import { FFT_HOP, MODEL_SAMPLE_RATE, posteriorgram } from '../dist/note-detection/pitch-model.js';

/**
 * The notes a MIDI file sounds, in seconds through its tempo map: what the synthesizer was given, tempo
 * changes and all. Parts doubling each other at the unison (same key, same start) count once: a
 * recording holds one sound there.
 */
export function soundedNotes(smf) {
  const midi = parseMidi(smf);
  const events = midi.tracks.flatMap((track) => {
    let tick = 0;
    return track.map((event) => ({ ...event, tick: (tick += event.deltaTime) }));
  });
  const seconds = secondsThrough(
    events.filter((event) => event.type === 'setTempo').sort((a, b) => a.tick - b.tick),
    midi.header.ticksPerBeat,
  );
  const sounding = new Map();
  const byStart = new Map();
  for (const event of events.sort((a, b) => a.tick - b.tick || (isOff(a) ? 0 : 1) - (isOff(b) ? 0 : 1))) {
    if ((event.type !== 'noteOn' && event.type !== 'noteOff') || event.channel === DRUM_CHANNEL) continue;
    const id = `${event.channel}|${event.noteNumber}`;
    if (isOff(event)) {
      const start = sounding.get(id);
      if (start === undefined) continue;
      sounding.delete(id);
      const note = { start: seconds(start), end: seconds(event.tick), midi: event.noteNumber };
      const key = `${note.midi}|${note.start.toFixed(3)}`;
      if (!byStart.has(key) || note.end > byStart.get(key).end) byStart.set(key, note);
    } else if (!sounding.has(id)) sounding.set(id, event.tick);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start || a.midi - b.midi);
}

function isOff(event) {
  return event.type === 'noteOff' || (event.type === 'noteOn' && event.velocity === 0);
}

/** ticks → seconds through the setTempo events (ordered), 120 to the quarter before the first */
function secondsThrough(tempos, ticksPerQuarter) {
  return (tick) => {
    let seconds = 0;
    let at = 0;
    let perQuarter = 0.5;
    for (const tempo of tempos) {
      if (tempo.tick > tick) break;
      seconds += ((tempo.tick - at) / ticksPerQuarter) * perQuarter;
      at = tempo.tick;
      perQuarter = tempo.microsecondsPerBeat / 1e6;
    }
    return seconds + ((tick - at) / ticksPerQuarter) * perQuarter;
  };
}

/** the first time signature, as "4/4" */
export function meterOf(score) {
  const time = score.parts[0].measures.find((measure) => measure.times?.length)?.times[0].value;
  return time ? `${time.beats}/${time.beatType}` : '4/4';
}

/** share of the original's notes (onset, length, key; in quarters) found in the transcription, at the best whole-beat shift */
export function rhythmMatch(original, transcribed) {
  const triples = (score) => {
    const { notes } = playbackNotes(unfoldRepeats(score));
    const list = [];
    for (let index = 0; index < notes.length; index += 4) list.push([notes[index], notes[index + 1], notes[index + 2]]);
    return list;
  };
  const ours = triples(original);
  const theirs = triples(transcribed);
  let best = { share: 0, shift: 0 };
  for (let shift = -4; shift <= 4; shift++) {
    const keys = new Set(theirs.map(([start, length, midi]) => `${(start - shift).toFixed(4)}|${length.toFixed(4)}|${midi}`));
    const found = ours.filter(([start, length, midi]) => keys.has(`${start.toFixed(4)}|${length.toFixed(4)}|${midi}`)).length;
    if (found / ours.length > best.share) best = { share: found / ours.length, shift, notes: ours.length };
  }
  return { notes: ours.length, ...best };
}

/**
 * The pitch model's CPU time per second of audio, over the same `seconds` of a chord, in this process: as
 * Cadenza runs it (posteriorgram: the TensorFlow.js bundled into dist, WebAssembly backend), and as
 * TensorFlow.js's own packages (development dependencies) run the same graph on the same windows with their
 * WebAssembly backend and with their plain JavaScript backend.
 */
export async function backendCosts(seconds) {
  const chord = Float32Array.from({ length: seconds * MODEL_SAMPLE_RATE }, (_, index) => [220, 277.2, 329.6].reduce((sum, hz) => sum + 0.2 * Math.sin((2 * Math.PI * hz * index) / MODEL_SAMPLE_RATE), 0));
  const cost = async (run) => {
    await run(); // the first run compiles and allocates
    const started = process.cpuUsage();
    await run();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1e6 / seconds;
  };
  const bundled = await cost(() => posteriorgram(chord));
  const require = createRequire(import.meta.url);
  const tf = require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-backend-cpu');
  const { setWasmPaths } = require('@tensorflow/tfjs-backend-wasm');
  const { loadGraphModel } = require('@tensorflow/tfjs-converter');
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  const folder = fileURLToPath(new URL('../dist/note-detection/basic-pitch/', import.meta.url));
  const manifest = JSON.parse(readFileSync(`${folder}model.json`, 'utf8'));
  const weights = readFileSync(`${folder}group1-shard1of1.bin`);
  // windows cut as posteriorgram cuts them: 2 s, overlapping by 30 frames, sent 4 at a time
  const windowSamples = 2 * MODEL_SAMPLE_RATE - FFT_HOP;
  const hop = windowSamples - 30 * FFT_HOP;
  const windows = Math.ceil(chord.length / hop);
  const padded = new Float32Array((windows - 1) * hop + windowSamples);
  padded.set(chord);
  const onPackages = async (backend) => {
    await tf.setBackend(backend);
    const graph = await loadGraphModel(tf.io.fromMemory({ modelTopology: manifest.modelTopology, weightSpecs: manifest.weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) }));
    return cost(async () => {
      for (let first = 0; first < windows; first += 4) {
        const batch = new Float32Array(Math.min(4, windows - first) * windowSamples);
        for (let index = 0; index * windowSamples < batch.length; index++) batch.set(padded.subarray((first + index) * hop, (first + index) * hop + windowSamples), index * windowSamples);
        const input = tf.tensor3d(batch, [batch.length / windowSamples, windowSamples, 1]);
        const outputs = graph.execute(input, ['Identity_1', 'Identity_2']);
        await Promise.all(outputs.map((output) => output.data()));
        tf.dispose([input, ...outputs]);
      }
    });
  };
  return { bundled, wasm: await onPackages('wasm'), plain: await onPackages('cpu') };
}
