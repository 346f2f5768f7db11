import { describe, expect, it } from 'vitest';
import { chooseKeys, type KeyEvidence } from '../../src/analysis/local-keys.js';

/** a window weighing the given pitch classes equally */
const window = (pitchClasses: readonly number[]) => Array.from({ length: 12 }, (_, pitchClass) => (pitchClasses.includes(pitchClass) ? 1 : 0));
const C_MAJOR = [0, 2, 4, 5, 7, 9, 11];
const G_MAJOR = [0, 2, 4, 6, 7, 9, 11];

function stretch(scale: readonly number[], root: number, quality: string, quarters = 1): KeyEvidence {
  const chord = quality === 'major' ? [0, 4, 7] : quality === 'dominant seventh' ? [0, 4, 7, 10] : [0, 3, 7];
  return { window: window(scale), chord: new Set(chord.map((interval) => (root + interval) % 12)), chordRoot: root, chordQuality: quality, quarters };
}

describe('chooseKeys', () => {
  it('keeps C major through an applied dominant (V7/V) and moves to G major where the music stays there', () => {
    const evidence = [
      stretch(C_MAJOR, 0, 'major'),
      stretch(C_MAJOR, 5, 'major'),
      stretch(C_MAJOR, 2, 'dominant seventh'),
      stretch(C_MAJOR, 7, 'major'),
      stretch(C_MAJOR, 0, 'major'),
      stretch(C_MAJOR, 9, 'minor'),
      ...Array.from({ length: 3 }, () => [stretch(G_MAJOR, 7, 'major', 2), stretch(G_MAJOR, 0, 'major', 2), stretch(G_MAJOR, 2, 'dominant seventh', 2)]).flat(),
      stretch(G_MAJOR, 7, 'major', 4),
    ];
    const keys = chooseKeys(evidence).map((key) => key.name);
    expect(keys.slice(0, 6)).toEqual(Array(6).fill('C major'));
    expect(keys.slice(-4)).toEqual(Array(4).fill('G major'));
  });

  it('charges a change of key by the time it lasts: one short borrowed chord does not modulate, however many stretches surround it', () => {
    const fine = [...Array.from({ length: 16 }, (_, index) => stretch(C_MAJOR, index % 2 === 0 ? 0 : 7, 'major', 0.25)), stretch(C_MAJOR, 10, 'major', 0.25), ...Array.from({ length: 16 }, (_, index) => stretch(C_MAJOR, index % 2 === 0 ? 5 : 0, 'major', 0.25))];
    expect(new Set(chooseKeys(fine).map((key) => key.name))).toEqual(new Set(['C major']));
  });
});
