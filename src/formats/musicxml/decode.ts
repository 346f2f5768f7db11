/**
 * Bytes → MusicXML text: unpacks compressed .mxl (via META-INF/container.xml) with a bound on the
 * unpacked size, and decodes UTF-8, UTF-16 (by byte-order mark or NUL pattern) or the declared encoding.
 */
import { CadenzaError } from '../../core/errors.js';
import { attribute, parseXml, type XmlElement } from './xml-scanner.js';
import { inflateRawPure, unpackEntry, zipEntries, type InflateRaw, type ZipEntry } from './zip.js';

export const DEFAULT_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** isZip(bytes starting "PK\x03\x04") → true */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Unpacks the score file named by META-INF/container.xml (or the first MusicXML file) from an .mxl. */
export function unpackMxl(bytes: Uint8Array, maxUnpackedBytes = DEFAULT_MAX_UNPACKED_BYTES, inflateRaw: InflateRaw = inflateRawPure): Uint8Array {
  const entries = zipEntries(bytes);
  const unpack = (entry: ZipEntry | undefined): Uint8Array | undefined => entry && unpackEntry(bytes, bounded(entry, maxUnpackedBytes), inflateRaw);
  const container = unpack(entries.find((entry) => entry.name === 'META-INF/container.xml'));
  const rootPath = container ? rootFilePath(decodeXmlText(container)) : undefined;
  const isScore = rootPath
    ? (name: string) => name === rootPath
    : (name: string) => !name.startsWith('META-INF/') && /\.(xml|musicxml)$/i.test(name);
  const score = unpack(entries.find((entry) => isScore(entry.name)));
  if (!score) {
    throw new CadenzaError('PARSE_FAILED', `The .mxl archive holds no MusicXML score${rootPath ? ` at "${rootPath}"` : ''}.`, {
      hint: 'A compressed MusicXML file names its score in META-INF/container.xml.',
    });
  }
  return score;
}

/** The declared size bounds memory: both inflaters fill a buffer of that size and never grow it. */
function bounded(entry: ZipEntry, maxUnpackedBytes: number): ZipEntry {
  if (entry.unpackedSize > maxUnpackedBytes) {
    throw new CadenzaError(
      'LIMIT_EXCEEDED',
      `"${entry.name}" in the .mxl archive unpacks to ${entry.unpackedSize} bytes; the limit is ${maxUnpackedBytes}.`,
      { hint: 'Compressed scores are bounded to protect the server (zip bombs); split the score or raise the limit.' },
    );
  }
  return entry;
}

function rootFilePath(containerXml: string): string | undefined {
  const container = parseXml(containerXml);
  const rootFiles = findAll(container, 'rootfile');
  const musicXml = rootFiles.find((file) => attribute(file, 'media-type') !== undefined && /musicxml/.test(attribute(file, 'media-type')!));
  return attribute(musicXml ?? rootFiles[0] ?? container, 'full-path');
}

function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    if (node.name === name) found.push(node);
    node.children.forEach(visit);
  };
  visit(element);
  return found;
}

/** decodeXmlText(UTF-16LE bytes with BOM) → the text, without the BOM */
export function decodeXmlText(bytes: Uint8Array): string {
  const encoding = detectEncoding(bytes);
  try {
    return encoding === 'utf-8' ? decodeUtf8InChunks(bytes) : new TextDecoder(encoding).decode(bytes);
  } catch (error) {
    throw new CadenzaError('UNSUPPORTED_FORMAT', `The XML declares an unknown character encoding "${encoding}".`, {
      cause: error,
      hint: 'Save the file as UTF-8.',
    });
  }
}

const UTF8_CHUNK_BYTES = 4096;

/**
 * The same text as one TextDecoder call, several times faster on MusicXML: V8 copies an all-ASCII chunk
 * at once but decodes a whole buffer slowly if one byte is not ASCII (a lyric's "ö", a "©" in the
 * credits), so the slow path is kept to the chunks that need it. Chunks end before a character's first
 * byte, never inside it; only the first may lose a byte-order mark.
 */
function decodeUtf8InChunks(bytes: Uint8Array): string {
  if (bytes.length <= UTF8_CHUNK_BYTES) return new TextDecoder().decode(bytes);
  const rest = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  for (let start = 0; start < bytes.length; ) {
    let end = Math.min(bytes.length, start + UTF8_CHUNK_BYTES);
    // step back over continuation bytes (10xxxxxx) to the start of the character they belong to
    for (let back = 0; back < 3 && end < bytes.length && (bytes[end]! & 0xc0) === 0x80; back++) end--;
    const chunk = bytes.subarray(start, end);
    text += start === 0 ? new TextDecoder().decode(chunk) : rest.decode(chunk);
    start = end;
  }
  return text;
}

function detectEncoding(bytes: Uint8Array): string {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (b0 === 0x3c && b1 === 0x00) return 'utf-16le';
  if (b0 === 0x00 && b1 === 0x3c) return 'utf-16be';
  return declaredEncoding(bytes) ?? 'utf-8';
}

/** the encoding named in `<?xml … encoding="…"?>`, read as ASCII from the first bytes */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] !== 0x3c || bytes[1] !== 0x3f) return undefined;
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 200); i++) {
    head += String.fromCharCode(bytes[i]!);
    if (bytes[i] === 0x3e) break;
  }
  const match = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase();
}
