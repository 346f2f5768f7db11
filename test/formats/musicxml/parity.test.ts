/**
 * Parity with music21 10.3 over every MusicXML file of the test corpus: the same counts, duration,
 * pitch-class histogram and first signatures, except the differences listed (with reasons) in
 * parity-exceptions.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_SCORES, music21References, type Music21Reference } from '../../support/corpus.js';
import { differingFields, referenceFields } from '../../support/parity.js';

interface KnownDifference {
  readonly path: string;
  readonly field: string;
  readonly music21: unknown;
  readonly cadenza: unknown;
  readonly reason: string;
}

const { differences } = JSON.parse(readFileSync(new URL('./parity-exceptions.json', import.meta.url), 'utf8')) as {
  differences: KnownDifference[];
};
const musicXmlFiles = [...music21References().values()].filter((reference) => /\.(mxl|xml|musicxml)$/.test(reference.path));

function mismatches(reference: Music21Reference): { field: string; music21: unknown; cadenza: unknown }[] {
  const score = readMusicXml(readFileSync(`${TEST_SCORES}${reference.path}`)).score;
  const ours = referenceFields(score);
  return differingFields(score, reference).map((field) => ({ field, music21: reference[field], cadenza: ours[field] }));
}

describe('MusicXML import agrees with music21 on the test corpus', () => {
  it('covers every MusicXML file of the corpus', () => {
    expect(musicXmlFiles.length).toBeGreaterThanOrEqual(80);
  });

  it.each(musicXmlFiles.map((reference) => [reference.path, reference] as const))('%s', (path, reference) => {
    const expected = differences.filter((difference) => difference.path === path).map(({ field, music21, cadenza }) => ({ field, music21, cadenza }));
    expect(mismatches(reference)).toEqual(expected);
  });

  it('matches music21 on at least 98% of files outright, and every other file is explained', () => {
    const explainedPaths = new Set(differences.map((difference) => difference.path));
    const identical = musicXmlFiles.filter((reference) => !explainedPaths.has(reference.path)).length;
    expect(identical / musicXmlFiles.length).toBeGreaterThanOrEqual(0.98);
    for (const difference of differences) expect(difference.reason.length).toBeGreaterThan(40);
  });
});
