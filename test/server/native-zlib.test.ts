/**
 * The Node host's codec options: Node's zlib unpacks an .mxl to the same score as the pure reader, within the
 * declared size, and compresses stored scores into bytes the pure decoder reads back to the same score.
 */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../src/core/errors.js';
import { decodeScore, encodeScore } from '../../src/core/score-codec.js';
import { withIds } from '../../src/core/ids.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { readScore } from '../../src/formats/read-score.js';
import { NATIVE_CODEC } from '../../src/server/native-zlib.js';
import { TEST_SCORES } from '../support/corpus.js';

describe('NATIVE_CODEC', () => {
  it('reads a chorale to the same score as the pure fflate default', () => {
    const bytes = readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`);
    expect(readScore(bytes, 'mxl', NATIVE_CODEC)).toEqual(readScore(bytes, 'mxl'));
  });

  it('stores a chorale in bytes that decode to the same score as the pure encoder\'s, and about as small', () => {
    const score = withIds(readScore(readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`), 'mxl').score);
    const native = encodeScore(score, NATIVE_CODEC);
    const pure = encodeScore(score);
    expect(decodeScore(native)).toEqual(score);
    expect(decodeScore(native)).toEqual(decodeScore(pure));
    expect(native.length).toBeLessThan(pure.length * 1.1);
  });

  it('refuses an archive whose score inflates beyond its declared size', () => {
    const archive = zipSync({ 'score.xml': new Uint8Array(100_000) }, { level: 9 });
    // the central directory's unpacked size (offset 24 of its entry) claims 1,000 bytes
    const view = new DataView(archive.buffer);
    let central = archive.length - 4;
    while (view.getUint32(central, true) !== 0x02014b50) central--;
    view.setUint32(central + 24, 1000, true);
    try {
      readMusicXml(archive, NATIVE_CODEC);
      expect.unreachable('a lying archive must not read');
    } catch (error) {
      expect(isCadenzaError(error) && error.code).toBe('PARSE_FAILED');
    }
  });
});
