import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cosineSimilarity, scoreProfile } from '../../src/analysis/profiles.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../support/corpus.js';

describe('score profiles', () => {
  it('measures cosine similarity', () => {
    expect(cosineSimilarity([1, 0, 1], [2, 0, 2])).toBe(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });

  it('turns a profile to the tonic, so the tonic comes first', () => {
    const score = readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv269.mxl`)).score;
    const absolute = scoreProfile(score);
    const relative = scoreProfile(score, { relativeToTonic: true });
    expect(absolute.key).toBe('G major');
    expect(relative.pitchClasses[0]).toBe(absolute.pitchClasses[7]);
    expect(relative.intervals.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 2);
  });
});
