/**
 * The few parts of a ZIP archive an .mxl needs (PKWARE APPNOTE 6.3: end of central directory, central
 * directory entries, local headers), with the inflate step a parameter: the pure default is fflate's,
 * and a host with a native zlib (the server, the CLI) passes that instead (a third of the .mxl import).
 */
import { inflateSync } from 'fflate';
import { CadenzaError } from '../../core/errors.js';

/** inflateRaw(raw DEFLATE bytes, the declared unpacked size) → the unpacked bytes (at most that size) */
export type InflateRaw = (compressed: Uint8Array, unpackedSize: number) => Uint8Array;

/** fflate inflates into a buffer of the declared size and never grows it: a lying archive is only truncated */
export const inflateRawPure: InflateRaw = (compressed, unpackedSize) => inflateSync(compressed, { out: new Uint8Array(unpackedSize) });

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly unpackedSize: number;
  readonly localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const ZIP64_MARK = 0xffffffff;

/** zipEntries(bytes of an .mxl) → its files as its central directory lists them */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfCentralDirectory(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL_ENTRY) damaged('its central directory is cut short');
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      unpackedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.compressedSize === ZIP64_MARK || entry.unpackedSize === ZIP64_MARK || entry.localHeaderOffset === ZIP64_MARK) {
      damaged(`"${entry.name}" is a ZIP64 entry, which no score needs`);
    }
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** unpackEntry(bytes, entry, inflateRaw) → the entry's unpacked bytes */
export function unpackEntry(bytes: Uint8Array, entry: ZipEntry, inflateRaw: InflateRaw): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > view.byteLength || view.getUint32(at, true) !== LOCAL_HEADER) damaged(`the local header of "${entry.name}" is missing`);
  if ((entry.flags & 1) !== 0) damaged(`"${entry.name}" is encrypted`);
  const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const compressed = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  if (compressed.length < entry.compressedSize) damaged(`"${entry.name}" is cut short`);
  if (entry.method === STORED) return compressed;
  if (entry.method !== DEFLATED) damaged(`"${entry.name}" uses compression method ${entry.method}, not deflate`);
  try {
    return inflateRaw(compressed, entry.unpackedSize);
  } catch (error) {
    return damaged(`"${entry.name}" does not inflate (${(error as Error).message})`, error);
  }
}

/** the end-of-central-directory record: the last 22 bytes, or further back past an archive comment */
function endOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  return damaged('it has no central directory');
}

function damaged(problem: string, cause?: unknown): never {
  throw new CadenzaError('PARSE_FAILED', `The .mxl archive is damaged: ${problem}.`, {
    ...(cause === undefined ? {} : { cause }),
    hint: 'Re-export the compressed MusicXML, or send the uncompressed .musicxml instead.',
  });
}
