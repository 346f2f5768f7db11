/** Roman numerals, local keys and cadences written into MusicXML 4.0: the <numeral> encoding, and the XSD. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { harmonyWithCadences } from '../../../src/analysis/harmony-with-cadences.js';
import { rational } from '../../../src/core/rational.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { analysisMarks, numeralHarmony } from '../../../src/formats/musicxml/numerals.js';
import { writeMusicXml } from '../../../src/formats/musicxml/write.js';
import { TEST_SCORES } from '../../support/corpus.js';

const SCHEMA = fileURLToPath(new URL('../../fixtures/musicxml-4.0/', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'cadenza-numerals-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const harmony = (key: string, figure: string, root: string, quality: string) => ({ offset: rational(0), measureIndex: 0, key, figure, root, quality });

describe('roman numerals as MusicXML <numeral>', () => {
  it('writes the degree, kind, inversion and key of a numeral', () => {
    expect(numeralHarmony(harmony('G major', 'V65', 'D', 'dominant seventh'))).toBe(
      '<harmony placement="below"><numeral><numeral-root text="V65">5</numeral-root><numeral-key print-object="no"><numeral-fifths>1</numeral-fifths><numeral-mode>major</numeral-mode></numeral-key></numeral><kind text="">dominant</kind><inversion>1</inversion></harmony>',
    );
  });

  it('alters a degree against the natural minor scale: the leading-tone chord of A minor is a raised 7', () => {
    const written = numeralHarmony(harmony('A minor', 'viio7', 'G#', 'diminished seventh'))!;
    expect(written).toContain('<numeral-root text="viio7">7</numeral-root><numeral-alter>1</numeral-alter>');
    expect(written).toContain('<numeral-fifths>0</numeral-fifths><numeral-mode>minor</numeral-mode>');
    expect(written).toContain('<kind text="">diminished-seventh</kind>');
  });

  it('stacks an applied chord as MusicXML shows "V of II": V7/V in C is 5 in G major, then 5 in C major', () => {
    const written = numeralHarmony(harmony('C major', 'V7/V', 'D', 'dominant seventh'))!;
    expect(written).toMatch(/^<harmony placement="below"><numeral><numeral-root text="V7">5<\/numeral-root><numeral-key print-object="no"><numeral-fifths>1<\/numeral-fifths><numeral-mode>major<\/numeral-mode><\/numeral-key><\/numeral><kind text="">dominant<\/kind>/);
    expect(written).toMatch(/<numeral><numeral-root text="V">5<\/numeral-root><numeral-key print-object="no"><numeral-fifths>0<\/numeral-fifths><numeral-mode>major<\/numeral-mode><\/numeral-key><\/numeral><kind text="">major<\/kind><\/harmony>$/);
    expect(numeralHarmony(harmony('F major', 'V7/vi', 'A', 'dominant seventh'))).toContain('<numeral-root text="V7">5</numeral-root><numeral-key print-object="no"><numeral-fifths>-1</numeral-fifths><numeral-mode>minor</numeral-mode>');
  });

  it('puts numerals, key names and cadences under the lowest part, and the file validates against the MusicXML 4.0 XSD', () => {
    const files = ['bach/bwv269.mxl', 'bach/bwv66.6.mxl', 'beethoven/opus18no1/movement2.mxl', 'mozart/k156/movement1.mxl'].map((path) => {
      const score = readMusicXml(readFileSync(`${TEST_SCORES}${path}`)).score;
      const analysis = harmonyWithCadences(score);
      const xml = writeMusicXml(score, { annotations: analysisMarks(score, analysis) });
      const lowest = xml.slice(xml.lastIndexOf('<part id='));
      expect(lowest.match(/<numeral>/g)?.length, path).toBeGreaterThanOrEqual(analysis.harmonies.length);
      expect(xml.indexOf('<numeral>'), path).toBeGreaterThan(xml.lastIndexOf('<part id='));
      expect(lowest.match(/<words>[^<]*(PAC|IAC|HC|plagal|deceptive)/g)?.length, path).toBe(analysis.cadences.length);
      // the notes come back as they were
      expect(readMusicXml(new TextEncoder().encode(xml)).score.parts.map((part) => part.measures.length), path).toEqual(score.parts.map((part) => part.measures.length));
      const file = join(folder, `${path.replace(/\W+/g, '_')}.musicxml`);
      writeFileSync(file, xml);
      return file;
    });
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(SCHEMA, 'musicxml.xsd'), ...files], { encoding: 'utf8', env: { ...process.env, XML_CATALOG_FILES: join(SCHEMA, 'catalog.xml') } });
    if (run.error) throw run.error;
    expect(files.filter((file) => !run.stderr.includes(`${file} validates`)), run.stderr.slice(0, 2000)).toEqual([]);
  }, 60_000);
});
