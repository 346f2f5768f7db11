import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { harmonyWithCadences } from '../../../src/analysis/harmony-with-cadences.js';
import { rational, toNumber } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { placeOnScore, readRomanText } from '../../../src/formats/romantext/read.js';
import { writeRomanText } from '../../../src/formats/romantext/write.js';
import { TEST_SCORES } from '../../support/corpus.js';

const read = (path: string) => readMusicXml(readFileSync(`${TEST_SCORES}${path}`)).score;

describe('writeRomanText', () => {
  it('writes an analysis our reader places back at the same times, with the same figures and keys', () => {
    for (const path of ['bach/bwv269.mxl', 'bach/bwv66.6.mxl', 'beethoven/opus18no1/movement2.mxl']) {
      const score = read(path);
      const analysis = harmonyWithCadences(score);
      const text = writeRomanText(score, analysis);
      const placed = placeOnScore(readRomanText(text), score);
      const written = analysis.harmonies.filter((harmony) => harmony.figure !== '' && !text.includes(`Note: m${harmony.measure} ${harmony.figure} (`));
      const own = placed.filter((harmony) => written.some((source) => Math.abs(toNumber(source.offset) - toNumber(harmony.offset)) < 1e-6));
      expect(own.map((harmony) => [toNumber(harmony.offset), harmony.figure, harmony.key]), path).toEqual(
        written.map((harmony) => [toNumber(harmony.offset), harmony.figure, harmony.key]),
      );
    }
  });

  it('opens with the metadata and meter, counts a pickup from where a full bar begins, and names each key change once', () => {
    const text = writeRomanText(read('bach/bwv269.mxl'), harmonyWithCadences(read('bach/bwv269.mxl')));
    expect(text).toMatch(/^Composer: J\.S\. Bach\n/);
    expect(text).toContain('\nTime Signature: 3/4\nm0 b3 G: I\n');
    expect(text.match(/ G: /g)).toHaveLength(1);
  });

  it('writes each cadence as a Note: line before its measure', () => {
    const score = read('bach/bwv269.mxl');
    const analysis = harmonyWithCadences(score);
    const text = writeRomanText(score, analysis);
    expect(text.match(/^Note: cadence at m\d+: /gm)).toHaveLength(analysis.cadences.length);
    expect(text).toMatch(/Note: cadence at m21: PAC in G major \(V7 → I\)\nm21 I\n$/);
  });

  it('writes the meter again where it changes, and keys in RomanText case (f#: minor, Bb: major)', () => {
    const score = read('bach/bwv66.6.mxl');
    const part = score.parts[0]!;
    const changed: Score = { ...score, parts: [{ ...part, measures: part.measures.map((measure) => (measure.index === 3 ? { ...measure, times: [{ offset: rational(0), value: { beats: '2', beatType: 4 } }] } : measure)) }] };
    const text = writeRomanText(changed, {
      harmonies: [
        { offset: rational(1), measureIndex: 1, key: 'F# minor', figure: 'i', root: 'F#', quality: 'minor' },
        { offset: rational(10), measureIndex: 3, key: 'Bb major', figure: 'V7', root: 'F', quality: 'dominant seventh' },
      ],
      cadences: [],
    });
    expect(text).toContain('m1 f#: i\n');
    expect(text).toContain('Time Signature: 2/4\nm3 b2 Bb: V7\n');
  });
});
