/**
 * The codec options on a Node host: .mxl unpacked and stored scores compressed by Node's zlib rather than
 * the pure fflate defaults. Unpacking is about three times faster (bench/parse-and-key.mjs measures parsing
 * with these options, as the server runs); compressing a chorale's chunks about ten times (it was a sixth of
 * `cadenza info`'s time, bench/cli-startup.mjs). zlib's DEFLATE bytes differ from fflate's and read back the same.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DeflateRaw, EncodeOptions } from '../core/score-codec.js';
import type { ReadOptions } from '../formats/read-score.js';

/** like the pure default, never more than the declared size: a lying archive fails instead of growing */
const inflateRawNative = (compressed: Uint8Array, unpackedSize: number): Uint8Array =>
  inflateRawSync(compressed, { maxOutputLength: Math.max(1, unpackedSize), chunkSize: Math.max(64, unpackedSize) });

/** the pure default's level (6), so stored scores are as small as before */
const deflateRawNative: DeflateRaw = (bytes, dictionary) => deflateRawSync(bytes, { level: 6, ...(dictionary ? { dictionary } : {}) });

export const NATIVE_CODEC: ReadOptions & EncodeOptions = { inflateRaw: inflateRawNative, deflateRaw: deflateRawNative };
