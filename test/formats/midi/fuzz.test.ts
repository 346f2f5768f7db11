/**
 * Seeded byte damage to real MIDI files (music21's, from the test corpus): the importer either reads a
 * mutant or refuses it with a CadenzaError (how long the worst mutant takes: bench/pathological-inputs.mjs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../../src/core/errors.js';
import { readMidi } from '../../../src/formats/midi/read.js';
import { seededRandom, type Random } from '../../../src/generate/random.js';
import { TEST_CORPUS } from '../../support/corpus.js';

/** byte values that make MIDI parsers trip: status bytes, meta and sysex markers, huge variable-length quantities */
const BYTES = [0x00, 0x7f, 0x80, 0x90, 0xb0, 0xc0, 0xe0, 0xf0, 0xf7, 0xff, 0x2f, 0x51, 0x58];

function mutate(source: Uint8Array, random: Random): Uint8Array {
  const bytes = Uint8Array.from(source);
  switch (random.below(4)) {
    case 0: // overwrite a few bytes
      for (let edit = 0; edit < 1 + random.below(8); edit++) bytes[random.below(bytes.length)] = random.pick(BYTES)!;
      return bytes;
    case 1: // truncate
      return bytes.slice(0, random.below(bytes.length));
    case 2: // a chunk or track length that lies (bytes 4–7 of the header, or of the first track at 18–21)
      bytes[random.pick([4, 5, 6, 7, 18, 19, 20, 21])!] = random.below(256);
      return bytes;
    default: // a division of zero or an absurd one
      bytes[12] = random.below(256);
      bytes[13] = random.below(256);
      return bytes;
  }
}

describe('readMidi under random damage', () => {
  const sources = ['bwv269.mid', 'bwv17.7.mid', 'bwv153.1.mid'].map((name) => new Uint8Array(readFileSync(`${TEST_CORPUS}midi/${name}`)));

  it.each([1, 2, 3])('reads or refuses 700 mutants cleanly (seed %i)', (seed) => {
    const random = seededRandom(seed);
    let [read, refused] = [0, 0];
    for (let round = 0; round < 700; round++) {
      const mutant = mutate(random.pick(sources)!, random);
      try {
        readMidi(mutant);
        read++;
      } catch (error) {
        if (!isCadenzaError(error)) throw new Error(`seed ${seed} round ${round}: ${String(error)}`);
        refused++;
      }
    }
    expect(read).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
