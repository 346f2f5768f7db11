/**
 * Reads a SQLite write-ahead log before SQLite does. SQLite replays frames up to the first one whose
 * checksum fails and silently drops the rest, so a damaged frame loses every transaction committed after
 * it without a word. Here a frame that fails its checksum while a commit follows it (or is itself a
 * commit) is damage; the log is copied aside before SQLite opens the database and overwrites it.
 * Format: https://www.sqlite.org/fileformat2.html#walformat
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';

const HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const MAGIC = 0x377f0682;

/** problems found in `${databaseFile}-wal` (none when it is absent, empty or sound) */
export function checkWriteAheadLog(databaseFile: string): readonly string[] {
  const walFile = `${databaseFile}-wal`;
  if (!existsSync(walFile)) return [];
  const wal = readFileSync(walFile);
  if (wal.length < HEADER_BYTES) return [];
  const damage = findDamage(wal);
  if (!damage) return [];
  const kept = `${walFile}.damaged-${Date.now()}`;
  copyFileSync(walFile, kept);
  return [`${walFile}: ${damage}; SQLite drops every transaction after the damage (a copy of the log is kept in ${kept})`];
}

function findDamage(wal: Buffer): string | undefined {
  const magic = wal.readUInt32BE(0);
  if ((magic & ~1) >>> 0 !== MAGIC) return wal.length > HEADER_BYTES ? 'the log header is damaged (bad magic number)' : undefined;
  const bigEndian = (magic & 1) === 1;
  const pageSize = wal.readUInt32BE(8);
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)] as const;
  let sums = checksum(wal.subarray(0, 24), [0, 0], bigEndian);
  if (sums[0] !== wal.readUInt32BE(24) || sums[1] !== wal.readUInt32BE(28)) return wal.length > HEADER_BYTES ? 'the log header fails its checksum' : undefined;
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  const frames = Math.floor((wal.length - HEADER_BYTES) / frameBytes);
  for (let index = 0; index < frames; index++) {
    const frame = wal.subarray(HEADER_BYTES + index * frameBytes, HEADER_BYTES + (index + 1) * frameBytes);
    if (!sameSalts(frame, salts)) return undefined; // frames of an earlier generation of the log: not replayed, by design
    sums = checksum(frame.subarray(FRAME_HEADER_BYTES), checksum(frame.subarray(0, 8), sums, bigEndian), bigEndian);
    if (sums[0] === frame.readUInt32BE(16) && sums[1] === frame.readUInt32BE(20)) continue;
    const lostCommit = isCommit(frame) || laterCommit(wal, index + 1, frames, frameBytes, salts);
    return lostCommit ? `frame ${index + 1} of ${frames} fails its checksum and committed transactions follow it` : undefined;
  }
  return undefined;
}

function laterCommit(wal: Buffer, from: number, frames: number, frameBytes: number, salts: readonly [number, number]): boolean {
  for (let index = from; index < frames; index++) {
    const frame = wal.subarray(HEADER_BYTES + index * frameBytes, HEADER_BYTES + (index + 1) * frameBytes);
    if (sameSalts(frame, salts) && isCommit(frame)) return true;
  }
  return false;
}

function sameSalts(frame: Buffer, salts: readonly [number, number]): boolean {
  return frame.readUInt32BE(8) === salts[0] && frame.readUInt32BE(12) === salts[1];
}

/** a commit frame records the database size in pages after the commit; other frames record 0 */
function isCommit(frame: Buffer): boolean {
  return frame.readUInt32BE(4) !== 0;
}

/** SQLite's WAL checksum: two running 32-bit sums over pairs of words, in the byte order the magic names */
function checksum(bytes: Buffer, seed: readonly [number, number], bigEndian: boolean): [number, number] {
  let [first, second] = seed;
  for (let offset = 0; offset < bytes.length; offset += 8) {
    const a = bigEndian ? bytes.readUInt32BE(offset) : bytes.readUInt32LE(offset);
    const b = bigEndian ? bytes.readUInt32BE(offset + 4) : bytes.readUInt32LE(offset + 4);
    first = (first + a + second) >>> 0;
    second = (second + b + first) >>> 0;
  }
  return [first, second];
}
