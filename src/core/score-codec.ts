/**
 * The stored form of a score, so stores keep bytes (cheap to move between threads, processes and
 * machines) and a newer Cadenza reads what an older one wrote:
 *   version 1: UTF-8 JSON {"v":1,"score":…} (the first form; still read)
 *   version 2: the bytes "CZ", 2, then version 1's JSON compressed with DEFLATE (a chorale: 31 KB → 3 KB)
 *   version 3: the bytes "CZ", 3, then the same JSON compressed in chunks (score-chunks.ts), each as a 4-byte
 *              big-endian length and its DEFLATE bytes, so that encoding an edited version recompresses only
 *              the measures the edit changed
 * Fields the model gains are optional (a note's `unpitched`), so scores stored before them decode unchanged.
 */
import { inflateSync } from 'fflate';
import { CadenzaError } from './errors.js';
import { chunkedBody, FFLATE_DEFLATE, inflateChunks, parseChunks, type DeflateRaw, type MeasureRuns } from './score-chunks.js';
import type { Score } from './score.js';

export type { DeflateRaw } from './score-chunks.js';

export interface EncodeOptions {
  /** the DEFLATE step; fflate's when not given (a Node host passes zlib's: server/native-zlib.ts) */
  readonly deflateRaw?: DeflateRaw;
}

export const SCORE_SCHEMA_VERSION = 3;
const WHOLE_DEFLATE = 2;

const MAGIC = [0x43, 0x5a]; // "CZ"
const OPEN_BRACE = 0x7b;

interface Envelope {
  readonly v: number;
  readonly score: Score;
}

/** encodeScore(score) → "CZ", 3, chunks of deflate({"v":1,"score":…}) */
export function encodeScore(score: Score, { deflateRaw = FFLATE_DEFLATE }: EncodeOptions = {}): Uint8Array {
  const body = chunkedBody(score, deflateRaw);
  if (body.length === 0) return encodeWhole(score, deflateRaw);
  const bytes = new Uint8Array(3 + body.reduce((sum, chunk) => sum + 4 + chunk.length, 0));
  bytes.set([...MAGIC, SCORE_SCHEMA_VERSION]);
  const view = new DataView(bytes.buffer);
  let at = 3;
  for (const chunk of body) {
    view.setUint32(at, chunk.length);
    bytes.set(chunk, at + 4);
    at += 4 + chunk.length;
  }
  return bytes;
}

/** version 2, for a score whose text the chunking cannot split (see chunkedBody) */
function encodeWhole(score: Score, deflateRaw: DeflateRaw): Uint8Array {
  const envelope: Envelope = { v: 1, score };
  const compressed = deflateRaw(new TextEncoder().encode(JSON.stringify(envelope)));
  const bytes = new Uint8Array(compressed.length + 3);
  bytes.set([...MAGIC, WHOLE_DEFLATE]);
  bytes.set(compressed, 3);
  return bytes;
}

/** decodeScore(encodeScore(score)) → a score equal to `score`; also reads version 1 */
export function decodeScore(bytes: Uint8Array): Score {
  return decodeScoreSized(bytes).score;
}

/**
 * The score and the length of its JSON: what it takes in memory once decoded is proportional to that, not to
 * the compressed bytes. With `runs`, a version 3 body is decoded run by run, reusing the runs it holds.
 */
export function decodeScoreSized(bytes: Uint8Array, runs?: MeasureRuns): { readonly score: Score; readonly jsonBytes: number } {
  if (isChunked(bytes)) {
    const parsed = parseChunks(framedChunks(bytes), runs);
    if (parsed) return { score: scoreOf(parsed.envelope), jsonBytes: parsed.jsonBytes };
  }
  const json = jsonOf(bytes);
  return { score: fromJson(json), jsonBytes: json.length };
}

function isChunked(bytes: Uint8Array): boolean {
  return bytes[0] === MAGIC[0] && bytes[1] === MAGIC[1] && bytes[2] === SCORE_SCHEMA_VERSION;
}

function jsonOf(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === OPEN_BRACE) return bytes;
  if (bytes[0] === MAGIC[0] && bytes[1] === MAGIC[1] && bytes[2] === WHOLE_DEFLATE) return inflateSync(bytes.subarray(3));
  if (isChunked(bytes)) return inflateChunks(framedChunks(bytes));
  throw new CadenzaError('INTERNAL', `A stored score has an unknown form (version ${bytes[2] ?? '?'}); this Cadenza reads versions 1 to ${SCORE_SCHEMA_VERSION}.`);
}

function framedChunks(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Uint8Array[] = [];
  for (let at = 3; at < bytes.length; ) {
    const length = at + 4 <= bytes.length ? view.getUint32(at) : Infinity;
    if (at + 4 + length > bytes.length) throw new CadenzaError('INTERNAL', 'A stored score (version 3) is cut short.');
    chunks.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return chunks;
}

function fromJson(bytes: Uint8Array): Score {
  return scoreOf(JSON.parse(new TextDecoder().decode(bytes)));
}

function scoreOf(parsed: unknown): Score {
  const envelope = parsed as Partial<Envelope>;
  if (envelope.v !== 1 || typeof envelope.score !== 'object' || envelope.score === null) {
    throw new CadenzaError('INTERNAL', `A stored score has schema version ${String(envelope.v)}; this Cadenza reads versions 1 to ${SCORE_SCHEMA_VERSION}.`);
  }
  return envelope.score;
}
