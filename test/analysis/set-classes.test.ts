import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { normalOrder, setClass } from '../../src/analysis/set-classes.js';
import { hasMusic21, MUSIC21_PYTHON } from '../support/music21.js';

/** one member of every set class, as found first among the 4,095 non-empty subsets of the twelve pitch classes (not the prime form itself) */
function oneOfEachClass(): number[][] {
  const seen = new Set<string>();
  const members: number[][] = [];
  for (let mask = 4095; mask > 0; mask--) {
    const pitchClasses = Array.from({ length: 12 }, (_, pitchClass) => pitchClass).filter((pitchClass) => mask & (1 << pitchClass));
    const name = setClass(pitchClasses)!.forteName;
    if (!seen.has(name)) members.push(pitchClasses);
    seen.add(name);
  }
  return members;
}

describe('setClass', () => {
  it('names the triads and the all-interval tetrachords as Forte does', () => {
    expect(setClass([0, 4, 7])).toMatchObject({ forteName: '3-11', primeForm: [0, 3, 7], intervalVector: [0, 0, 1, 1, 1, 0] });
    expect(setClass([2, 5, 9])!.forteName).toBe('3-11');
    expect(setClass([0, 1, 4, 6])).toMatchObject({ forteName: '4-Z15', zRelated: true, intervalVector: [1, 1, 1, 1, 1, 1] });
    expect(setClass([0, 1, 3, 7])!.forteName).toBe('4-Z29');
    // the Tristan chord, F B D# G#, is the half-diminished seventh, 4-27
    expect(setClass([5, 11, 3, 8])).toMatchObject({ forteName: '4-27', primeForm: [0, 2, 5, 8] });
    expect(setClass([0, 2, 4, 6, 8, 10])!.forteName).toBe('6-35');
    expect(setClass([])).toBeUndefined();
  });

  it('finds the 223 non-empty set classes (224 with the empty set) among all the subsets of the twelve pitch classes', () => {
    expect(oneOfEachClass()).toHaveLength(223);
  });

  it('puts a set in normal order: the most packed rotation', () => {
    expect(normalOrder([0, 4, 7])).toEqual([0, 4, 7]);
    expect(normalOrder([0, 4, 9])).toEqual([9, 0, 4]);
    expect(normalOrder([1, 4, 7, 10])).toEqual([1, 4, 7, 10]);
  });

  it.skipIf(!hasMusic21)("agrees with music21's forteClass, primeForm, intervalVector and Z relation on every set class", () => {
    const members = oneOfEachClass();
    const script = [
      'import json, sys',
      'from music21 import chord',
      'out = []',
      'for pcs in json.load(sys.stdin):',
      '    c = chord.Chord(pcs)',
      "    out.append([c.forteClassTnI, list(c.primeForm), list(c.intervalVector), c.hasZRelation])",
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync(MUSIC21_PYTHON, ['-c', script], { input: JSON.stringify(members), encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(run.status, run.stderr).toBe(0);
    const theirs = JSON.parse(run.stdout) as [string, number[], number[], boolean][];
    const ours = members.map((pitchClasses) => {
      const found = setClass(pitchClasses)!;
      return [found.forteName.replace('Z', ''), [...found.primeForm], [...found.intervalVector], found.zRelated];
    });
    expect(ours).toEqual(theirs);
  }, 120_000); // a hang guard, as vitest.config.ts says: with a worker per core this test shares the CPU
});
