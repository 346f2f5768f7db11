import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { pitchName } from '../../../src/core/pitch.js';
import { formatRational, rational } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { playOrder, unfoldRepeats } from '../../../src/core/unfold.js';
import { readAbc } from '../../../src/formats/abc/read.js';
import { writeAbc } from '../../../src/formats/abc/write.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../../support/corpus.js';

/** what repeats and jumps depend on, and the notes: per part, each measure's barlines and marks, then the heard notes */
function fingerprint(score: Score): unknown {
  return score.parts.map((part) => ({
    barlines: part.measures.map((measure) => JSON.stringify(measure.barlines ?? [])),
    navigation: part.measures.map((measure) => (measure.navigation ?? []).map((mark) => `${mark.kind}@${formatRational(mark.offset)}`).join(' ')),
    notes: heardNotes(part).map((note) => `${formatRational(note.start)}:${pitchName(note.pitch)}`).join(' '),
  }));
}

function roundTrip(score: Score): Score {
  return readAbc(writeAbc(score)).score;
}

function corpusTunes(): { name: string; score: Score }[] {
  const tunes: { name: string; score: Score }[] = [];
  for (const folder of ['oneills1850', 'ryansMammoth']) {
    for (const file of readdirSync(`${TEST_SCORES}${folder}`).filter((name) => name.endsWith('.abc')).sort()) {
      const text = readFileSync(`${TEST_SCORES}${folder}/${file}`, 'utf8');
      const count = text.match(/^X:/gm)?.length ?? 0;
      for (let tune = 0; tune < count; tune++) tunes.push({ name: `${folder}/${file}#${tune}`, score: readAbc(text, { tune }).score });
    }
  }
  return tunes;
}

describe('writeAbc keeps repeats, endings and navigation marks', () => {
  it.each([
    ['repeats and two endings', '|:CD|1EF|GA:|2Bc|cB||AG|]'],
    ['a double repeat and a later section', 'CD::EF|[1 GA:|[2 Bc|:cB|AG:|'],
    ['three endings, and a list', '|:CD|[1,3 EF:|[2 GA:|[4 Bc|]'],
    ['D.C. al Fine', 'CD|E!fine!F|]GA|Bc!D.C.!|]'],
    ['D.S. al Coda', 'CD|!segno!EF|G!dacoda!A|Bc!D.S.!||!coda!cB|]'],
    ['a mark over a whole-bar rest', 'CD|Z!D.C.!|'],
    ['thick-thin and double bars', 'CD[|EF||GA|]'],
  ])('%s', (_, music) => {
    const score = readAbc(`X:1\nM:2/4\nL:1/4\nK:C\n${music}`).score;
    expect(fingerprint(roundTrip(score))).toEqual(fingerprint(score));
  });

  it('writes the marks as ABC decorations, in the first voice of a part only', () => {
    const score = readAbc('X:1\nM:2/4\nL:1/4\nK:C\n%%score (1 2)\nV:1\n!segno!CD|EF!D.S.!|]\nV:2\nC,D,|E,F,|]\n').score;
    const text = writeAbc(score);
    expect(text).toContain('[V:1] !segno!C D| E F !D.S.!|]\n[V:2] C, D,| E, F,|]');
    expect(fingerprint(readAbc(text).score)).toEqual(fingerprint(score));
  });

  it('writes a navigation mark the model has at the offset it has', () => {
    const score = readAbc('X:1\nM:2/4\nL:1/4\nK:C\nCD|EF|').score;
    const part = score.parts[0]!;
    const marked: Score = { ...score, parts: [{ ...part, measures: [part.measures[0]!, { ...part.measures[1]!, navigation: [{ kind: 'fine', offset: rational(1) }, { kind: 'daCapo', offset: rational(2) }] }] }] };
    expect(writeAbc(marked).trim().split('\n').pop()).toBe('C D| E !fine!F !D.C.!|');
  });
});

describe('the corpus tunes with repeats', () => {
  const tunes = corpusTunes();

  it('come back from writeAbc with the same barlines, marks and notes, every tune of every tune book', () => {
    expect(tunes).toHaveLength(40);
    for (const { name, score } of tunes) expect({ name, back: fingerprint(roundTrip(score)) }).toEqual({ name, back: fingerprint(score) });
  });

  it('are most of them, and a few unfold to the measure counts counted by hand', () => {
    const repeated = tunes.filter(({ score }) => score.parts[0]!.measures.some((measure) => measure.barlines?.some((barline) => barline.repeat)));
    const withEndings = tunes.filter(({ score }) => score.parts[0]!.measures.some((measure) => measure.barlines?.some((barline) => barline.ending)));
    // counted with grep: all but The Limerick Tinker (O'Neill's 973), Luckie Bawdins and Miss Johnson's have repeat signs
    expect([repeated.length, withEndings.length]).toEqual([37, 9]);
    const unfolded = (name: string) => {
      const { score } = tunes.find((entry) => entry.name === name)!;
      return [score.parts[0]!.measures.length, unfoldRepeats(score).parts[0]!.measures.length];
    };
    // O'Neill's 951: a pickup and two eight-bar strains, each ending ":|" (the first repeats from the start)
    expect(unfolded('oneills1850/0951-0981.abc#0')).toEqual([17, 34]);
    // Belle of Claremont: 8 bars ":|", then "|:" 8 bars ":|"
    expect(unfolded('ryansMammoth/BelleOfClaremontHornpipe.abc#0')).toEqual([16, 32]);
    // Velocipede: a pickup, "|:" 7 bars "|1" 1 ":|2" 1 "|]", a pickup bar, "|:" 7 bars "|1" 1 ":|2" 1
    expect(unfolded('ryansMammoth/VelocipedeHornpipe.abc#0')).toEqual([20, 34]);
  });
});

describe('the MusicXML corpus scores with repeats, endings or navigation marks', () => {
  it('are played in the same measure order after MusicXML → ABC → readAbc', () => {
    let marked = 0;
    for (const folder of ['bach', 'beethoven', 'demos', 'monteverdi', 'mozart', 'schumann_robert', 'theoryExercises', 'trecento']) {
      for (const name of (readdirSync(`${TEST_SCORES}${folder}`, { recursive: true }) as string[]).filter((file) => /\.(mxl|xml|musicxml)$/.test(file)).sort()) {
        const score = readMusicXml(readFileSync(`${TEST_SCORES}${folder}/${name}`)).score;
        const measures = score.parts[0]!.measures;
        if (!measures.some((measure) => measure.navigation || measure.barlines?.some((barline) => barline.repeat || barline.ending))) continue;
        marked++;
        expect({ name, order: playOrder(roundTrip(score).parts[0]!.measures) }).toEqual({ name, order: playOrder(measures) });
      }
    }
    expect(marked).toBe(33);
  });
});
