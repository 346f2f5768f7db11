import { describe, expect, it } from 'vitest';
import { DEFAULT_VELOCITY, velocityAt } from '../../src/core/loudness.js';
import type { DynamicMark, HairpinMark } from '../../src/core/marks.js';
import { rational } from '../../src/core/rational.js';
import type { Measure, Part, Timed } from '../../src/core/score.js';

/** a part of 4/4 measures, each with the dynamics and hairpins given for it */
function part(measures: { dynamics?: Timed<DynamicMark>[]; hairpins?: Timed<HairpinMark>[] }[]): Part {
  const built: Measure[] = measures.map((marks, index) => ({ number: String(index + 1), index, offset: rational(4 * index), duration: rational(4), voices: [], ...marks }));
  return { id: 'P1', staffCount: 1, measures: built };
}
const at = (quarters: number) => rational(quarters);

describe('velocityAt', () => {
  it('plays a part without dynamics at the default velocity', () => {
    expect(velocityAt(part([{}]))(2)).toBe(DEFAULT_VELOCITY);
  });

  it('holds a level from its mark to the next one, across measures', () => {
    const loud = velocityAt(part([{ dynamics: [{ offset: at(0), value: 'p' }, { offset: at(2), value: 'f' }] }, {}, { dynamics: [{ offset: at(1), value: 'pp' }] }]));
    expect([loud(0), loud(1.5), loud(2), loud(7), loud(8.5), loud(9)]).toEqual([49, 49, 96, 96, 96, 33]);
  });

  it('accents only the notes a sforzando stands on', () => {
    const loud = velocityAt(part([{ dynamics: [{ offset: at(0), value: 'p' }, { offset: at(1), value: 'sf' }] }]));
    expect([loud(0), loud(1), loud(2)]).toEqual([49, 112, 49]);
  });

  it('moves evenly through a crescendo to the level marked where it stops', () => {
    const loud = velocityAt(part([
      { dynamics: [{ offset: at(0), value: 'p' }], hairpins: [{ offset: at(0), value: { type: 'crescendo' } }] },
      { dynamics: [{ offset: at(0), value: 'f' }], hairpins: [{ offset: at(0), value: { type: 'stop' } }] },
    ]));
    expect([loud(0), loud(2), loud(4)]).toEqual([49, Math.round((49 + 96) / 2), 96]);
  });

  it('takes a diminuendo one step down when nothing is marked at its end', () => {
    const loud = velocityAt(part([{ dynamics: [{ offset: at(0), value: 'mf' }], hairpins: [{ offset: at(0), value: { type: 'diminuendo' } }, { offset: at(4), value: { type: 'stop' } }] }, {}]));
    expect(loud(2)).toBe(72);
    expect(loud(4)).toBe(80);
  });
});
