import { describe, expect, it } from 'vitest';
import { findMode } from '../../src/analysis/modes.js';
import { ZERO } from '../../src/core/rational.js';
import type { Score } from '../../src/core/score.js';
import { onePartScore, type EventSpec } from './one-part-score.js';
import { partsScore } from './parts-score.js';

/** a line of whole notes: 'D4 E4 F4' → [['D4', 4], ['E4', 4], ['F4', 4]] */
const line = (notes: string): EventSpec[] => notes.split(' ').map((name) => [name, 4]);

/** the score with `fifths` written at the start of every part */
function withSignature(score: Score, fifths: number): Score {
  return {
    ...score,
    parts: score.parts.map((part) => ({ ...part, measures: part.measures.map((measure, index) => (index === 0 ? { ...measure, keys: [{ offset: ZERO, value: { fifths } }] } : measure)) })),
  };
}

/** parts named top to bottom, as a madrigal's are */
function named(score: Score, names: readonly string[]): Score {
  return { ...score, parts: score.parts.map((part, index) => ({ ...part, name: names[index]! })) };
}

describe('findMode', () => {
  it('reads a line ending on D in the natural collection as D dorian', () => {
    expect(findMode(onePartScore(line('D4 F4 E4 G4 A4 B4 C5 A4 F4 E4 D4')))).toMatchObject({ final: 'D', mode: 'dorian', name: 'D dorian', signature: 0, collection: 0 });
  });

  it('reads the same species transposed to G under one flat as G dorian', () => {
    expect(findMode(withSignature(onePartScore(line('G4 Bb4 A4 C5 D5 E5 F5 D5 Bb4 A4 G4')), -1))?.name).toBe('G dorian');
  });

  it('names each final in the natural collection by its species', () => {
    expect(findMode(onePartScore(line('E4 F4 G4 A4 G4 F4 E4')))?.name).toBe('E phrygian');
    expect(findMode(onePartScore(line('F4 G4 A4 B4 C5 A4 G4 F4')))?.name).toBe('F lydian');
    expect(findMode(onePartScore(line('G4 A4 B4 C5 D5 F5 E5 D5 B4 A4 G4')))?.name).toBe('G mixolydian');
    expect(findMode(onePartScore(line('A4 B4 C5 D5 E5 C5 B4 A4')))?.name).toBe('A aeolian');
    expect(findMode(onePartScore(line('C4 D4 E4 F4 G4 E4 D4 C4')))?.name).toBe('C ionian');
  });

  it('reads F under one flat as F ionian, not lydian', () => {
    expect(findMode(withSignature(onePartScore(line('F4 G4 A4 Bb4 C5 A4 G4 F4')), -1))?.mode).toBe('ionian');
  });

  it('lets the signature decide where the notes do not (no B sounds: G dorian under one flat, G mixolydian without)', () => {
    const noB = line('G4 A4 C5 D5 C5 A4 G4');
    expect(findMode(withSignature(onePartScore(noB), -1))?.name).toBe('G dorian');
    expect(findMode(onePartScore(noB))?.name).toBe('G mixolydian');
  });

  it('keeps the signature\'s collection through the raised leading tones of musica ficta', () => {
    const ficta = onePartScore(line('D4 F4 E4 G4 A4 B4 C5 A4 G4 F4 E4 C#4 D4'));
    expect(findMode(ficta)).toMatchObject({ name: 'D dorian', collection: 0 });
  });

  it('takes the final from the bass part, not from the last note of the top part', () => {
    const score = partsScore([line('F4 E4 A4'), line('D3 C3 D3')]);
    expect(findMode(score)?.final).toBe('D');
  });

  it('hears a tenor lying in the octave above its final as authentic, one lying about it as plagal', () => {
    const bass = line('D3 A2 D3');
    const top = line('D5 F5 D5');
    const authentic = named(partsScore([top, line('D4 A4 C5 A4 F4 D4'), bass]), ['Cantus', 'Tenor', 'Bassus']);
    const plagal = named(partsScore([top, line('A3 C4 D4 E4 D4 F4 D4'), bass]), ['Cantus', 'Tenor', 'Bassus']);
    expect(findMode(authentic)?.ambitus).toBe('authentic');
    expect(findMode(plagal)?.ambitus).toBe('plagal');
  });

  it('finds nothing in silence', () => {
    expect(findMode(onePartScore([[null, 4]]))).toBeUndefined();
  });
});
