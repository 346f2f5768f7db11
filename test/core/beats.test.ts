import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { barLength, meterBeat, positionsOf } from '../../src/core/beats.js';
import { rational } from '../../src/core/rational.js';
import { readScore } from '../../src/formats/read-score.js';

const corpusScore = (file: string) => readScore(readFileSync(new URL(`../../corpus/${file}`, import.meta.url)), 'mxl').score;

describe('beats', () => {
  it('takes a dotted quarter as the beat of compound meters and a quarter or half otherwise', () => {
    expect(meterBeat({ beats: '6', beatType: 8 })).toEqual(rational(3, 2));
    expect(meterBeat({ beats: '3', beatType: 4 })).toEqual(rational(1));
    expect(meterBeat({ beats: '3', beatType: 2 })).toEqual(rational(2));
    expect(barLength({ beats: '3+2', beatType: 8 })).toEqual(rational(5, 2));
  });

  it('counts a 3/4 pickup from where a full bar would begin, and later bars from 1', () => {
    const at = positionsOf(corpusScore('bach/bwv269.mxl'));
    expect(at(0)).toEqual({ measure: '0', beat: 3 });
    expect(at(1)).toEqual({ measure: '1', beat: 1 });
    expect(at(rational(5, 2))).toEqual({ measure: '1', beat: 2.5 });
  });

  it('counts 9/8 in dotted quarters', () => {
    const at = positionsOf(corpusScore('beethoven/opus18no1/movement2.mxl'));
    expect(at(0)).toEqual({ measure: '1', beat: 1 });
    expect(at(rational(3, 2))).toEqual({ measure: '1', beat: 2 });
    expect(at(rational(9, 2))).toEqual({ measure: '2', beat: 1 });
  });
});
