/**
 * The stored form of a score, so stores keep bytes (cheap to move between threads, processes and
 * machines) and a newer Cadenza reads what an older one wrote:
 *   version 1: UTF-8 JSON {"v":1,"score":…} (the first form; still read)
 *   version 2: the bytes "CZ", 2, then version 1's JSON compressed with DEFLATE (a chorale: 31 KB → 3 KB)
 * Fields the model gains are optional (a note's `unpitched`), so scores stored before them decode unchanged.
 */
import { deflateSync, inflateSync } from 'fflate';
import { CadenzaError } from './errors.js';
import type { Score } from './score.js';

export const SCORE_SCHEMA_VERSION = 2;

const MAGIC = [0x43, 0x5a]; // "CZ"
const OPEN_BRACE = 0x7b;

interface Envelope {
  readonly v: number;
  readonly score: Score;
}

/** encodeScore(score) → "CZ", 2, deflate({"v":1,"score":…}) */
export function encodeScore(score: Score): Uint8Array {
  const envelope: Envelope = { v: 1, score };
  const compressed = deflateSync(new TextEncoder().encode(JSON.stringify(envelope)), { level: 6 });
  const bytes = new Uint8Array(compressed.length + 3);
  bytes.set([...MAGIC, SCORE_SCHEMA_VERSION]);
  bytes.set(compressed, 3);
  return bytes;
}

/** decodeScore(encodeScore(score)) → a score equal to `score`; also reads version 1 */
export function decodeScore(bytes: Uint8Array): Score {
  return decodeScoreSized(bytes).score;
}

/** The score and the length of its JSON: what it takes in memory once decoded is proportional to that, not to the compressed bytes. */
export function decodeScoreSized(bytes: Uint8Array): { readonly score: Score; readonly jsonBytes: number } {
  const json = jsonOf(bytes);
  return { score: fromJson(json), jsonBytes: json.length };
}

function jsonOf(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === OPEN_BRACE) return bytes;
  if (bytes[0] === MAGIC[0] && bytes[1] === MAGIC[1] && bytes[2] === SCORE_SCHEMA_VERSION) return inflateSync(bytes.subarray(3));
  throw new CadenzaError('INTERNAL', `A stored score has an unknown form (version ${bytes[2] ?? '?'}); this Cadenza reads versions 1 and ${SCORE_SCHEMA_VERSION}.`);
}

function fromJson(bytes: Uint8Array): Score {
  const envelope = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Envelope>;
  if (envelope.v !== 1 || typeof envelope.score !== 'object' || envelope.score === null) {
    throw new CadenzaError('INTERNAL', `A stored score has schema version ${String(envelope.v)}; this Cadenza reads versions 1 and ${SCORE_SCHEMA_VERSION}.`);
  }
  return envelope.score;
}
