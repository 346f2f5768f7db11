/**
 * Offline synthesis of a MIDI file with a SoundFont (spessasynth_core): its sequencer plays the file into
 * its synthesizer one 128-sample block at a time (2.9 ms at 44.1 kHz, the grid notes start on), and the
 * result is scaled to a peak of -1 dBFS so that every rendering is equally loud and none clips.
 */
import { BasicMIDI, SpessaSynthProcessor, SpessaSynthSequencer, type BasicSoundBank } from 'spessasynth_core';

export const SAMPLE_RATE = 44_100;
const BLOCK = 128;
/** -1 dBFS */
const PEAK = 10 ** (-1 / 20);

/** Stereo audio as float samples in [-1, 1]. */
export interface Audio {
  readonly sampleRate: number;
  readonly left: Float32Array;
  readonly right: Float32Array;
}

/** synthesize(smf, bank, 24.5) → 24.5 s of stereo audio at 44.1 kHz: the file played from its start, then silence or ringing */
export async function synthesize(smf: Uint8Array, bank: BasicSoundBank, seconds: number): Promise<Audio> {
  const synth = new SpessaSynthProcessor(SAMPLE_RATE, { maxBufferSize: BLOCK, effectsEnabled: true });
  synth.soundBankManager.addSoundBank(bank, 'main');
  await synth.processorInitialized;
  const sequencer = new SpessaSynthSequencer(synth);
  // the rests before the first note are part of the music (a count-in, a bar that starts silent)
  sequencer.skipToFirstNoteOn = false;
  sequencer.loopCount = 0;
  sequencer.loadNewSongList([BasicMIDI.fromArrayBuffer(arrayBufferOf(smf))]);
  sequencer.play();
  const length = Math.ceil(seconds * SAMPLE_RATE);
  const left = new Float32Array(length);
  const right = new Float32Array(length);
  for (let start = 0; start < length; start += BLOCK) {
    sequencer.processTick();
    synth.process(left, right, start, Math.min(BLOCK, length - start));
  }
  normalize(left, right);
  return { sampleRate: SAMPLE_RATE, left, right };
}

function normalize(left: Float32Array, right: Float32Array): void {
  let peak = 0;
  for (let index = 0; index < left.length; index++) peak = Math.max(peak, Math.abs(left[index]!), Math.abs(right[index]!));
  if (peak === 0) return;
  const gain = PEAK / peak;
  for (let index = 0; index < left.length; index++) {
    left[index]! *= gain;
    right[index]! *= gain;
  }
}

/** the bytes as an ArrayBuffer of their own (a Uint8Array may be a view into a larger buffer) */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
