/** Seeded mutations of real corpus files: the importer either reads them or fails with a CadenzaError. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/generate/random.js';
import { isCadenzaError } from '../../../src/core/errors.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../../support/corpus.js';

const FRAGMENTS = ['<', '>', '&', '</note>', '<note>', '<chord/>', '<backup><duration>99</duration></backup>', '<duration>-3</duration>', '"', '<!DOCTYPE x [', ']]>', '\u0000', '<divisions>0</divisions>'];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  const length = Math.floor(random() * 200);
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at) + text.slice(at + length);
    case 1:
      return text.slice(0, at) + FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] + text.slice(at);
    case 2:
      return text.slice(0, at);
    default:
      return text.slice(0, at) + text.slice(at, at + length).repeat(3) + text.slice(at + length);
  }
}

describe('readMusicXml under random damage', () => {
  const source = readFileSync(`${TEST_SCORES}trecento/PMFC_06-Jacopo-03b-Di_Novo.xml`, 'utf8');

  it.each([1, 2, 3, 4])('reads or refuses 500 mutants cleanly (seed %i)', (seed) => {
    // seeded, so a failing case can be replayed
    const random = seededRandom(seed).next;
    let refused = 0;
    for (let round = 0; round < 500; round++) {
      let mutant = source;
      const edits = 1 + Math.floor(random() * 3);
      for (let edit = 0; edit < edits; edit++) mutant = mutate(mutant, random);
      try {
        const { score } = readMusicXml(mutant);
        expect(score.parts.length).toBeGreaterThan(0);
      } catch (error) {
        if (!isCadenzaError(error)) throw new Error(`seed ${seed} round ${round}: ${String(error)}`);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
