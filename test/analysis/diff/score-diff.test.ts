import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffScores } from '../../../src/analysis/diff/score-diff.js';
import { pitch } from '../../../src/core/pitch.js';
import { rational } from '../../../src/core/rational.js';
import type { Event, Measure, Part, Score } from '../../../src/core/score.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../../support/corpus.js';

const chorale = readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`)).score;

/** the score with one part's measure (by position) rewritten */
function withMeasure(score: Score, partIndex: number, measureIndex: number, change: (measure: Measure) => Measure): Score {
  const parts = score.parts.map((part, index) => (index !== partIndex ? part : { ...part, measures: part.measures.map((measure, at) => (at === measureIndex ? change(measure) : measure)) }));
  return { ...score, parts };
}

function withEvents(measure: Measure, change: (events: readonly Event[]) => Event[]): Measure {
  return { ...measure, voices: measure.voices.map((voice, index) => (index === 0 ? { ...voice, events: change(voice.events) } : voice)) };
}

function everyPart(score: Score, change: (part: Part) => Part): Score {
  return { ...score, parts: score.parts.map(change) };
}

describe('diffScores', () => {
  it('finds nothing between a score and itself', () => {
    const diff = diffScores(chorale, chorale);
    expect(diff.identical).toBe(true);
    expect(diff.changes).toEqual([]);
  });

  it('names a changed pitch by part, printed measure, beat and voice, with the notes before and after', () => {
    // the alto's second note of measure 2 (E4 → F#4)
    const after = withMeasure(chorale, 1, 2, (measure) => withEvents(measure, (events) => events.map((event, index) => (index === 1 && event.kind === 'note' ? { ...event, pitch: pitch('F', 1, 4) } : event))));
    const { changes, counts } = diffScores(chorale, after);
    expect(changes).toEqual([{ kind: 'note changed', part: 'Alto', partId: 'P2', measure: '2', beat: 1.5, voice: '1', aspects: ['pitch'], before: 'A4:e', after: 'F#4:e' }]);
    expect(counts.pitch).toBe(1);
  });

  it('reports a note split in two as a rhythm change and an added note', () => {
    const after = withMeasure(chorale, 0, 1, (measure) =>
      withEvents(measure, ([first, ...rest]) => [{ ...first!, duration: rational(1, 2), noteType: 'eighth' }, { ...first!, offset: rational(1, 2), duration: rational(1, 2), noteType: 'eighth' }, ...rest]),
    );
    const { changes } = diffScores(chorale, after);
    expect(changes.map((change) => [change.kind, change.aspects, change.beat, change.before, change.after])).toEqual([
      ['note changed', ['rhythm'], 1, 'A4:q', 'A4:e'],
      ['note added', undefined, 1.5, undefined, 'A4:e'],
    ]);
  });

  it('reports a changed mark (a fermata taken away) and a changed meter', () => {
    let after = withMeasure(chorale, 0, 1, (measure) => withEvents(measure, (events) => events.map((event) => ({ ...event, fermata: false }))));
    after = withMeasure(after, 3, 4, (measure) => ({ ...measure, times: [{ offset: rational(0), value: { beats: '3', beatType: 4 } }] }));
    const { changes } = diffScores(chorale, after);
    expect(changes.map((change) => [change.kind, change.part, change.measure, change.marks])).toEqual([
      ['note changed', 'Soprano', '1', ['fermata']],
      ['measure marks', 'Bass', '4', ['times']],
    ]);
  });

  it('aligns measures by content: a bar inserted in every part is one added measure per part, and later bars are not reported', () => {
    const inserted = everyPart(chorale, (part) => ({ ...part, measures: [...part.measures.slice(0, 4), { ...part.measures[7]!, number: 'X' }, ...part.measures.slice(4)] }));
    const { changes } = diffScores(chorale, inserted);
    expect(changes.map((change) => [change.kind, change.part, change.measure])).toEqual(chorale.parts.map((part) => ['measure added', part.name, 'X']));
    const removed = diffScores(inserted, chorale).changes;
    expect(removed.map((change) => change.kind)).toEqual(['measure removed', 'measure removed', 'measure removed', 'measure removed']);
  });

  it('pairs a changed bar beside a deleted one by likeness, so the changed bar shows its one note', () => {
    // measure 3 deleted and measure 5's first soprano note changed, in the soprano only
    let after = withMeasure(chorale, 0, 5, (measure) => withEvents(measure, (events) => events.map((event, index) => (index === 0 && event.kind === 'note' ? { ...event, pitch: pitch('D', 0, 5) } : event))));
    after = { ...after, parts: after.parts.map((part, index) => (index === 0 ? { ...part, measures: part.measures.filter((_, at) => at !== 3) } : part)) };
    const { changes } = diffScores(chorale, after);
    expect(changes.map((change) => [change.kind, change.measure])).toEqual([
      ['measure removed', '3'],
      ['note changed', '5'],
    ]);
  });

  it('reports parts added and removed, pairing the others by id', () => {
    const fewer = { ...chorale, parts: chorale.parts.filter((part) => part.name !== 'Tenor') };
    expect(diffScores(chorale, fewer).changes).toEqual([{ kind: 'part removed', part: 'Tenor', partId: 'P3', notes: expect.any(Number) }]);
    expect(diffScores(fewer, chorale).changes.map((change) => change.kind)).toEqual(['part added']);
  });

  it('names notes by their ids when the score gives them', () => {
    const named = (suffix: string) => withMeasure(chorale, 0, 1, (measure) => withEvents(measure, (events) => events.map((event, index) => ({ ...event, id: `n${index}${suffix}` }) as unknown as Event)));
    const before = named('');
    const after = withMeasure(named(''), 0, 1, (measure) => withEvents(measure, (events) => events.map((event, index) => (index === 0 && event.kind === 'note' ? { ...event, pitch: pitch('B', 0, 4) } : event))));
    expect(diffScores(before, after).changes).toEqual([expect.objectContaining({ kind: 'note changed', beforeId: 'n0', afterId: 'n0' })]);
    // ids alone are no change
    expect(diffScores(chorale, named('x')).identical).toBe(true);
  });
});
