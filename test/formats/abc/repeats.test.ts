import { parseMidi } from 'midi-file';
import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { formatRational } from '../../../src/core/rational.js';
import type { Measure, Score } from '../../../src/core/score.js';
import { playOrder, unfoldRepeats } from '../../../src/core/unfold.js';
import { endingNumbers, parseBar } from '../../../src/formats/abc/bars.js';
import { readAbc } from '../../../src/formats/abc/read.js';
import { writeMidi } from '../../../src/formats/midi/write.js';

/** a 2/4 tune of quarter notes, one line of music */
function tune(music: string): Score {
  return readAbc(`X:1\nM:2/4\nL:1/4\nK:C\n${music}`).score;
}

/** each measure's barlines and marks, short: "F" forward, "B" backward, "[1" ending start, "1]" stop, "1)" open end, styles */
function marks(measures: readonly Measure[]): string[] {
  return measures.map((measure) => {
    const signs = (measure.barlines ?? []).flatMap((barline) => [
      ...(barline.repeat === 'forward' ? ['F'] : []),
      ...(barline.ending?.type === 'start' ? [`[${barline.ending.numbers.join(',')}`] : []),
      ...(barline.repeat === 'backward' ? ['B'] : []),
      ...(barline.ending && barline.ending.type !== 'start' ? [`${barline.ending.numbers.join(',')}${barline.ending.type === 'stop' ? ']' : ')'}`] : []),
      ...(!barline.repeat && barline.style ? [barline.style] : []),
    ]);
    const navigation = (measure.navigation ?? []).map((mark) => `${mark.kind}@${formatRational(mark.offset)}`);
    return [...signs, ...navigation].join(' ');
  });
}

function order(score: Score): number[] {
  return playOrder(score.parts[0]!.measures);
}

/** the notes a MIDI file of the score sounds, repeats played out */
function midiNotes(score: Score): number {
  return parseMidi(writeMidi(score)).tracks.flat().filter((event) => event.type === 'noteOn' && event.velocity > 0).length;
}

describe('readAbc reads repeats and endings', () => {
  it('puts a forward repeat on the measure it opens and a backward repeat on the measure it closes', () => {
    const score = tune('CD|:EF|GA:|Bc|]');
    expect(marks(score.parts[0]!.measures)).toEqual(['', 'F', 'B', 'light-heavy']);
    expect(score.parts[0]!.measures[1]!.barlines).toEqual([{ location: 'left', style: 'heavy-light', repeat: 'forward' }]);
    expect(score.parts[0]!.measures[2]!.barlines).toEqual([{ location: 'right', style: 'light-heavy', repeat: 'backward' }]);
    expect(order(score)).toEqual([0, 1, 2, 1, 2, 3]);
  });

  it('repeats from the start when no |: is written, and from the last repeat after one', () => {
    const score = tune('CD|EF:|GA|Bc:|');
    expect(marks(score.parts[0]!.measures)).toEqual(['', 'B', '', 'B']);
    expect(order(score)).toEqual([0, 1, 0, 1, 2, 3, 2, 3]);
  });

  it('reads :: and :|: as the end of one repeat and the start of the next', () => {
    for (const sign of ['::', ':|:', ':||:']) {
      const score = tune(`|:CD${sign}EF:|`);
      expect(marks(score.parts[0]!.measures)).toEqual(['F B', 'F B']);
      expect(order(score)).toEqual([0, 0, 1, 1]);
    }
  });

  it('reads first and second endings written |1 :|2, [1 :|[2 and with a space, "| [2"', () => {
    for (const music of ['|:CD|1EF:|2GA|]', '|:CD|[1EF:|[2GA|]', '|:CD| [1 EF:| [2 GA|]', '|:CD|1EF:|\n[2GA|]']) {
      const score = tune(music);
      expect({ music, marks: marks(score.parts[0]!.measures) }).toEqual({ music, marks: ['F', '[1 B 1]', '[2 2] light-heavy'] });
      expect(order(score)).toEqual([0, 1, 0, 2]);
    }
  });

  it('lets an ending run over several measures until its repeat sign, and the last one until a double bar', () => {
    const score = tune('|:CD|1EF|GA:|2Bc|cB||AG|]');
    expect(marks(score.parts[0]!.measures)).toEqual(['F', '[1', 'B 1]', '[2', '2] light-light', 'light-heavy']);
    expect(order(score)).toEqual([0, 1, 2, 0, 3, 4, 5]);
  });

  it('leaves an ending open where the next one starts after a plain bar, or where the music ends', () => {
    expect(marks(tune('|:CD|1EF|2GA').parts[0]!.measures)).toEqual(['F', '[1 1)', '[2 2)']);
    expect(marks(tune('|:CD|1EF:|2GA|Bc|').parts[0]!.measures)).toEqual(['F', '[1 B 1]', '[2', '2)']);
  });

  it('stops an ending where a new repeat starts', () => {
    const score = tune('|:CD|1EF:|2GA|:Bc|cB:|');
    expect(marks(score.parts[0]!.measures)).toEqual(['F', '[1 B 1]', '[2 2]', 'F', 'B']);
    expect(order(score)).toEqual([0, 1, 0, 2, 3, 4, 3, 4]);
  });

  it('plays a section three times when it has three endings (ABC 2.1 §4.10 variant endings)', () => {
    const score = tune('|:CD|1EF:|2GA:|3Bc|]');
    expect(marks(score.parts[0]!.measures)).toEqual(['F', '[1 B 1]', '[2 B 2]', '[3 3] light-heavy']);
    expect(order(score)).toEqual([0, 1, 0, 2, 0, 3]);
    expect(midiNotes(score)).toBe(12);
  });

  it('reads ending lists and ranges: [1,3 and [1-3', () => {
    expect(endingNumbers('1,3')).toEqual([1, 3]);
    expect(endingNumbers('1-3')).toEqual([1, 2, 3]);
    expect(endingNumbers('1-2,4')).toEqual([1, 2, 4]);
    expect(marks(tune('|:CD|[1,3 EF:|[2 GA:|[4 Bc|]').parts[0]!.measures)).toEqual(['F', '[1,3 B 1,3]', '[2 B 2]', '[4 4] light-heavy']);
  });

  it('reads the styles of double, final and thick-thin bars', () => {
    expect(parseBar('||')).toEqual({ backward: false, forward: false, style: 'light-light' });
    expect(parseBar('|]')).toEqual({ backward: false, forward: false, style: 'light-heavy' });
    expect(parseBar('[|')).toEqual({ backward: false, forward: false, style: 'heavy-light' });
    expect(parseBar(':|[2', '2')).toEqual({ backward: true, forward: false, ending: [2] });
    expect(parseBar('||:')).toEqual({ backward: false, forward: true, style: 'light-light' });
    expect(parseBar('[|:')).toEqual({ backward: false, forward: true });
    expect(marks(tune('CD||EF[|GA|]').parts[0]!.measures)).toEqual(['light-light', 'heavy-light', 'light-heavy']);
  });

  it('starts an ending written inside a measure with that measure (ABC has no partial measures to give it)', () => {
    expect(marks(tune('|:C[1D:|[2E|]').parts[0]!.measures)).toEqual(['F [1 B 1]', '[2 2] light-heavy']);
  });

  it('keeps the notes: repeat signs add no measures and take no notes away', () => {
    const plain = tune('CD|EF|GA|Bc|]');
    const repeated = tune('|:CD|1EF:|2GA|Bc|]');
    expect(repeated.parts[0]!.measures.map((measure) => measure.voices[0]!.events.length)).toEqual(plain.parts[0]!.measures.map((measure) => measure.voices[0]!.events.length));
    expect(heardNotes(repeated.parts[0]!)).toHaveLength(8);
    expect(midiNotes(repeated)).toBe(10);
  });

  it('reads the repeats of every voice of a multi-voice tune into its own part', () => {
    const { score } = readAbc('X:1\nM:2/4\nL:1/4\nK:C\nV:1\n|:CD|1EF:|2GA|]\nV:2\n|:C,D,|1E,F,:|2G,A,|]\n');
    expect(score.parts.map((part) => marks(part.measures))).toEqual([['F', '[1 B 1]', '[2 2] light-heavy'], ['F', '[1 B 1]', '[2 2] light-heavy']]);
    expect(unfoldRepeats(score).parts.map((part) => part.measures.length)).toEqual([4, 4]);
    expect(midiNotes(score)).toBe(16);
  });
});

describe('readAbc reads navigation decorations', () => {
  it('reads D.C. al Fine and plays back to the start, stopping at the Fine', () => {
    const score = tune('CD|E!fine!F|]GA|Bc!D.C.!|]');
    expect(marks(score.parts[0]!.measures)).toEqual(['', 'light-heavy fine@1', '', 'light-heavy daCapo@2']);
    expect(order(score)).toEqual([0, 1, 2, 3, 0, 1]);
    expect(midiNotes(score)).toBe(12);
  });

  it('reads D.S. al Coda: the segno, the To Coda (!dacoda!), the D.S. and the coda, and S and O as segno and coda', () => {
    for (const music of ['CD|!segno!EF|G!dacoda!A|Bc!D.S.alcoda!||!coda!cB|]', 'CD|SEF|G!dacoda!A|Bc!D.S.!||OcB|]']) {
      const score = tune(music);
      expect(marks(score.parts[0]!.measures)).toEqual(['', 'segno@0', 'toCoda@1', 'light-light dalSegno@2', 'light-heavy coda@0']);
      expect(order(score)).toEqual([0, 1, 2, 3, 1, 2, 4]);
      expect(midiNotes(score)).toBe(14);
    }
  });

  it('reads every spelling of the jumps: !D.C.! !dacapo! !D.C.alfine! !D.S.! !dalsegno! !D.S.alfine! and +…+', () => {
    const kinds = ['!D.C.!', '!dacapo!', '!D.C.alfine!', '!D.C.alcoda!', '+D.C.+', '!D.S.!', '!dalsegno!', '!D.S.alfine!', '!tocoda!', '!coda!', '+fine+'].map((decoration) => tune(`C${decoration}D|`).parts[0]!.measures[0]!.navigation?.map((mark) => mark.kind));
    expect(kinds).toEqual([['daCapo'], ['daCapo'], ['daCapo'], ['daCapo'], ['daCapo'], ['dalSegno'], ['dalSegno'], ['dalSegno'], ['toCoda'], ['coda'], ['fine']]);
    expect(tune('C!trill!D!fermata!|').parts[0]!.measures[0]!.navigation).toBeUndefined();
  });

  it('gives a mark written after the last bar line to the last measure', () => {
    expect(marks(tune('CD|EF|] !D.C.!').parts[0]!.measures)).toEqual(['', 'light-heavy daCapo@2']);
  });

  it('gathers the marks of all voices of a part once each', () => {
    const { score } = readAbc('X:1\nM:2/4\nL:1/4\nK:C\n%%score (1 2)\nV:1\nCD|EF!D.C.!|]\nV:2\nC,D,!fine!|E,F,!D.C.!|]\n');
    expect(marks(score.parts[0]!.measures)).toEqual(['fine@2', 'light-heavy daCapo@2']);
  });
});
