/**
 * The stored form of a score: UTF-8 JSON of the model, with a schema version, so a store keeps bytes
 * (cheap to move between threads and processes) and a newer Cadenza still reads what an older one wrote.
 */
import { CadenzaError } from './errors.js';
import type { Score } from './score.js';

export const SCORE_SCHEMA_VERSION = 1;

interface Envelope {
  readonly v: number;
  readonly score: Score;
}

/** encodeScore(score) → the bytes of {"v":1,"score":…} */
export function encodeScore(score: Score): Uint8Array {
  const envelope: Envelope = { v: SCORE_SCHEMA_VERSION, score };
  return new TextEncoder().encode(JSON.stringify(envelope));
}

/** decodeScore(encodeScore(score)) → a score equal to `score` */
export function decodeScore(bytes: Uint8Array): Score {
  const envelope = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Envelope>;
  if (envelope.v !== SCORE_SCHEMA_VERSION || typeof envelope.score !== 'object' || envelope.score === null) {
    throw new CadenzaError('INTERNAL', `Stored score has schema version ${String(envelope.v)}; this Cadenza reads version ${SCORE_SCHEMA_VERSION}.`);
  }
  return envelope.score;
}
