import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMelody } from '../../src/analysis/melody.js';
import { analyzeRhythm, metricWeight } from '../../src/analysis/rhythm.js';
import { voiceLines } from '../../src/analysis/voice-leading.js';
import { pitch, type Step } from '../../src/core/pitch.js';
import { rational } from '../../src/core/rational.js';
import type { Event, Score } from '../../src/core/score.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../support/corpus.js';

/** one voice in 4/4 from [name, quarters] pairs, a rest where the name is "r" */
function tune(notes: [string, number][]): Score {
  let at = 0;
  const events: Event[] = notes.map(([name, length]) => {
    const offset = rational(at * 2, 2);
    at += length;
    if (name === 'r') return { kind: 'rest', offset, duration: rational(length * 2, 2) };
    return { kind: 'note', pitch: pitch(name[0] as Step, 0, Number(name[1])), offset, duration: rational(length * 2, 2) };
  });
  const measure = { number: '1', index: 0, offset: rational(0), duration: rational(at * 2, 2), voices: [{ id: '1', events }], times: [{ offset: rational(0), value: { beats: String(at), beatType: 4 } }] };
  return { metadata: { sourceFormat: 'generated' }, parts: [{ id: 'P1', name: 'Flute', staffCount: 1, measures: [measure] }] };
}

describe('analyzeMelody', () => {
  const melody = analyzeMelody(voiceLines(tune([['C4', 1], ['D4', 1], ['E4', 1], ['G4', 1], ['E4', 1], ['r', 1], ['C5', 2], ['B4', 1], ['C5', 1]]))[0]!);

  it('measures range, intervals, steps and leaps', () => {
    expect(melody.range).toMatchObject({ lowest: 'C4', highest: 'C5', semitones: 12, lowestAt: { offsetQuarters: 0 }, highestAt: { offsetQuarters: 6 } });
    expect(melody.intervals).toEqual({ '2': 2, '3': 1, '-3': 1, '8': 1, '-1': 1, '1': 1 });
    expect(melody.leapCount).toBe(3);
    expect(melody.stepShare).toBeCloseTo(4 / 7, 3);
  });

  it('reduces the contour to its turning points and finds the climax', () => {
    expect(melody.contour).toBe('+++-+-+');
    expect(melody.contourReduction).toEqual(['C4', 'G4', 'E4', 'C5', 'B4', 'C5']);
    expect(melody.climax).toMatchObject({ pitch: 'C5', occurrences: 2, offsetQuarters: 6 });
  });

  it('names the widest leaps, widest first, where they arrive', () => {
    expect(melody.widestLeaps.map(({ semitones, from, to, offsetQuarters }) => ({ semitones, from, to, offsetQuarters }))).toEqual([
      { semitones: 8, from: 'E4', to: 'C5', offsetQuarters: 6 },
      { semitones: 3, from: 'E4', to: 'G4', offsetQuarters: 3 },
      { semitones: -3, from: 'G4', to: 'E4', offsetQuarters: 4 },
    ]);
  });

  it('splits phrases at rests and long notes', () => {
    // the long C5 opens the last phrase, so it does not end one
    expect(melody.phrases.map((phrase) => phrase.notes)).toEqual([5, 3]);
  });

  it('ends phrases at the fermatas of a chorale', () => {
    const soprano = voiceLines(readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv269.mxl`)).score)[0]!;
    expect(analyzeMelody(soprano).phrases.length).toBeGreaterThanOrEqual(6);
  });
});

describe('analyzeRhythm', () => {
  it('weighs positions in the bar', () => {
    const common = { beats: '4', beatType: 4 };
    expect([0, 1, 2, 3, 0.5, 0.25].map((at) => metricWeight(at, common))).toEqual([1, 0.5, 0.75, 0.5, 0.25, 0.125]);
    expect(metricWeight(1.5, { beats: '6', beatType: 8 })).toBe(0.75);
    expect(metricWeight(1, { beats: '3', beatType: 4 })).toBe(0.5);
  });

  it('counts syncopations, density and note values', () => {
    const rhythm = analyzeRhythm(tune([['C4', 1], ['D4', 0.5], ['E4', 1], ['F4', 0.5], ['G4', 1]]));
    expect(rhythm.syncopations).toBe(1);
    expect(rhythm.density).toEqual([{ measure: '1', onsets: 5 }]);
    expect(rhythm.durations).toEqual({ '1': 3, '1/2': 2 });
  });
});
