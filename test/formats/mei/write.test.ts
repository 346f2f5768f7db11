import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildScore } from '../../../src/core/build-score.js';
import { pitch } from '../../../src/core/pitch.js';
import { rational } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { readMei } from '../../../src/formats/mei/read.js';
import { writeMei } from '../../../src/formats/mei/write.js';
import { noteSequences, readCorpusScore } from './sequences.js';

/** a pickup, a triplet, a chord tied over the barline, and a rest, in 3/4 with one sharp */
function smallScore(): Score {
  const note = (step: 'C' | 'D' | 'E' | 'F' | 'G' | 'A' | 'B', alter: number, octave: number, start: [number, number], length: [number, number]) => ({
    pitches: [pitch(step, alter, octave)],
    start: rational(...start),
    duration: rational(...length),
  });
  return buildScore({
    title: 'Small & "quoted"',
    composer: 'Anon.',
    key: { fifths: 1, mode: 'major' },
    time: { beats: '3', beatType: 4 },
    pickup: rational(1),
    parts: [
      {
        name: 'Treble',
        clef: { sign: 'G', line: 2 },
        notes: [
          note('D', 0, 5, [0, 1], [1, 1]),
          note('G', 0, 4, [1, 1], [1, 3]),
          note('A', 0, 4, [4, 3], [1, 3]),
          note('B', -1, 4, [5, 3], [1, 3]),
          { pitches: [pitch('C', 0, 5), pitch('E', 0, 5)], start: rational(2), duration: rational(3), fermata: true },
          note('F', 1, 4, [6, 1], [1, 1]),
        ],
      },
    ],
  });
}

describe('writeMei', () => {
  it('writes MEI 5.0 with the header, the staff definition and the pickup', () => {
    const text = writeMei(smallScore());
    expect(text).toContain('<mei xmlns="http://www.music-encoding.org/ns/mei" meiversion="5.0">');
    expect(text).toContain('<title>Small &amp; &quot;quoted&quot;</title><respStmt><persName role="composer">Anon.</persName></respStmt>');
    expect(text).toMatch(/<staffDef n="1" lines="5" ppq="\d+"><label>Treble<\/label><clef shape="G" line="2"\/><keySig sig="1s" mode="major"\/><meterSig count="3" unit="4"\/><\/staffDef>/);
    expect(text).toContain('<measure n="0" metcon="false">');
  });

  it('writes beamed triplets as <tuplet><beam>, chords with per-note ties, fermatas, and accidentals the key does not give', () => {
    const text = writeMei(smallScore());
    expect(text).toContain('<tuplet num="3" numbase="2"><beam><note pname="g" oct="4" dur="8"/><note pname="a" oct="4" dur="8"/><note pname="b" oct="4" accid="f" dur="8"/></beam></tuplet>');
    expect(text).toContain('<chord dur="2"><note pname="c" oct="5" tie="i"/><note pname="e" oct="5" tie="i"/></chord>');
    expect(text).toContain('<chord dur="4" fermata="above"><note pname="c" oct="5" tie="t"/><note pname="e" oct="5" tie="t"/></chord>');
    expect(text).toContain('<note pname="f" oct="4" accid.ges="s" dur="4"/>');
    expect(text).toContain('fermata="above"');
  });

  it('reads back what it writes', () => {
    const score = smallScore();
    const back = readMei(writeMei(score));
    expect(back.diagnostics).toEqual([]);
    expect(noteSequences(back.score)).toEqual(noteSequences(score));
    expect(back.score.metadata).toMatchObject({ title: 'Small & "quoted"', composer: 'Anon.' });
    expect(back.score.parts[0]!.measures[0]).toMatchObject({ implicit: true, duration: { n: 1, d: 1 } });
  });

  it('writes overlapping events of one voice on separate layers rather than losing any', () => {
    const score = smallScore();
    const [first] = score.parts[0]!.measures;
    const overlapping = { ...first!, voices: [{ id: '1', events: [...first!.voices[0]!.events, { kind: 'note' as const, offset: rational(0), duration: rational(1, 2), pitch: pitch('B', 0, 4) }] }] };
    const changed: Score = { ...score, parts: [{ ...score.parts[0]!, measures: [overlapping, ...score.parts[0]!.measures.slice(1)] }] };
    const text = writeMei(changed);
    expect(text).toContain('<layer n="1"><note pname="d" oct="5" dur="4"/></layer><layer n="2"><note pname="b" oct="4" dur="8"/></layer>');
    expect(noteSequences(readMei(text).score)).toEqual(noteSequences(changed));
  });

  it('writes lyrics as <verse>/<syl>, a named verse with a numeric @n and its name in @label', () => {
    const score = readCorpusScore('trecento/PMFC_06-Jacopo-03b-Di_Novo.xml');
    const text = writeMei(score);
    expect(text).toContain('<verse n="1" label="part1verse1"><syl wordpos="i" con="d">no</syl></verse>');
    const lyricsOf = (value: Score) => value.parts[0]!.measures.flatMap((measure) => measure.voices[0]!.events.flatMap((event) => (event.kind === 'rest' ? [] : event.lyrics ?? [])));
    expect(lyricsOf(readMei(text).score)).toEqual(lyricsOf(score));
    expect(lyricsOf(score).length).toBeGreaterThan(50);
  });

  it('writes a piano part as a braced staff group that reads back as one part on two staves', () => {
    const score = readCorpusScore('theoryExercises/TriadExercise.mxl');
    const piano = score.parts.find((part) => part.staffCount === 2);
    expect(piano).toBeDefined();
    const text = writeMei(score);
    expect(text).toMatch(/<staffGrp symbol="brace" bar.thru="true">/);
    const back = readMei(text).score;
    expect(back.parts.map((part) => [part.name, part.staffCount])).toEqual(score.parts.map((part) => [part.name, part.staffCount]));
  });

  it('writes key changes as a <scoreDef> between measures, and volta brackets as <ending>s', () => {
    const text = writeMei(readCorpusScore('mozart/k80/movement3.mxl'));
    expect(text).toContain('<scoreDef><keySig sig="0" mode="major"/></scoreDef>');
    const bar = (n: number, extra = '') => `<measure n="${n}"${extra}><staff n="1"><layer n="1"><note pname="c" oct="4" dur="1"/></layer></staff></measure>`;
    const source = `<mei><music><body><mdiv><score><scoreDef meter.count="4" meter.unit="4"><staffGrp><staffDef n="1" lines="5"/></staffGrp></scoreDef><section>${bar(1, ' left="rptstart"')}<ending n="1">${bar(2)}${bar(3, ' right="rptend"')}</ending><ending n="2">${bar(4, ' right="end"')}</ending></section></score></mdiv></body></music></mei>`;
    const written = writeMei(readMei(source).score);
    expect(written).toContain('<measure n="1" left="rptstart">');
    expect(written).toMatch(/<ending n="1">\n<measure n="2">.*\n<measure n="3" right="rptend">.*<\/measure>\n<\/ending>\n<ending n="2">\n<measure n="4" right="end">.*\n<\/ending>/);
    expect(readMei(written).score.parts[0]!.measures.map((measure) => measure.barlines)).toEqual(readMei(source).score.parts[0]!.measures.map((measure) => measure.barlines));
  });

  it('writes well-formed XML (checked by xmllint)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cadenza-mei-'));
    try {
      const file = join(folder, 'bwv66.6.mei');
      writeFileSync(file, writeMei(readCorpusScore('bach/bwv66.6.mxl')));
      expect(() => execFileSync('xmllint', ['--noout', '--nonet', file], { stdio: 'pipe' })).not.toThrow();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
