import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../src/core/errors.js';
import { readScore } from '../../src/formats/read-score.js';
import { parseHarmonizerKey } from '../../src/generate/harmonize/melody.js';
import { parseProgression, progressionBefore, suggestChords } from '../../src/suggest/continuation.js';
import { checkProgressionStep } from '../../src/suggest/voiced-check.js';

const C_MAJOR = parseHarmonizerKey('C major');

describe('checkProgressionStep', () => {
  it('writes V7 – I out in four parts and finds it clean', () => {
    const check = checkProgressionStep('V7', 'I', C_MAJOR, 1);
    expect(check.voiced).toBe(true);
    expect(check.voicing).toHaveLength(2);
    expect(check.voicing![1]!.every((name) => /^[CEG]\d$/.test(name))).toBe(true);
    expect(check.findings).toEqual([]);
  });

  it('keeps the inversion asked for: V6 has the leading tone in the bass', () => {
    const check = checkProgressionStep('I', 'V6', C_MAJOR, 1);
    expect(check.voicing![1]![3]).toMatch(/^B\d$/);
  });

  it('says when a chord cannot be written out rather than pretending it was checked', () => {
    expect(checkProgressionStep('I', 'bII6', C_MAJOR, 1)).toEqual({ voiced: false, findings: [] });
  });

  it('is deterministic for a seed', () => {
    expect(checkProgressionStep('ii6', 'V', C_MAJOR, 7)).toEqual(checkProgressionStep('ii6', 'V', C_MAJOR, 7));
  });
});

describe('suggestChords', () => {
  it('suggests the tonic after a dominant seventh in a chorale style, each offered chord clean', () => {
    const { offered } = suggestChords(['ii6', 'V7'], { style: 'bach', key: C_MAJOR, count: 3, seed: 1 });
    expect(offered.map((entry) => entry.figure)).toContain('I');
    for (const entry of offered) expect(entry.check.findings).toEqual([]);
    expect(offered.map((entry) => entry.probability)).toEqual([...offered.map((entry) => entry.probability)].sort((a, b) => b - a));
  });

  it('reads a progression and refuses a token that is not a numeral', () => {
    expect(parseProgression('I  vi, ii65 V7/V')).toEqual(['I', 'vi', 'ii65', 'V7/V']);
    let error: unknown;
    try {
      parseProgression('I IV banana');
    } catch (caught) {
      error = caught;
    }
    expect(isCadenzaError(error) && error.code === 'INVALID_ARGUMENT' && /banana/.test(error.message)).toBe(true);
  });

  it('takes the harmony of a score before a point as the context', () => {
    const score = readScore(readFileSync('test/fixtures/corpus/scores/bach/bwv269.mxl'), 'mxl').score;
    const { figures, key } = progressionBefore(score, 8);
    expect(figures.length).toBeGreaterThan(1);
    expect(key).toMatch(/major|minor/);
  });
});
