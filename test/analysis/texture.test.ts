import { describe, expect, it } from 'vitest';
import { analyzeTexture } from '../../src/analysis/texture.js';
import { readScore } from '../../src/formats/read-score.js';
import { readFileSync } from 'node:fs';
import { TEST_SCORES } from '../support/corpus.js';
import { onePartScore } from './one-part-score.js';
import { partsScore } from './parts-score.js';

const textureOf = (parts: Parameters<typeof partsScore>[0]) => analyzeTexture(partsScore(parts))[0]!.texture;

describe('analyzeTexture', () => {
  it('names one line alone monophonic', () => {
    expect(analyzeTexture(onePartScore([['C4', 1], ['D4', 1], ['E4', 2]]))[0]).toMatchObject({ texture: 'monophonic', streams: 1, maxSimultaneous: 1 });
  });

  it('names two voices on the same notes a unison, and a tune doubled at the octave octaves', () => {
    const tune = ['C4', 'D4', 'E4', 'C4'];
    expect(textureOf([tune.map((name) => [name, 1] as const), tune.map((name) => [name, 1] as const)])).toBe('unison');
    expect(textureOf([tune.map((name) => [name.replace('4', '5'), 1] as const), tune.map((name) => [name, 1] as const), tune.map((name) => [name.replace('4', '3'), 1] as const)])).toBe('octaves');
  });

  it('names open fifths with no third bare fifths (D and A, doubled)', () => {
    expect(textureOf([[['A4', 2], ['D5', 2]], [['A3', 4]], [['D3', 4]]])).toBe('bare fifths');
  });

  it('names four voices striking every chord together chordal, passing eighths and all', () => {
    expect(textureOf([[['E5', 1], ['D5', 1], ['C5', 2]], [['C5', 1], ['B4', 1], ['G4', 2]], [['G4', 1], ['G4', 0.5], ['F4', 0.5], ['E4', 2]], [['C3', 1], ['G3', 1], ['C3', 2]]])).toBe('chordal');
  });

  it('names a tune over an Alberti bass melody and accompaniment', () => {
    const alberti = ['C3', 'G3', 'E3', 'G3', 'C3', 'G3', 'E3', 'G3'].map((name) => [name, 0.5] as const);
    expect(textureOf([[['E5', 1.5], ['F5', 0.5], ['G5', 1], ['C6', 1]], alberti])).toBe('melody and accompaniment');
  });

  it('names two independent lines polyphonic', () => {
    const upper = [['G4', 1], ['C5', 0.5], ['B4', 0.5], ['C5', 1.5], ['D5', 0.5]] as const;
    expect(textureOf([upper, [[null, 0.5], ['C4', 0.5], ['E4', 1.5], ['D4', 0.5], ['G3', 1]]])).toBe('polyphonic');
  });

  it('names a measure where nothing sounds a rest', () => {
    expect(textureOf([[[null, 4]], [[null, 4]]])).toBe('rest');
  });

  it('finds a Bach chorale chordal in most of its measures (bwv14.5)', () => {
    const score = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}bach/bwv14.5.mxl`)), 'mxl').score;
    const textures = analyzeTexture(score);
    const chordal = textures.filter((measure) => measure.texture === 'chordal').length;
    expect(chordal / textures.length).toBeGreaterThan(0.7);
  });
});
