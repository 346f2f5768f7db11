/** The .mxl archive reader: entries from the central directory, stored or deflated, and clear refusals. */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CadenzaError } from '../../../src/core/errors.js';
import { decodeXmlText } from '../../../src/formats/musicxml/decode.js';
import { inflateRawPure, unpackEntry, zipEntries } from '../../../src/formats/musicxml/zip.js';
import { TEST_SCORES } from '../../support/corpus.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const encode = (value: string) => new TextEncoder().encode(value);

describe('zipEntries and unpackEntry', () => {
  it('lists a real .mxl and unpacks its score', () => {
    const bytes = readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`);
    const entries = zipEntries(bytes);
    const score = entries.find((entry) => entry.name.endsWith('.xml') && !entry.name.startsWith('META-INF'))!;
    expect(text(unpackEntry(bytes, score, inflateRawPure))).toMatch(/^<\?xml[\s\S]*<\/score-partwise>\s*$/);
  });

  it('reads stored and deflated entries alike', () => {
    const stored = zipSync({ 'a.xml': encode('<a/>') }, { level: 0 });
    const deflated = zipSync({ 'a.xml': encode('<a>'.repeat(100)) }, { level: 9 });
    expect(text(unpackEntry(stored, zipEntries(stored)[0]!, inflateRawPure))).toBe('<a/>');
    expect(text(unpackEntry(deflated, zipEntries(deflated)[0]!, inflateRawPure))).toBe('<a>'.repeat(100));
  });

  it('finds the central directory behind an archive comment', () => {
    const archive = zipSync({ 'a.xml': encode('<a/>') }, { comment: 'x'.repeat(300) } as never);
    expect(zipEntries(archive).map((entry) => entry.name)).toEqual(['a.xml']);
  });

  it('passes the declared size to the inflater it is given', () => {
    const archive = zipSync({ 'a.xml': encode('<a/>'.repeat(50)) }, { level: 6 });
    const sizes: number[] = [];
    unpackEntry(archive, zipEntries(archive)[0]!, (compressed, size) => (sizes.push(size), inflateRawPure(compressed, size)));
    expect(sizes).toEqual([200]);
  });

  it('refuses a truncated archive and an unknown compression method with PARSE_FAILED', () => {
    const archive = zipSync({ 'a.xml': encode('<a/>') }, { level: 0 });
    expect(() => zipEntries(archive.subarray(0, 20))).toThrow(CadenzaError);
    const entry = { ...zipEntries(archive)[0]!, method: 12 };
    expect(() => unpackEntry(archive, entry, inflateRawPure)).toThrow(/compression method 12/);
  });
});

describe('decodeXmlText', () => {
  it('decodes long UTF-8 with characters across its chunk boundaries exactly as one decoder would', () => {
    const sample = `<a>${'ö日本語🎵x'.repeat(2000)}\uFEFF${'é'.repeat(3001)}</a>`;
    const bytes = encode(sample);
    expect(decodeXmlText(bytes)).toBe(sample);
    expect(decodeXmlText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toBe(sample);
  });
});
