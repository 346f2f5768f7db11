/**
 * WOFF2 → TrueType, for the fonts verovio embeds in its SVG (Leipzig for music symbols in text, Liberation
 * for titles and words), which resvg can only load as font files. Follows the W3C WOFF2 specification
 * (https://www.w3.org/TR/WOFF2/): a Brotli-compressed block of tables, the glyf and loca tables stored
 * in the transformed form of §5.1 and rebuilt here. Collections and the transformed hmtx of §5.4 are
 * not needed for verovio's fonts and are refused.
 */
import { brotliDecompressSync } from 'node:zlib';

const KNOWN_TAGS = [
  'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT',
  'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH',
  'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar',
  'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill',
];

/** a cursor over big-endian bytes */
class Reader {
  constructor(private readonly bytes: Uint8Array, public position = 0) {}
  u8(): number {
    if (this.position >= this.bytes.length) throw new RangeError('WOFF2 data ends early');
    return this.bytes[this.position++]!;
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  i16(): number {
    const value = this.u16();
    return value >= 0x8000 ? value - 0x10000 : value;
  }
  u32(): number {
    return ((this.u16() << 16) >>> 0) + this.u16();
  }
  take(length: number): Uint8Array {
    if (this.position + length > this.bytes.length) throw new RangeError('WOFF2 data ends early');
    const slice = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return slice;
  }
  /** UIntBase128 (§4.1) */
  base128(): number {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = this.u8();
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new RangeError('bad UIntBase128');
  }
  /** 255UInt16 (§4.2) */
  u255(): number {
    const code = this.u8();
    if (code === 253) return this.u16();
    if (code === 255) return this.u8() + 253;
    if (code === 254) return this.u8() + 506;
    return code;
  }
}

interface TableEntry {
  readonly tag: string;
  readonly transformed: boolean;
  readonly length: number;
  data?: Uint8Array;
}

/** woff2ToTtf(bytes of a .woff2) → the bytes of the same font as a .ttf */
export function woff2ToTtf(woff2: Uint8Array): Uint8Array {
  const header = new Reader(woff2);
  if (header.u32() !== 0x774f4632) throw new Error('not a WOFF2 font');
  const flavor = header.u32();
  if (flavor === 0x74746366) throw new Error('WOFF2 collections are not supported');
  header.u32(); // length
  const numTables = header.u16();
  header.position = 48;
  const tables: TableEntry[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = header.u8();
    const tag = (flags & 0x3f) === 63 ? String.fromCharCode(...header.take(4)) : KNOWN_TAGS[flags & 0x3f]!;
    const version = flags >> 6;
    const origLength = header.base128();
    // glyf and loca are transformed at version 0; any other table at a non-zero version
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    if (transformed && tag !== 'glyf' && tag !== 'loca') throw new Error(`the transformed ${tag} table is not supported`);
    tables.push({ tag, transformed, length: transformed ? header.base128() : origLength });
  }
  const compressedLength = new DataView(woff2.buffer, woff2.byteOffset + 20, 4).getUint32(0);
  const block = new Uint8Array(brotliDecompressSync(woff2.subarray(header.position, header.position + compressedLength)));
  let offset = 0;
  for (const table of tables) {
    table.data = block.subarray(offset, offset + table.length);
    offset += table.length;
  }
  const glyf = tables.find((table) => table.tag === 'glyf');
  if (glyf?.transformed) {
    const rebuilt = rebuildGlyf(glyf.data!);
    glyf.data = rebuilt.glyf;
    tables.find((table) => table.tag === 'loca')!.data = rebuilt.loca;
    const head = tables.find((table) => table.tag === 'head')!;
    head.data = new Uint8Array(head.data!);
    new DataView(head.data.buffer).setInt16(50, 1); // indexToLocFormat: long offsets, as rebuildGlyf writes them
  }
  return sfnt(flavor, tables.map((table) => ({ tag: table.tag, data: table.data! })));
}

/** §5.1: the transformed glyf table's streams back to glyf and (long) loca */
function rebuildGlyf(data: Uint8Array): { glyf: Uint8Array; loca: Uint8Array } {
  const head = new Reader(data);
  head.u16(); // reserved
  head.u16(); // optionFlags: bit 0 announces an overlap bitmap, a rendering hint resvg does without
  const numGlyphs = head.u16();
  head.u16(); // indexFormat: we always write long offsets
  const sizes = Array.from({ length: 7 }, () => head.u32());
  let start = head.position;
  const [contours, points, flags, glyphs, composites, boxes, instructions] = sizes.map((size) => {
    const stream = new Reader(data.subarray(start, start + size));
    start += size;
    return stream;
  }) as [Reader, Reader, Reader, Reader, Reader, Reader, Reader];

  const bitmap = boxes.take(4 * Math.floor((numGlyphs + 31) / 32));
  const hasBox = (glyph: number) => (bitmap[glyph >> 3]! & (0x80 >> (glyph & 7))) !== 0;
  const out: number[] = [];
  const loca = new DataView(new ArrayBuffer((numGlyphs + 1) * 4));
  for (let glyph = 0; glyph < numGlyphs; glyph++) {
    loca.setUint32(glyph * 4, out.length);
    const count = contours.i16();
    if (count === 0) continue;
    if (count > 0) simpleGlyph(count, { points, flags, glyphs, instructions, boxes }, hasBox(glyph), out);
    else compositeGlyph(composites, glyphs, instructions, boxes, out);
    while (out.length % 4 !== 0) out.push(0);
  }
  loca.setUint32(numGlyphs * 4, out.length);
  return { glyf: Uint8Array.from(out), loca: new Uint8Array(loca.buffer) };
}

function push16(out: number[], value: number): void {
  out.push((value >> 8) & 0xff, value & 0xff);
}

function simpleGlyph(count: number, streams: Record<'points' | 'flags' | 'glyphs' | 'instructions' | 'boxes', Reader>, explicitBox: boolean, out: number[]): void {
  const ends: number[] = [];
  let total = 0;
  for (let contour = 0; contour < count; contour++) {
    total += streams.points.u255();
    ends.push(total - 1);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  const onCurve: boolean[] = [];
  let x = 0;
  let y = 0;
  for (let point = 0; point < total; point++) {
    const flag = streams.flags.u8();
    const [dx, dy] = triplet(flag & 0x7f, streams.glyphs);
    x += dx;
    y += dy;
    xs.push(x);
    ys.push(y);
    onCurve.push((flag & 0x80) === 0);
  }
  const instructionLength = streams.glyphs.u255();
  const box = explicitBox ? [streams.boxes.i16(), streams.boxes.i16(), streams.boxes.i16(), streams.boxes.i16()] : [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  push16(out, count);
  box.forEach((value) => push16(out, value));
  ends.forEach((end) => push16(out, end));
  push16(out, instructionLength);
  out.push(...streams.instructions.take(instructionLength));
  out.push(...onCurve.map((on) => (on ? 1 : 0)));
  // coordinates as plain 16-bit deltas (no short-vector flags): larger, equally valid
  xs.forEach((value, index) => push16(out, value - (index > 0 ? xs[index - 1]! : 0)));
  ys.forEach((value, index) => push16(out, value - (index > 0 ? ys[index - 1]! : 0)));
}

/** §5.2's triplet encoding of one point's deltas */
function triplet(flag: number, stream: Reader): [number, number] {
  const signed = (bits: number, value: number) => ((bits & 1) !== 0 ? value : -value);
  if (flag < 10) return [0, signed(flag, ((flag & 14) << 7) + stream.u8())];
  if (flag < 20) return [signed(flag, (((flag - 10) & 14) << 7) + stream.u8()), 0];
  if (flag < 84) {
    const b0 = flag - 20;
    const b1 = stream.u8();
    return [signed(flag, 1 + (b0 & 0x30) + (b1 >> 4)), signed(flag >> 1, 1 + ((b0 & 0x0c) << 2) + (b1 & 0x0f))];
  }
  if (flag < 120) {
    const b0 = flag - 84;
    const dx = signed(flag, 1 + (Math.floor(b0 / 12) << 8) + stream.u8());
    return [dx, signed(flag >> 1, 1 + (((b0 % 12) >> 2) << 8) + stream.u8())];
  }
  if (flag < 124) {
    const b0 = stream.u8();
    const b1 = stream.u8();
    return [signed(flag, (b0 << 4) + (b1 >> 4)), signed(flag >> 1, ((b1 & 0x0f) << 8) + stream.u8())];
  }
  const dx = signed(flag, stream.u16());
  return [dx, signed(flag >> 1, stream.u16())];
}

const MORE_COMPONENTS = 0x0020;
const WE_HAVE_INSTRUCTIONS = 0x0100;

function compositeGlyph(composites: Reader, glyphs: Reader, instructions: Reader, boxes: Reader, out: number[]): void {
  push16(out, -1);
  for (let i = 0; i < 4; i++) push16(out, boxes.i16());
  let flags: number;
  let withInstructions = false;
  do {
    const begin = composites.position;
    flags = composites.u16();
    composites.u16(); // glyph index
    const argBytes = (flags & 0x0001) !== 0 ? 4 : 2;
    const scaleBytes = (flags & 0x0008) !== 0 ? 2 : (flags & 0x0040) !== 0 ? 4 : (flags & 0x0080) !== 0 ? 8 : 0;
    composites.take(argBytes + scaleBytes);
    withInstructions ||= (flags & WE_HAVE_INSTRUCTIONS) !== 0;
    const end = composites.position;
    composites.position = begin;
    out.push(...composites.take(end - begin));
  } while ((flags & MORE_COMPONENTS) !== 0);
  if (withInstructions) {
    const length = glyphs.u255();
    push16(out, length);
    out.push(...instructions.take(length));
  }
}

/** an OpenType file: offset table, table records sorted by tag, tables padded to four bytes */
function sfnt(flavor: number, tables: readonly { tag: string; data: Uint8Array }[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const headerLength = 12 + 16 * sorted.length;
  const total = sorted.reduce((sum, table) => sum + Math.ceil(table.data.length / 4) * 4, headerLength);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  const power = 2 ** Math.floor(Math.log2(sorted.length));
  view.setUint32(0, flavor);
  view.setUint16(4, sorted.length);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, sorted.length * 16 - power * 16);
  let offset = headerLength;
  sorted.forEach((table, index) => {
    const record = 12 + 16 * index;
    for (let i = 0; i < 4; i++) view.setUint8(record + i, table.tag.charCodeAt(i));
    view.setUint32(record + 4, checksum(table.data));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, table.data.length);
    bytes.set(table.data, offset);
    offset += Math.ceil(table.data.length / 4) * 4;
  });
  return bytes;
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    sum = (sum + ((data[i]! << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0))) >>> 0;
  }
  return sum;
}
