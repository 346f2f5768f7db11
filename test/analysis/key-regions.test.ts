/** Key regions of a piece whose local keys are spelled with flats past the 24 names (BWV 40.8 visits D♭ major). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyRegions } from '../../src/analysis/key-regions.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../support/corpus.js';

describe('keyRegions', () => {
  it('measures every region of BWV 40.8, D♭ major included, against its own key', () => {
    const regions = keyRegions(readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv40.8.mxl`)).score);
    expect(regions.map((region) => region.key)).toContain('Db major');
    for (const region of regions) {
      expect(region.confidence, region.key).toBeGreaterThan(0);
      expect(region.confidence).toBeLessThanOrEqual(1);
    }
  });
});
