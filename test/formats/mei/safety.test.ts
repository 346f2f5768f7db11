/** Hostile and broken MEI: every failure is a CadenzaError with a code and a clear message (speed: bench/pathological-inputs.mjs). */
import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../../src/core/errors.js';
import { readMei } from '../../../src/formats/mei/read.js';
import { writeMei } from '../../../src/formats/mei/write.js';
import { readCorpusScore } from './sequences.js';

function failure(input: Uint8Array | string, options?: Parameters<typeof readMei>[1]): { code: string; message: string } {
  try {
    readMei(input, options);
  } catch (error) {
    if (isCadenzaError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the import to fail');
}

const scoreDef = '<scoreDef><staffGrp><staffDef n="1" lines="5"/></staffGrp></scoreDef>';
const minimal = (layer: string) => `<mei><music><body><mdiv><score>${scoreDef}<section><measure n="1"><staff n="1"><layer n="1">${layer}</layer></staff></measure></section></score></mdiv></body></music></mei>`;

describe('readMei on hostile input', () => {
  it('refuses an entity-expansion bomb and external entities without expanding or fetching anything', () => {
    const lol = Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE mei [<!ENTITY lol0 "lol">${lol}]>${minimal('<note pname="c" oct="4" dur="4">&lol9;</note>')}`;
    expect(failure(bomb)).toMatchObject({ code: 'UNSAFE_INPUT', message: expect.stringMatching(/entities/) });
    const xxe = `<!DOCTYPE mei [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${minimal('&xxe;')}`;
    expect(failure(xxe).code).toBe('UNSAFE_INPUT');
    expect(failure(minimal('<note pname="c" oct="4" dur="4">&undeclared;</note>')).code).toBe('PARSE_FAILED');
  });

  it('gives PARSE_FAILED for truncated MEI, naming where', () => {
    const text = writeMei(readCorpusScore('bach/bwv66.6.mxl'));
    const { code, message } = failure(text.slice(0, Math.floor(text.length * 0.6)));
    expect(code).toBe('PARSE_FAILED');
    expect(message).toMatch(/^Malformed XML at line \d+ inside <\w+>/);
    const atMeasure = text.slice(0, text.indexOf('</measure>', text.length / 2) + '</measure>'.length);
    expect(failure(atMeasure)).toMatchObject({ code: 'PARSE_FAILED', message: expect.stringMatching(/end of input inside <section>/) });
  });

  it('refuses XML that is not score-based MEI, saying what it expected', () => {
    expect(failure('<score-partwise version="4.0"><part-list/></score-partwise>')).toMatchObject({
      code: 'PARSE_FAILED',
      message: 'This XML is not an MEI document: its root element is <score-partwise>, not <mei>.',
    });
    expect(failure('<mei><meiHead/></mei>').message).toMatch(/no <music><body>/);
    expect(failure('<mei><music><body><mdiv><parts/></mdiv></body></music></mei>').message).toMatch(/no <mdiv> with a <score>/);
    expect(failure('<mei><music><body><mdiv><score><section/></score></mdiv></body></music></mei>').message).toMatch(/no <scoreDef>/);
    expect(failure('<mei><music><body><mdiv><score><scoreDef/></score></mdiv></body></music></mei>').message).toMatch(/declares no <staffDef>/);
    expect(failure('not xml at all').code).toBe('PARSE_FAILED');
  });

  it('bounds size, nesting and the exactness of time', () => {
    expect(failure(minimal(''), { maxCharacters: 100 }).code).toBe('LIMIT_EXCEEDED');
    expect(failure(minimal('<beam>'.repeat(300) + '</beam>'.repeat(300))).code).toBe('LIMIT_EXCEEDED');
    const nested = '<tuplet num="997" numbase="991">'.repeat(12) + '<note pname="c" oct="4" dur="4"/>' + '</tuplet>'.repeat(12);
    expect(failure(minimal(nested))).toMatchObject({ code: 'PARSE_FAILED', message: expect.stringMatching(/cannot be kept exactly/) });
  });

  it('reads a long score: 40,000 chords with ids and ties, and many undeclared-staff warnings capped', () => {
    const chord = (id: number) => `<chord dur="16" xml:id="c${id}"><note pname="c" oct="4" xml:id="n${id}" tie="${id % 2 ? 't' : 'i'}"/></chord>`;
    const bar = (n: number) => `<measure n="${n}"><staff n="1"><layer n="1">${Array.from({ length: 16 }, (_, i) => chord(n * 16 + i)).join('')}</layer></staff><staff n="${n + 2}"/></measure>`;
    const text = `<mei><music><body><mdiv><score><scoreDef meter.count="4" meter.unit="4"><staffGrp><staffDef n="1" lines="5"/></staffGrp></scoreDef><section>${Array.from({ length: 2500 }, (_, n) => bar(n)).join('')}</section></score></mdiv></body></music></mei>`;
    const { score, diagnostics } = readMei(text);
    expect(score.parts[0]!.measures).toHaveLength(2500);
    expect(diagnostics.length).toBeLessThanOrEqual(500);
  });

  it('survives random damage to a real score: it reads or refuses with a coded error', () => {
    const text = writeMei(readCorpusScore('bach/bwv66.6.mxl'));
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    let refused = 0;
    for (let round = 0; round < 2000; round++) {
      const chars = [...text];
      for (let hit = 0; hit < 1 + random(5); hit++) chars[random(chars.length)] = '<>/"=&# a1'[random(10)]!;
      try {
        readMei(chars.join(''));
      } catch (error) {
        expect(isCadenzaError(error), String(error)).toBe(true);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
