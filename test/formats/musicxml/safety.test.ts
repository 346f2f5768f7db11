/** Hostile and broken input: every failure is a CadenzaError with a code and a message naming where. */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../../src/core/errors.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_SCORES } from '../../support/corpus.js';

function failure(input: Uint8Array | string, options?: Parameters<typeof readMusicXml>[1]): { code: string; message: string } {
  try {
    readMusicXml(input, options);
  } catch (error) {
    if (isCadenzaError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the import to fail');
}

const minimal = (body: string) => `<score-partwise><part-list><score-part id="P1"/></part-list><part id="P1">${body}</part></score-partwise>`;

describe('readMusicXml on hostile input', () => {
  it('refuses external entities without fetching anything', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE score-partwise [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${minimal('<measure number="1">&xxe;</measure>')}`;
    expect(failure(xxe)).toMatchObject({ code: 'UNSAFE_INPUT', message: expect.stringMatching(/entities/) });
  });

  it('refuses entity expansion bombs', () => {
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${minimal('&lol2;')}`;
    expect(failure(laughs).code).toBe('UNSAFE_INPUT');
  });

  it('names the line and element of malformed XML', () => {
    const broken = `<score-partwise>\n<part-list>\n<score-part id="P1"/>\n</part-list>\n<part id="P1"><measure number="1">\n</part></score-partwise>`;
    const { code, message } = failure(broken);
    expect(code).toBe('PARSE_FAILED');
    expect(message).toMatch(/line 6/);
    expect(message).toMatch(/<\/part> closing <measure>/);
  });

  it('refuses unknown entities, truncated documents and non-MusicXML roots', () => {
    expect(failure(minimal('<measure number="1">&nbsp;</measure>')).message).toMatch(/Unknown XML entity &nbsp;/);
    expect(failure('<score-partwise><part-list>').message).toMatch(/end of input inside <part-list>/);
    expect(failure('<html><body/></html>').message).toMatch(/not a MusicXML score.*<html>/);
    expect(failure('').code).toBe('PARSE_FAILED');
  });

  it('refuses entity names of Object.prototype instead of decoding them to its members', () => {
    for (const name of ['__proto__', 'toString', 'valueOf']) {
      const { code, message } = failure(minimal(`<measure number="1"><note><lyric><text>&${name};</text></lyric></note></measure>`));
      expect(code).toBe('PARSE_FAILED');
      expect(message).toContain(`Unknown XML entity &${name};`);
    }
  });

  it('bounds the number of elements and their depth', () => {
    expect(failure(minimal('<measure number="1"/>'.repeat(50)), { xmlLimits: { maxElements: 20, maxDepth: 100 } }).code).toBe('LIMIT_EXCEEDED');
    expect(failure(`${'<a>'.repeat(300)}${'</a>'.repeat(300)}`).code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses durations that exact time cannot hold, instead of drifting or crashing', () => {
    const measure = (divisions: number) => `<measure><attributes><divisions>${divisions}</divisions></attributes><note><rest/><duration>1</duration></note></measure>`;
    const primes = [999983, 999979, 999961, 999959];
    expect(failure(minimal(primes.map(measure).join('')))).toMatchObject({ code: 'PARSE_FAILED', message: expect.stringMatching(/cannot be kept exactly/) });
  });

  it('ignores absurd durations and divisions with a diagnostic', () => {
    const result = readMusicXml(minimal('<measure><attributes><divisions>1e300</divisions></attributes><note><rest/><duration>1e300</duration></note></measure>'));
    expect(result.diagnostics.map((diagnostic) => diagnostic.message).join(' ')).toMatch(/impossible <divisions>.*impossible duration/);
  });

  it('refuses an .mxl whose score unpacks beyond the limit (zip bomb)', () => {
    const bomb = zipSync({ 'score.xml': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(failure(bomb, { maxUnpackedBytes: 1024 * 1024 })).toMatchObject({ code: 'LIMIT_EXCEEDED', message: expect.stringMatching(/unpacks to 8388608 bytes/) });
  });

  it('reports a damaged archive as a parse failure', () => {
    const bytes = readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`).subarray(0, 2000);
    expect(failure(bytes).code).toBe('PARSE_FAILED');
  });

  it('finds the score through META-INF/container.xml', () => {
    const container = '<container><rootfiles><rootfile full-path="music/piece.musicxml" media-type="application/vnd.recordare.musicxml+xml"/></rootfiles></container>';
    const archive = zipSync({
      'META-INF/container.xml': new TextEncoder().encode(container),
      'decoy.xml': new TextEncoder().encode('<html/>'),
      'music/piece.musicxml': new TextEncoder().encode(minimal('<measure number="1"><attributes><divisions>1</divisions></attributes><note><rest/><duration>4</duration></note></measure>')),
    });
    expect(readMusicXml(archive).score.metadata.sourceFormat).toBe('mxl');
  });
});
