/** The checksum kept beside each stored score, so damage on disk is found when the score is read. */
import { createHash } from 'node:crypto';

/** scoreChecksum(meta, data) → hex SHA-256 over the stored meta text (length-prefixed) and the data bytes */
export function scoreChecksum(meta: string, data: Uint8Array): string {
  return createHash('sha256').update(`${Buffer.byteLength(meta)}:`).update(meta).update(data).digest('hex');
}
