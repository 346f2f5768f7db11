/**
 * The stored form's version 3 body: the same JSON text as version 2, compressed in chunks — the text
 * between the parts' measure lists, and each run of MEASURES_PER_CHUNK measures of a part. An edit copies
 * only the measures it changes (edit/draft.ts), so when the next version is encoded every other run is the
 * very same objects, and its compressed chunk is taken from a cache keyed by identity instead of being
 * stringified and compressed again: a ten-note edit of a 1,000-measure score recompresses a few chunks.
 * Decoding goes the other way run by run: a host that keeps decoded runs by their compressed bytes
 * (`MeasureRuns`) decodes a new version of a score it has seen by inflating and parsing only the runs that
 * changed, and the runs it reuses are the same objects, so encoding the next edit finds them cached too.
 */
import { deflateSync, inflateSync } from 'fflate';
import type { Measure, Part, Score } from './score.js';

/** small enough that recompressing one is cheap; the dictionary lets DEFLATE find the repeats anyway */
const MEASURES_PER_CHUNK = 8;

/**
 * What measure JSON looks like, given to DEFLATE as a preset dictionary so that a small chunk compresses
 * as if it followed other measures. Stored scores of version 3 are compressed with it: never change it
 * (a different dictionary is a new version).
 */
const DICTIONARY = new TextEncoder().encode(
  '{"kind":"rest","offset":{"n":0,"d":1},"duration":{"n":4,"d":1},"measureRest":true,"hidden":true,"staff":1,"tie":"stop","dots":1,"tuplet":{"actual":3,"normal":2},' +
    '"grace":{"slash":false},"lyrics":[{"text":"","number":"1","syllabic":"single"}],"fermata":true,"articulations":["staccato"],"slurs":[{"type":"start"}],' +
    '{"kind":"chord","notes":[{"pitch":{"step":"C","alter":-1,"octave":3,"midi":48,"pitchClass":0},"id":"P1-m1-v1-e1-n1"}],"noteType":"half","id":"P4-m1-v2-e1"},' +
    '"keys":[{"offset":{"n":0,"d":1},"value":{"fifths":0,"mode":"major"}}],"times":[{"offset":{"n":0,"d":1},"value":{"beats":"4","beatType":4}}],' +
    '"clefs":[{"offset":{"n":0,"d":1},"value":{"sign":"F","line":4}}],"dynamics":[{"offset":{"n":0,"d":1},"value":"p"}],"barlines":[{"location":"right","style":"light-heavy"}],' +
    '{"number":"2","index":2,"offset":{"n":5,"d":1},"duration":{"n":4,"d":1},"voices":[{"id":"1","events":[' +
    '{"kind":"note","offset":{"n":0,"d":1},"duration":{"n":1,"d":2},"pitch":{"step":"E","alter":0,"octave":4,"midi":64,"pitchClass":4},"noteType":"eighth","id":"P2-m3-v1-e1"},' +
    '{"kind":"note","offset":{"n":1,"d":2},"duration":{"n":1,"d":2},"pitch":{"step":"A","alter":0,"octave":4,"midi":69,"pitchClass":9},"noteType":"eighth","id":"P2-m3-v1-e2"},' +
    '{"kind":"note","offset":{"n":1,"d":1},"duration":{"n":1,"d":1},"pitch":{"step":"G","alter":1,"octave":4,"midi":68,"pitchClass":8},"noteType":"quarter","id":"P2-m3-v1-e3"},' +
    '{"kind":"note","offset":{"n":2,"d":1},"duration":{"n":1,"d":1},"pitch":{"step":"B","alter":0,"octave":3,"midi":59,"pitchClass":11},"noteType":"quarter","id":"P3-m3-v1-e4"}]}],"id":"P2-m3"}',
);
/** stands in a part's `measures` while the rest of the envelope is stringified, keeping every key in its place */
const PLACEHOLDER = '\u0000measures\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

interface CachedChunk {
  readonly measures: readonly Measure[];
  readonly leadingComma: boolean;
  readonly bytes: Uint8Array;
}

/** the compressed run starting at a measure, while that measure object lives */
const chunks = new WeakMap<Measure, CachedChunk>();
const encoder = new TextEncoder();

/**
 * The raw-DEFLATE step of encoding, at level 6, with a preset dictionary when given. Any DEFLATE encoder's
 * bytes read back the same; fflate's is the pure default, and a Node host passes zlib's, several times
 * faster (fflate sets up its tables anew for each of a score's many small chunks).
 */
export type DeflateRaw = (bytes: Uint8Array, dictionary?: Uint8Array) => Uint8Array;

export const FFLATE_DEFLATE: DeflateRaw = (bytes, dictionary) => deflateSync(bytes, { level: 6, ...(dictionary ? { dictionary } : {}) });

/** chunkedBody(score) → the compressed chunks whose inflated texts, joined, are JSON.stringify({ v: 1, score }); [] when it cannot split the text */
export function chunkedBody(score: Score, deflateRaw: DeflateRaw = FFLATE_DEFLATE): Uint8Array[] {
  const compress = (text: string): Uint8Array => deflateRaw(encoder.encode(text), DICTIONARY);
  const skeleton = JSON.stringify({ v: 1, score: { ...score, parts: score.parts.map((part): Part => ({ ...part, measures: PLACEHOLDER as unknown as Measure[] })) } });
  const between = skeleton.split(PLACEHOLDER_JSON);
  // a text of the score that itself holds the placeholder cannot be split this way: the caller writes it whole
  if (between.length !== score.parts.length + 1) return [];
  const body: Uint8Array[] = [];
  score.parts.forEach((part, index) => {
    body.push(compress(`${between[index]!}[`));
    for (let from = 0; from < part.measures.length; from += MEASURES_PER_CHUNK) body.push(measureChunk(part.measures.slice(from, from + MEASURES_PER_CHUNK), from > 0, compress));
    body.push(compress(']'));
  });
  body.push(compress(between[score.parts.length]!));
  return body;
}

function measureChunk(measures: readonly Measure[], leadingComma: boolean, compress: (text: string) => Uint8Array): Uint8Array {
  const cached = chunks.get(measures[0]!);
  if (cached && cached.leadingComma === leadingComma && cached.measures.length === measures.length && cached.measures.every((measure, index) => measure === measures[index])) return cached.bytes;
  const bytes = compress(`${leadingComma ? ',' : ''}${measures.map((measure) => JSON.stringify(measure)).join(',')}`);
  chunks.set(measures[0]!, { measures, leadingComma, bytes });
  return bytes;
}

/** one run of measures as decoded, and the length of its JSON text (what it weighs in memory is proportional to that) */
export interface DecodedRun {
  readonly measures: readonly Measure[];
  readonly jsonBytes: number;
}

/**
 * Decoded runs kept by the exact compressed bytes they were decoded from, so equal bytes give the same
 * objects: content-addressed, hence right for any version of any score. The host bounds it.
 */
export interface MeasureRuns {
  get(compressed: Uint8Array): DecodedRun | undefined;
  set(compressed: Uint8Array, run: DecodedRun): void;
}

const decoder = new TextDecoder();

function inflate(chunk: Uint8Array): Uint8Array {
  return inflateSync(chunk, { dictionary: DICTIONARY });
}

/**
 * parseChunks(chunks, runs) → the envelope {"v", "score"} that the chunks' joined text parses to, each run
 * of measures parsed alone (taken from `runs` when it holds those bytes), and the text's length; undefined
 * when the chunks are not laid out as chunkedBody lays them (the caller then parses the joined text).
 */
export function parseChunks(chunkList: readonly Uint8Array[], runs?: MeasureRuns): { envelope: unknown; jsonBytes: number } | undefined {
  let skeleton = '';
  let jsonBytes = 0;
  const measureLists: Measure[][] = [];
  let at = 0;
  while (at < chunkList.length) {
    const inflated = inflate(chunkList[at++]!);
    jsonBytes += inflated.length;
    const text = decoder.decode(inflated);
    // the last chunk is the text after the last part's measures; every other envelope chunk opens a part's measure list
    if (at === chunkList.length) skeleton += text;
    else if (!text.endsWith('[')) return undefined;
    else {
      skeleton += `${text}]`;
      const part = partMeasures(chunkList, at, runs);
      if (!part) return undefined;
      measureLists.push(part.measures);
      jsonBytes += part.jsonBytes;
      at = part.next;
    }
  }
  return withMeasures(JSON.parse(skeleton) as unknown, measureLists, jsonBytes);
}

/** the measure runs of one part from chunk `at` up to its closing "]" chunk, and the chunk after that */
function partMeasures(chunkList: readonly Uint8Array[], at: number, runs: MeasureRuns | undefined): { measures: Measure[]; jsonBytes: number; next: number } | undefined {
  const measures: Measure[] = [];
  let jsonBytes = 0;
  while (at < chunkList.length) {
    const chunk = chunkList[at++]!;
    const known = runs?.get(chunk);
    if (known) {
      measures.push(...known.measures);
      jsonBytes += known.jsonBytes;
      continue;
    }
    const inflated = inflate(chunk);
    jsonBytes += inflated.length;
    const text = decoder.decode(inflated);
    if (text === ']') return { measures, jsonBytes, next: at };
    const leadingComma = text.startsWith(',');
    const run = JSON.parse(`[${leadingComma ? text.slice(1) : text}]`) as Measure[];
    if (run.length === 0) return undefined;
    // what encoding this run again would give is these very bytes
    chunks.set(run[0]!, { measures: run, leadingComma, bytes: chunk.slice() });
    runs?.set(chunk, { measures: run, jsonBytes: inflated.length });
    measures.push(...run);
  }
  return undefined;
}

/** the envelope with each part's (empty) measure list filled in, or undefined when they do not match */
function withMeasures(envelope: unknown, measureLists: readonly Measure[][], jsonBytes: number): { envelope: unknown; jsonBytes: number } | undefined {
  const score = (envelope as { score?: { parts?: unknown } } | null)?.score;
  const parts = score?.parts;
  if (!Array.isArray(parts) || parts.length !== measureLists.length) return undefined;
  if (!parts.every((part: { measures?: unknown }) => Array.isArray(part?.measures) && part.measures.length === 0)) return undefined;
  const filled = parts.map((part: Part, index) => ({ ...part, measures: measureLists[index]! }));
  return { envelope: { ...(envelope as object), score: { ...score, parts: filled } }, jsonBytes };
}

/** the JSON text's bytes again from the chunks: each inflated, then joined */
export function inflateChunks(chunkList: readonly Uint8Array[]): Uint8Array {
  const inflated = chunkList.map((chunk) => inflateSync(chunk, { dictionary: DICTIONARY }));
  const joined = new Uint8Array(inflated.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of inflated) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
