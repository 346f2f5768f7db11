/**
 * One entry point for every importer: picks the reader from a declared format, a file name, or the
 * bytes themselves, so tools never need to know which formats exist.
 */
import type { ImportResult } from '../core/diagnostics.js';
import { CadenzaError } from '../core/errors.js';
import { readAbc } from './abc/read.js';
import { readKern } from './kern/read.js';
import { readMei } from './mei/read.js';
import { readMidi } from './midi/read.js';
import { readMusicXml } from './musicxml/read.js';
import type { InflateRaw } from './musicxml/zip.js';

export const SCORE_FORMATS = ['musicxml', 'mxl', 'kern', 'abc', 'midi', 'mei'] as const;
export type ScoreFormat = (typeof SCORE_FORMATS)[number];

const EXTENSIONS: Readonly<Record<string, ScoreFormat>> = {
  xml: 'musicxml',
  musicxml: 'musicxml',
  mxl: 'mxl',
  krn: 'kern',
  abc: 'abc',
  mid: 'midi',
  midi: 'midi',
  mei: 'mei',
};

/** formatFromFileName("chorale.MXL") → "mxl"; unknown extensions → undefined */
export function formatFromFileName(fileName: string): ScoreFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[fileName.slice(dot + 1).toLowerCase()];
}

/** sniffFormat(bytes starting "PK\x03\x04") → "mxl"; "<?xml …<score-partwise" → "musicxml" */
export function sniffFormat(bytes: Uint8Array): ScoreFormat | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'mxl';
  if (bytes[0] === 0x4d && bytes[1] === 0x54 && bytes[2] === 0x68 && bytes[3] === 0x64) return 'midi';
  const head = latin1Head(bytes, 4096);
  if (/<score-(partwise|timewise)[\s>]/.test(head)) return 'musicxml';
  if (/<mei[\s>]/.test(head)) return 'mei';
  if (/^(!![^\n]*\n)*\*\*kern/m.test(head)) return 'kern';
  if (/^X:\s*\d/m.test(head) && /^K:/m.test(head)) return 'abc';
  return undefined;
}

function latin1Head(bytes: Uint8Array, length: number): string {
  let text = '';
  const end = Math.min(bytes.length, length);
  for (let i = 0; i < end; i++) {
    const code = bytes[i]!;
    // UTF-16 text has NULs between ASCII letters: skip them so the sniff still sees the tags.
    if (code !== 0) text += String.fromCharCode(code);
  }
  return text;
}

/** What a host may plug into the readers: a native inflate for .mxl (the pure readers need none). */
export interface ReadOptions {
  readonly inflateRaw?: InflateRaw;
}

/** Reads a score in the given format; throws CadenzaError (PARSE_FAILED, UNSAFE_INPUT, LIMIT_EXCEEDED). */
export function readScore(bytes: Uint8Array, format: ScoreFormat, options: ReadOptions = {}): ImportResult {
  switch (format) {
    case 'musicxml':
    case 'mxl':
      return readMusicXml(bytes, { inflateRaw: options.inflateRaw });
    case 'kern':
      return readKern(new TextDecoder().decode(bytes));
    case 'abc':
      return readAbc(new TextDecoder().decode(bytes));
    case 'midi':
      return readMidi(bytes);
    case 'mei':
      return readMei(bytes);
  }
}

/** Decides the format: declared first, then the file name, then the content. */
export function resolveFormat(bytes: Uint8Array, declared?: ScoreFormat, fileName?: string): ScoreFormat {
  const format = declared ?? (fileName ? formatFromFileName(fileName) : undefined) ?? sniffFormat(bytes);
  if (!format) {
    throw new CadenzaError(
      'UNSUPPORTED_FORMAT',
      `Could not tell the format of ${fileName ? `"${fileName}"` : 'the content'}; supported: ${SCORE_FORMATS.join(', ')}.`,
    );
  }
  return format;
}
