/** Roman numerals of the first chordify verticals agree with music21 10.3's (reference.jsonl roman16). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chordify } from '../../src/analysis/chordify.js';
import { parseKeyName, romanFigure } from '../../src/analysis/roman.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { TEST_SCORES, music21References } from '../support/corpus.js';

const { files: explained } = JSON.parse(readFileSync(new URL('./roman-exceptions.json', import.meta.url), 'utf8')) as {
  files: { path: string; reason: string }[];
};
const references = [...music21References().values()].filter((reference) => /\.(mxl|xml)$/.test(reference.path) && reference.roman16);

function figures(path: string, keyName: string, count: number): string[] {
  const verticals = chordify(readMusicXml(readFileSync(`${TEST_SCORES}${path}`)).score).slice(0, count);
  const key = parseKeyName(keyName.replace('-', 'b'));
  return verticals.map((vertical) => romanFigure(vertical.pitches, key));
}

describe('roman numerals agree with music21 on the first verticals of every MusicXML file', () => {
  const results = references.map((reference) => ({ reference, ours: figures(reference.path, reference.key_ks, reference.roman16!.length) }));

  it.each(results.filter(({ reference }) => !explained.some((file) => file.path === reference.path)).map(({ reference, ours }) => [reference.path, ours, reference.roman16] as const))(
    '%s',
    (_, ours, music21) => expect(ours).toEqual(music21),
  );

  it('names at least 95% of all figures as music21 does, explained files included', () => {
    const figuresCompared = results.flatMap(({ reference, ours }) => reference.roman16!.map((figure, index) => figure === ours[index]));
    expect(figuresCompared.filter(Boolean).length / figuresCompared.length).toBeGreaterThanOrEqual(0.95);
  });

  it('still differs on every explained file (else the note is stale)', () => {
    for (const file of explained) {
      const { reference, ours } = results.find((result) => result.reference.path === file.path)!;
      expect(ours).not.toEqual(reference.roman16);
    }
  });
});
