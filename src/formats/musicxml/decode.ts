/**
 * Bytes → MusicXML text: unpacks compressed .mxl (via META-INF/container.xml) with a bound on the
 * unpacked size, and decodes UTF-8, UTF-16 (by byte-order mark or NUL pattern) or the declared encoding.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { CadenzaError } from '../../core/errors.js';
import { attribute, parseXml, type XmlElement } from './xml-scanner.js';

export const DEFAULT_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** isZip(bytes starting "PK\x03\x04") → true */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Unpacks the score file named by META-INF/container.xml (or the first MusicXML file) from an .mxl. */
export function unpackMxl(bytes: Uint8Array, maxUnpackedBytes = DEFAULT_MAX_UNPACKED_BYTES): Uint8Array {
  const container = unzipOne(bytes, (name) => name === 'META-INF/container.xml', maxUnpackedBytes);
  const rootPath = container ? rootFilePath(decodeXmlText(container)) : undefined;
  const isScore = rootPath
    ? (name: string) => name === rootPath
    : (name: string) => !name.startsWith('META-INF/') && /\.(xml|musicxml)$/i.test(name);
  const score = unzipOne(bytes, isScore, maxUnpackedBytes);
  if (!score) {
    throw new CadenzaError('PARSE_FAILED', `The .mxl archive holds no MusicXML score${rootPath ? ` at "${rootPath}"` : ''}.`, {
      hint: 'A compressed MusicXML file names its score in META-INF/container.xml.',
    });
  }
  return score;
}

function unzipOne(bytes: Uint8Array, wanted: (name: string) => boolean, maxUnpackedBytes: number): Uint8Array | undefined {
  let picked = false;
  // fflate inflates into a buffer of the declared size and never grows it, so checking the declared
  // size bounds memory even when an archive lies about it (a lie only truncates the output).
  const filter = (file: UnzipFileInfo): boolean => {
    if (picked || !wanted(file.name)) return false;
    if (file.originalSize > maxUnpackedBytes) {
      throw new CadenzaError(
        'LIMIT_EXCEEDED',
        `"${file.name}" in the .mxl archive unpacks to ${file.originalSize} bytes; the limit is ${maxUnpackedBytes}.`,
        { hint: 'Compressed scores are bounded to protect the server (zip bombs); split the score or raise the limit.' },
      );
    }
    picked = true;
    return true;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter });
  } catch (error) {
    if (error instanceof CadenzaError) throw error;
    throw new CadenzaError('PARSE_FAILED', `The .mxl archive is damaged: ${(error as Error).message}.`, {
      cause: error,
      hint: 'Re-export the compressed MusicXML, or send the uncompressed .musicxml instead.',
    });
  }
  return Object.values(files)[0];
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
    return new TextDecoder(encoding).decode(bytes);
  } catch (error) {
    throw new CadenzaError('UNSUPPORTED_FORMAT', `The XML declares an unknown character encoding "${encoding}".`, {
      cause: error,
      hint: 'Save the file as UTF-8.',
    });
  }
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
