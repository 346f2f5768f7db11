/** The server's read options: Node's zlib unpacks an .mxl to the same score as the pure reader, within the declared size. */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../src/core/errors.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { readScore } from '../../src/formats/read-score.js';
import { NATIVE_READ_OPTIONS } from '../../src/server/native-inflate.js';
import { TEST_SCORES } from '../support/corpus.js';

describe('NATIVE_READ_OPTIONS', () => {
  it('reads a chorale to the same score as the pure fflate default', () => {
    const bytes = readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`);
    expect(readScore(bytes, 'mxl', NATIVE_READ_OPTIONS)).toEqual(readScore(bytes, 'mxl'));
  });

  it('refuses an archive whose score inflates beyond its declared size', () => {
    const archive = zipSync({ 'score.xml': new Uint8Array(100_000) }, { level: 9 });
    // the central directory's unpacked size (offset 24 of its entry) claims 1,000 bytes
    const view = new DataView(archive.buffer);
    let central = archive.length - 4;
    while (view.getUint32(central, true) !== 0x02014b50) central--;
    view.setUint32(central + 24, 1000, true);
    try {
      readMusicXml(archive, NATIVE_READ_OPTIONS);
      expect.unreachable('a lying archive must not read');
    } catch (error) {
      expect(isCadenzaError(error) && error.code).toBe('PARSE_FAILED');
    }
  });
});
