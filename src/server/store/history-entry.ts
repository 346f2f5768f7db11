/**
 * An older version as SQLite and Redis keep it: one blob of a length-prefixed JSON header (its facts and
 * a checksum) followed by the delta, so damage on disk is found when the history is read.
 */
import { CadenzaError } from '../../core/errors.js';
import type { PastVersion, VersionInfo } from '../../mcp/ports.js';
import { scoreChecksum } from './checksum.js';

interface Header {
  readonly info: VersionInfo;
  readonly sum: string;
}

/** packPastVersion(past) → 4-byte big-endian header length, header JSON, delta */
export function packPastVersion(past: PastVersion): Uint8Array {
  const infoText = JSON.stringify(past.info);
  const header = new TextEncoder().encode(JSON.stringify({ info: past.info, sum: scoreChecksum(infoText, past.delta) } satisfies Header));
  const packed = new Uint8Array(4 + header.length + past.delta.length);
  new DataView(packed.buffer).setUint32(0, header.length);
  packed.set(header, 4);
  packed.set(past.delta, 4 + header.length);
  return packed;
}

/** unpackPastVersion(packPastVersion(past)) → past; STORE_CORRUPT naming the score when the checksum fails */
export function unpackPastVersion(packed: Uint8Array, where: string): PastVersion {
  try {
    const length = new DataView(packed.buffer, packed.byteOffset, packed.byteLength).getUint32(0);
    const header = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + length))) as Header;
    const delta = packed.subarray(4 + length);
    if (header.sum === scoreChecksum(JSON.stringify(header.info), delta)) return { info: header.info, delta };
  } catch {
    // unreadable: reported as damage below
  }
  throw new CadenzaError('STORE_CORRUPT', `A kept version of ${where} is damaged (its checksum does not match).`);
}
