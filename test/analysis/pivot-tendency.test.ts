import { describe, expect, it } from 'vitest';
import { analyzeHarmony } from '../../src/analysis/harmony.js';
import { modulations } from '../../src/analysis/pivot-chords.js';
import { tendencyTones } from '../../src/analysis/tendency-tones.js';
import { chorale } from './chorale-score.js';

describe('modulations', () => {
  it('finds a modulation from C major to G major and names its pivot chord in both keys', () => {
    const score = chorale([
      [['E5', 1], ['F5', 1], ['D5', 1], ['E5', 1], ['C5', 1], ['C5', 1], ['B4', 2], ['A4', 1], ['A4', 1], ['G4', 2], ['A4', 1], ['A4', 1], ['G4', 2]],
      [['C5', 1], ['C5', 1], ['B4', 1], ['C5', 1], ['A4', 1], ['F#4', 1], ['G4', 2], ['E4', 1], ['F#4', 1], ['D4', 2], ['E4', 1], ['F#4', 1], ['D4', 2]],
      [['G4', 1], ['A4', 1], ['G4', 1], ['G4', 1], ['E4', 1], ['D4', 1], ['D4', 2], ['C4', 1], ['C4', 1], ['B3', 2], ['C4', 1], ['C4', 1], ['B3', 2]],
      [['C3', 1], ['F3', 1], ['G3', 1], ['C3', 1], ['A2', 1], ['D3', 1], ['G2', 2], ['A2', 1], ['D3', 1], ['G2', 2], ['A2', 1], ['D3', 1], ['G2', 2]],
    ]);
    const harmonies = analyzeHarmony(score);
    const found = modulations(harmonies);
    const toG = found.find((modulation) => modulation.from === 'C major' && modulation.to === 'G major')!;
    expect(toG, harmonies.map((harmony) => `${harmony.key} ${harmony.figure}`).join(', ')).toBeDefined();
    expect([['I', 'IV'], ['vi', 'ii'], ['iii', 'vi']]).toContainEqual(toG.pivot?.figures);
  });
});

describe('tendencyTones', () => {
  it('sends the leading tone of V7 up and its seventh down, in C major and in C minor', () => {
    const inKey = (alto: string, soprano: string, last: string) =>
      analyzeHarmony(
        chorale([
          [[soprano, 1], ['D5', 1], ['D5', 1], [last, 1]],
          [['G4', 1], ['A4', 1], ['B4', 1], ['C5', 1]],
          [[alto, 1], ['F4', 1], ['F4', 1], [alto, 1]],
          [['C3', 1], ['F3', 1], ['G2', 1], ['C3', 1]],
        ]),
      );
    const major = inKey('E4', 'C5', 'E5').find((harmony) => harmony.figure === 'V7')!;
    expect(tendencyTones(major)).toEqual([
      { pitch: 'B4', direction: 'up', resolvesTo: 'C5', reason: 'leading tone' },
      { pitch: 'F4', direction: 'down', resolvesTo: 'E4', reason: 'chord seventh' },
    ]);
    const minor = inKey('Eb4', 'C5', 'Eb5').find((harmony) => harmony.figure === 'V7')!;
    expect(tendencyTones(minor).find((tone) => tone.reason === 'chord seventh')!.resolvesTo).toBe('Eb4');
  });
});
