/**
 * The readers' options on a Node host: .mxl unpacked by Node's zlib, about three times faster than the
 * pure fflate default (bench/parse-and-key.mjs measures parsing with these options, as the server runs).
 */
import { inflateRawSync } from 'node:zlib';
import type { ReadOptions } from '../formats/read-score.js';

/** like the pure default, never more than the declared size: a lying archive fails instead of growing */
const inflateRawNative = (compressed: Uint8Array, unpackedSize: number): Uint8Array =>
  inflateRawSync(compressed, { maxOutputLength: Math.max(1, unpackedSize), chunkSize: Math.max(64, unpackedSize) });

export const NATIVE_READ_OPTIONS: ReadOptions = { inflateRaw: inflateRawNative };
