/** Notes from the pitch model: its post-processing on a made-up posteriorgram, then the model itself on tones made here. */
import { describe, expect, it } from 'vitest';
import { detectNotes } from '../../src/note-detection/note-events.js';
import { FFT_HOP, LOWEST_MIDI, MODEL_SAMPLE_RATE, PITCHES, posteriorgram, type Posteriorgram } from '../../src/note-detection/pitch-model.js';

const FRAME_SECONDS = FFT_HOP / MODEL_SAMPLE_RATE;

/** a posteriorgram of `frames` frames where each [midi, first, last] sounds (0.9) and starts (onset peak 0.9) */
function madeUp(frameCount: number, notes: readonly [number, number, number][]): Posteriorgram {
  const frames = new Float32Array(frameCount * PITCHES);
  const onsets = new Float32Array(frameCount * PITCHES);
  for (const [midi, first, last] of notes) {
    const pitch = midi - LOWEST_MIDI;
    for (let frame = first; frame <= last; frame++) frames[frame * PITCHES + pitch] = 0.9;
    onsets[first * PITCHES + pitch] = 0.9;
    onsets[(first + 1) * PITCHES + pitch] = 0.4;
  }
  return { frameCount, frames, onsets, times: Float64Array.from({ length: frameCount }, (_, frame) => frame * FRAME_SECONDS) };
}

describe('detectNotes', () => {
  it('starts a note at each onset peak and ends it where its frames fall silent', () => {
    const notes = detectNotes(madeUp(200, [[60, 10, 80], [64, 10, 80], [67, 100, 150]]));
    expect(notes.map((note) => [note.midi, Math.round(note.start / FRAME_SECONDS), Math.round(note.end / FRAME_SECONDS)])).toEqual([[60, 10, 81], [64, 10, 81], [67, 100, 151]]);
    expect(notes[0]!.amplitude).toBeCloseTo(0.9);
  });

  it('drops notes too short to be played, and onsets too weak', () => {
    const gram = madeUp(100, [[60, 10, 14], [62, 30, 80]]);
    gram.onsets[30 * PITCHES + 62 - LOWEST_MIDI] = 0.5;
    expect(detectNotes(gram)).toEqual([]);
  });

  it('hears the keys of a chord and a melody note played with harmonic tones', async () => {
    const rate = MODEL_SAMPLE_RATE;
    const samples = new Float32Array(3 * rate);
    const tone = (midi: number, from: number, to: number) => {
      const frequency = 440 * 2 ** ((midi - 69) / 12);
      for (let index = Math.round(from * rate); index < Math.round(to * rate); index++) {
        const time = index / rate - from;
        const envelope = Math.min(1, time * 200) * Math.exp(-time * 1.5);
        for (let harmonic = 1; harmonic <= 4; harmonic++) samples[index]! += (0.15 / harmonic) * envelope * Math.sin(2 * Math.PI * frequency * harmonic * time);
      }
    };
    [48, 64, 67].forEach((midi) => tone(midi, 0.5, 2));
    tone(72, 1.5, 2.5);
    const notes = detectNotes(await posteriorgram(samples));
    const heard = notes.map((note) => note.midi);
    expect(heard).toEqual(expect.arrayContaining([48, 64, 67, 72]));
    for (const midi of [48, 64, 67]) expect(Math.abs(notes.find((note) => note.midi === midi)!.start - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(notes.find((note) => note.midi === 72)!.start - 1.5)).toBeLessThan(0.05);
    expect(notes.length).toBeLessThanOrEqual(6);
  }, 60_000);
});
