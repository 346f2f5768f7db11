/**
 * A corpus index as bytes: "CDZCORP" and a version, a JSON header (pieces, vocabularies, column
 * lengths), then the typed columns, each 8-byte aligned. Only the columns are stored; the symbols and
 * n-gram indexes are rebuilt on load in linear time, so a damaged or foreign file can never make a
 * search read outside its arrays.
 */
import { z } from 'zod';
import { CadenzaError } from '../core/errors.js';
import { indexColumns, type CorpusIndex, type HarmonyColumns, type IndexColumns, type NoteColumns } from './corpus-index.js';

const MAGIC = 'CDZCORP';
export const CORPUS_FORMAT_VERSION = 1;

type Column = Uint8Array | Int8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;
const COLUMN_TYPES = { u8: Uint8Array, i8: Int8Array, u16: Uint16Array, u32: Uint32Array, f32: Float32Array, f64: Float64Array } as const;
type ColumnType = keyof typeof COLUMN_TYPES;

const NOTE_COLUMNS = { midi: 'u8', fifths: 'i8', onset: 'f64', duration: 'f32', measure: 'u16', beat: 'f32' } as const satisfies Record<keyof NoteColumns, ColumnType>;
const HARMONY_COLUMNS = { figure: 'u16', generic: 'u16', key: 'u16', measure: 'u16', beat: 'f32', cadence: 'i8', piece: 'u32' } as const satisfies Record<keyof HarmonyColumns, ColumnType>;

const pieceSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  composer: z.string().optional(),
  key: z.string().optional(),
  meter: z.string().optional(),
  measures: z.array(z.string()),
  parts: z.array(z.object({ id: z.string(), name: z.string().optional() })),
  firstLine: z.number().int().nonnegative(),
  firstHarmony: z.number().int().nonnegative(),
  harmonyEnd: z.number().int().nonnegative(),
});

const headerSchema = z.object({
  version: z.literal(CORPUS_FORMAT_VERSION),
  pieces: z.array(pieceSchema),
  figureNames: z.array(z.string()),
  keyNames: z.array(z.string()),
  lines: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  harmonies: z.number().int().nonnegative(),
});

/** encodeCorpusIndex(index) → bytes to keep in a file */
export function encodeCorpusIndex(index: IndexColumns): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({ version: CORPUS_FORMAT_VERSION, pieces: index.pieces, figureNames: index.figureNames, keyNames: index.keyNames, lines: index.linePiece.length, notes: index.notes.midi.length, harmonies: index.harmonies.figure.length }),
  );
  const columns: Column[] = [index.lineStarts, index.linePiece, ...Object.keys(NOTE_COLUMNS).map((name) => index.notes[name as keyof NoteColumns]), ...Object.keys(HARMONY_COLUMNS).map((name) => index.harmonies[name as keyof HarmonyColumns])];
  const prelude = align(MAGIC.length + 1 + 4 + header.length);
  const total = columns.reduce((offset, column) => align(offset + column.byteLength), prelude);
  const bytes = new Uint8Array(total);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  bytes[MAGIC.length] = CORPUS_FORMAT_VERSION;
  new DataView(bytes.buffer).setUint32(MAGIC.length + 1, header.length, true);
  bytes.set(header, MAGIC.length + 5);
  let offset = prelude;
  for (const column of columns) {
    bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
    offset = align(offset + column.byteLength);
  }
  return bytes;
}

/** decodeCorpusIndex(bytes) → the searchable index; a file that is not one fails with STORE_CORRUPT */
export function decodeCorpusIndex(bytes: Uint8Array): CorpusIndex {
  if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC || bytes[MAGIC.length] !== CORPUS_FORMAT_VERSION) corrupt('it is not a corpus index of this version');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length + 1, true);
  if (MAGIC.length + 5 + headerLength > bytes.length) corrupt('its header is cut short');
  const parsed = headerSchema.safeParse(safeJson(bytes.subarray(MAGIC.length + 5, MAGIC.length + 5 + headerLength)));
  if (!parsed.success) corrupt('its header is not valid');
  const header = parsed.data;
  let offset = align(MAGIC.length + 5 + headerLength);
  const take = (type: ColumnType, length: number): Column => {
    const Type = COLUMN_TYPES[type];
    const byteLength = length * Type.BYTES_PER_ELEMENT;
    if (offset + byteLength > bytes.length) corrupt('its columns are cut short');
    // copied out, so each column is aligned and owns its memory
    const column = new Type(bytes.slice(offset, offset + byteLength).buffer);
    offset = align(offset + byteLength);
    return column;
  };
  const lineStarts = take('u32', header.lines + 1) as Uint32Array;
  const linePiece = take('u32', header.lines) as Uint32Array;
  const notes = Object.fromEntries(Object.entries(NOTE_COLUMNS).map(([name, type]) => [name, take(type, header.notes)])) as unknown as NoteColumns;
  const harmonies = Object.fromEntries(Object.entries(HARMONY_COLUMNS).map(([name, type]) => [name, take(type, header.harmonies)])) as unknown as HarmonyColumns;
  const columns: IndexColumns = { pieces: header.pieces, lineStarts, linePiece, notes, figureNames: header.figureNames, keyNames: header.keyNames, harmonies };
  checkConsistent(columns);
  return indexColumns(columns);
}

/** every range and reference inside its arrays, so searches never read past them */
function checkConsistent({ pieces, lineStarts, linePiece, notes, harmonies, figureNames, keyNames }: IndexColumns): void {
  const lines = linePiece.length;
  if (lineStarts[0] !== 0 || lineStarts[lines] !== notes.midi.length) corrupt('its lines do not cover its notes');
  for (let line = 0; line < lines; line++) if (lineStarts[line]! > lineStarts[line + 1]! || linePiece[line]! >= pieces.length) corrupt('a line is out of range');
  for (const piece of pieces) {
    if (piece.firstLine + piece.parts.length > lines || piece.firstHarmony > piece.harmonyEnd || piece.harmonyEnd > harmonies.figure.length) corrupt(`piece ${piece.id} is out of range`);
  }
  for (let line = 0; line < lines; line++) {
    const measures = Math.max(1, pieces[linePiece[line]!]!.measures.length);
    for (let note = lineStarts[line]!; note < lineStarts[line + 1]!; note++) if (notes.measure[note]! >= measures) corrupt('a note names a measure that is not there');
  }
  for (let i = 0; i < harmonies.figure.length; i++) {
    if (harmonies.figure[i]! >= figureNames.length || harmonies.generic[i]! >= figureNames.length || harmonies.key[i]! >= keyNames.length || harmonies.piece[i]! >= pieces.length) corrupt('a harmony names something that is not there');
  }
}

function safeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

function corrupt(reason: string): never {
  throw new CadenzaError('STORE_CORRUPT', `The corpus index cannot be read: ${reason}.`, { hint: 'Build the corpus again (cadenza corpus add, or create_corpus).' });
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}
