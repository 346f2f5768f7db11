import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../../src/core/errors.js';
import { buildScore as writeScore } from '../../../src/core/build-score.js';
import { pitch } from '../../../src/core/pitch.js';
import { rational, toNumber } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { placeOnScore, readRomanText, romanTextBeat } from '../../../src/formats/romantext/read.js';
import { TEST_CORPUS } from '../../support/corpus.js';

interface HumanAnalysis {
  readonly analysis: string;
  readonly score: string;
  readonly harmonies: readonly { offset: number; key: string; figure: string }[];
}

const humanAnalyses = readFileSync(`${TEST_CORPUS}analyses/human.jsonl`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as HumanAnalysis);

/** two bars of whole-bar Cs in the meter written as RomanText writes it ("6/4", "slow 3/8") */
function buildScore(meter: string): Score {
  const [beats, beatType] = meter.replace(/^(fast|slow) /, '').split('/').map(Number) as [number, number];
  const bar = rational(4 * beats, beatType);
  const note = (start: number) => ({ pitches: [pitch('C', 0, 4)], start: rational(start * 4 * beats, beatType), duration: bar });
  return writeScore({ key: { fifths: 0 }, time: { beats: String(beats), beatType }, parts: [{ name: 'P', notes: [note(0), note(1)] }] });
}

describe('readRomanText', () => {
  it('reads measures, beats, keys, figures and metadata', () => {
    const analysis = readRomanText('Composer: J. S. Bach\nTime Signature: 3/4\nNote: a remark\n\nm0 b3 G: I\nm1 IV6 b2.5 e: viio6 || b3 i\nm1var1 I');
    expect(analysis.metadata).toEqual({ Composer: 'J. S. Bach' });
    expect(analysis.timeSignatures).toEqual([{ measure: 0, value: '3/4' }]);
    expect(analysis.harmonies).toEqual([
      { measure: 0, beat: 3, key: 'G major', figure: 'I' },
      { measure: 1, beat: 1, key: 'G major', figure: 'IV6' },
      { measure: 1, beat: 2.5, key: 'E minor', figure: 'viio6' },
      { measure: 1, beat: 3, key: 'E minor', figure: 'i', phraseStart: true },
    ]);
  });

  it('copies repeated measures', () => {
    const analysis = readRomanText('m1 C: I b3 V\nm2 I\nm5-6 = m1-2');
    expect(analysis.harmonies.filter((harmony) => harmony.measure >= 5).map((harmony) => [harmony.measure, harmony.figure])).toEqual([[5, 'I'], [5, 'V'], [6, 'I']]);
  });

  it('refuses text that is not RomanText, naming the line', () => {
    let caught: unknown;
    try {
      readRomanText('Composer: someone\nthis is not romantext');
    } catch (error) {
      caught = error;
    }
    expect(isCadenzaError(caught) ? caught.message : '').toMatch(/line 2/);
  });

  it('keeps free-text lines between measures as remarks, as music21 passes over them', () => {
    const analysis = readRomanText('Time Signature: 3/4\nm1 c#: i\n\nForm Phase 3 (C#m through G#m, F#m to E)\nm2 V7');
    expect(analysis.remarks).toEqual([{ line: 4, text: 'Form Phase 3 (C#m through G#m, F#m to E)' }]);
    expect(analysis.harmonies.map((harmony) => harmony.figure)).toEqual(['i', 'V7']);
  });

  it('reads lines ended by a lone carriage return, and field names in any case', () => {
    const analysis = readRomanText('Composer: J. S. Bach\rBWV: 41.6\r\nTime signature : 3/4\rm1 G: I\rm2 V');
    expect(analysis.metadata).toEqual({ Composer: 'J. S. Bach', BWV: '41.6' });
    expect(analysis.timeSignatures).toEqual([{ measure: 1, value: '3/4' }]);
    expect(analysis.harmonies.map((harmony) => harmony.measure)).toEqual([1, 2]);
  });

  it('reads time signatures written in words: C, Cut, fast and slow', () => {
    const meters = (written: string) => readRomanText(`Time Signature: ${written}\nm1 C: I`).timeSignatures[0];
    expect(meters('C')).toEqual({ measure: 1, value: '4/4' });
    expect(meters('Cut')).toEqual({ measure: 1, value: '2/2' });
    expect(meters('fast 3/8')).toEqual({ measure: 1, value: '3/8', speed: 'fast' });
    expect(meters('slow 3/8')).toEqual({ measure: 1, value: '3/8', speed: 'slow' });
    expect(meters('4/4?')).toEqual({ measure: 1, value: '4/4' });
    expect(() => meters('three four')).toThrow(/not a time signature/);
  });

  it('reads a chord in parentheses as a chord, not as the figure "("', () => {
    const figures = (body: string) => readRomanText(`m1 C: ${body}`).harmonies.map((harmony) => [harmony.beat, harmony.figure]);
    expect(figures('I b3 ( V/vi )')).toEqual([[1, 'I'], [3, 'V/vi']]);
    expect(figures('I b3 (V7/vi)')).toEqual([[1, 'I'], [3, 'V7/vi']]);
  });

  it('counts beats as music21 does: dotted beats in 6/4, 6/8 and 3/8, every eighth in slow 3/8', () => {
    const quarters = (beats: number, beatType: number, speed?: 'fast' | 'slow') => toNumber(romanTextBeat(beats, beatType, speed));
    expect([quarters(6, 4), quarters(6, 8), quarters(3, 8), quarters(12, 16)]).toEqual([3, 1.5, 1.5, 0.75]);
    expect([quarters(3, 4), quarters(3, 2), quarters(4, 4), quarters(3, 8, 'slow'), quarters(3, 4, 'fast')]).toEqual([1, 2, 1, 0.5, 3]);
  });

  it('places b1.33 in 6/4 one quarter into the bar, and b2.5 in slow 3/8 a sixteenth after the second eighth', () => {
    const place = (meter: string, beat: string) => {
      const score = buildScore(meter);
      const placed = placeOnScore(readRomanText(`Time Signature: ${meter}\nm1 C: I ${beat} V`), score);
      return toNumber(placed[1]!.offset);
    };
    expect(place('6/4', 'b1.33')).toBe(1);
    expect(place('6/4', 'b2')).toBe(3);
    expect(place('slow 3/8', 'b2.5')).toBe(0.75);
    expect(place('3/8', 'b1.67')).toBe(1);
  });

  /**
   * music21 misplaces madrigal 4.15 twice: after its empty line "m28" its offsets run half a bar
   * (2 quarters) late, so "m29 IV" lands on beat 3; and the file writes "m59" twice, which music21 reads
   * as an extra bar. Cadenza keeps every harmony on its own measure; the comparison stops at m59.
   */
  const isMadrigal415 = (human: HumanAnalysis) => human.analysis === 'monteverdi/madrigal.4.15.rntxt';
  const shifted = (human: HumanAnalysis, offset: number) => (isMadrigal415(human) && offset >= 110 ? offset - 2 : offset);
  const compared = (human: HumanAnalysis, offset: number) => !isMadrigal415(human) || offset < 232;

  it.each(humanAnalyses.map((human) => [human.analysis, human] as const))('places %s on its score where music21 does', (_, human) => {
    const analysis = readRomanText(readFileSync(`${TEST_CORPUS}analyses/${human.analysis}`, 'utf8'));
    const score = readMusicXml(readFileSync(`${TEST_CORPUS}scores/${human.score}`)).score;
    const rounded = (offset: number) => Math.round(offset * 1000) / 1000;
    const placed = placeOnScore(analysis, score)
      .map((harmony) => ({ offset: rounded(toNumber(harmony.offset)), key: harmony.key, figure: harmony.figure }))
      .filter((harmony) => compared(human, harmony.offset));
    const expected = human.harmonies
      .map((harmony) => ({ offset: rounded(shifted(human, harmony.offset)), key: harmony.key.replace(/^([A-G])-/, '$1b'), figure: harmony.figure }))
      .filter((harmony) => compared(human, harmony.offset));
    expect(placed).toEqual(expected);
  });
});
