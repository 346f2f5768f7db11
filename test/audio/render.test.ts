/**
 * Rendered chorales measured against their scores: the file lasts as long as the music at its tempo
 * (±1%), never clips, each note starts where the score puts it, and the pitch classes heard between
 * onsets are the ones the score sounds there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { notesInSeconds, onsetErrors, pitchAgreement } from '../../src/audio/agreement.js';
import { mono, peak } from '../../src/audio/analysis.js';
import { readScore } from '../../src/formats/read-score.js';
import { renderAudio, RING_OUT_SECONDS } from '../../src/mcp/render-audio.js';
import { scoreEnd } from '../../src/core/summary.js';
import { toNumber } from '../../src/core/rational.js';
import { unfoldRepeats } from '../../src/core/unfold.js';
import { TEST_SCORES } from '../support/corpus.js';
import { readWav } from './measured.js';

const CHORALES = ['bach/bwv66.6.mxl', 'bach/bwv269.mxl', 'bach/bwv153.1.mxl'];

describe.each(CHORALES)('%s rendered as WAV', (path) => {
  const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}${path}`)), 'mxl').score;
  // what is heard: repeats played out
  const played = unfoldRepeats(score);

  it('lasts as long as the music at its tempo, does not clip, starts each note on time and sounds the written pitches', async () => {
    const rendered = await renderAudio(score, { format: 'wav' });
    const { left, right, sampleRate } = readWav(rendered.bytes);
    const music = (toNumber(scoreEnd(played)) * 60) / rendered.quarterBpm;
    expect(left.length / sampleRate).toBeGreaterThan((music + RING_OUT_SECONDS) * 0.99);
    expect(left.length / sampleRate).toBeLessThan((music + RING_OUT_SECONDS) * 1.01);

    const loudest = Math.max(peak(left), peak(right));
    expect(loudest).toBeLessThan(0.99);
    expect(loudest).toBeGreaterThan(0.5);

    const samples = mono(left, right);
    const notes = notesInSeconds(played, rendered.quarterBpm);
    const errors = onsetErrors(samples, sampleRate, notes);
    // measured: a median of ~2 ms and a 90th percentile of ~5 ms (the onset grid is 2.9 ms)
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(0.005);
    expect(errors[Math.floor(errors.length * 0.9)]).toBeLessThan(0.01);

    const agreement = pitchAgreement(samples, sampleRate, notes);
    expect(agreement.windows).toBeGreaterThan(10);
    expect(agreement.strongestSounds).toBeGreaterThan(0.9);
    expect(agreement.soundingFound).toBeGreaterThan(0.9);
    // the measure can tell: the same audio against the score a semitone higher disagrees
    const sharp = pitchAgreement(samples, sampleRate, notes.map((note) => ({ ...note, midi: note.midi + 1 })));
    expect(sharp.strongestSounds).toBeLessThan(0.5);
  }, 60_000);
});

describe('dynamics in rendered audio', () => {
  it('plays a chorale marked pp in its first half and ff in its second louder in the second half', async () => {
    const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`)), 'mxl').score;
    const half = Math.floor(score.parts[0]!.measures.length / 2);
    const marked = {
      ...score,
      parts: score.parts.map((part) => ({
        ...part,
        measures: part.measures.map((measure) => (measure.index === 0 || measure.index === half ? { ...measure, dynamics: [{ offset: { n: 0, d: 1 }, value: measure.index === 0 ? 'pp' : 'ff' } as const] } : measure)),
      })),
    };
    const rendered = await renderAudio(marked, { format: 'wav' });
    const { left, right, sampleRate } = readWav(rendered.bytes);
    const samples = mono(left, right);
    const secondsAt = (quarters: number) => (quarters * 60) / rendered.quarterBpm;
    const middle = Math.round(secondsAt(toNumber(score.parts[0]!.measures[half]!.offset)) * sampleRate);
    const rms = (from: number, to: number) => Math.sqrt(samples.subarray(from, to).reduce((sum, sample) => sum + sample * sample, 0) / (to - from));
    const end = Math.round(secondsAt(toNumber(scoreEnd(score))) * sampleRate);
    // velocity 33 against 112: the soundfont's velocity curve makes that several times quieter
    expect(rms(middle, end) / rms(0, middle)).toBeGreaterThan(2);
  }, 60_000);
});
