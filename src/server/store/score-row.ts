/**
 * How SQLite and Redis keep a score: its meta (title, summary, origin…) as JSON text, its data bytes and
 * a checksum over both. With encryption on, meta, data and every kept version are sealed (sealing.ts),
 * and the checksum is keyed (an HMAC named by its key), so nothing on disk or in Redis reads as the score.
 * Decoding checks everything and says whether the record should be written again under the current key.
 */
import type { PastVersion, StoredScore } from '../../mcp/ports.js';
import { scoreChecksum } from './checksum.js';
import { packPastVersion, unpackPastVersion } from './history-entry.js';
import { openValue, sealContext, sealValue, SealError, type Sealer } from './sealing.js';

export type ScoreMeta = Omit<StoredScore, 'id' | 'data'>;

/** A score as stored: meta is text when plain, bytes when sealed. */
export interface ScoreRow {
  readonly meta: string | Buffer;
  readonly data: Buffer;
  readonly sum: string;
}

/** A stored record that does not read back as it was written; the message says why. */
export class DamagedRecord extends Error {
  override readonly name = 'DamagedRecord';
}

export class ScoreRowCodec {
  constructor(private readonly sealer?: Sealer) {}

  /** whether records are sealed (encryption at rest is on) */
  get sealing(): boolean {
    return this.sealer !== undefined;
  }

  encode(tenantId: string, entry: StoredScore): ScoreRow {
    const { id, data, ...meta } = entry;
    const metaText = JSON.stringify(meta);
    const sum = scoreChecksum(metaText, data);
    return {
      meta: sealValue(this.sealer, metaText, sealContext(tenantId, id, 'meta')),
      data: sealValue(this.sealer, data, sealContext(tenantId, id, 'data')) as Buffer,
      sum: this.sealer ? this.sealer.fingerprint(sum) : sum,
    };
  }

  /** the score a row holds; DamagedRecord when a checksum or a seal fails; stale: write it again under the current key */
  decode(tenantId: string, id: string, row: { meta: string | Uint8Array; data: Uint8Array; sum: string | null }): { entry: StoredScore; stale: boolean } {
    const meta = this.opened(row.meta, sealContext(tenantId, id, 'meta'));
    const data = this.opened(row.data, sealContext(tenantId, id, 'data'));
    const metaText = meta.plain.toString('utf8');
    const bytes = new Uint8Array(data.plain.buffer, data.plain.byteOffset, data.plain.byteLength);
    // scores written before checksums existed have none to check
    if (row.sum !== null && !this.sumMatches(row.sum, scoreChecksum(metaText, bytes))) throw new DamagedRecord('its checksum does not match');
    return { entry: { id, ...(JSON.parse(metaText) as ScoreMeta), data: bytes }, stale: meta.stale || data.stale || !this.sumIsCurrent(row.sum) };
  }

  /** a listing's meta alone (no checksum to check without the data) */
  decodeMeta(tenantId: string, id: string, meta: string | Uint8Array): ScoreMeta {
    return JSON.parse(this.opened(meta, sealContext(tenantId, id, 'meta')).plain.toString('utf8')) as ScoreMeta;
  }

  /** the kept version as stored, and its size before sealing (what quotas count, with encryption on or off) */
  encodePast(tenantId: string, id: string, past: PastVersion): { stored: Buffer; bytes: number } {
    const packed = packPastVersion(past);
    return { stored: sealValue(this.sealer, packed, sealContext(tenantId, id, 'version')) as Buffer, bytes: packed.byteLength };
  }

  decodePast(tenantId: string, id: string, stored: Uint8Array): { past: PastVersion; stale: boolean } {
    const opened = this.opened(stored, sealContext(tenantId, id, 'version'));
    try {
      return { past: unpackPastVersion(new Uint8Array(opened.plain.buffer, opened.plain.byteOffset, opened.plain.byteLength), `score "${id}"`), stale: opened.stale };
    } catch {
      throw new DamagedRecord(`a kept version's checksum does not match`);
    }
  }

  private opened(stored: string | Uint8Array, context: string): { plain: Buffer; stale: boolean } {
    try {
      return openValue(this.sealer, stored, context);
    } catch (error) {
      if (error instanceof SealError) throw new DamagedRecord(`it cannot be decrypted: ${error.message}`);
      throw error;
    }
  }

  private sumMatches(stored: string, plainSum: string): boolean {
    const keyId = keyIdOf(stored);
    if (keyId === undefined) return stored === plainSum;
    if (!this.sealer) throw new DamagedRecord('its checksum is keyed and no encryption key is configured');
    try {
      return stored === this.sealer.fingerprint(plainSum, keyId);
    } catch (error) {
      if (error instanceof SealError) throw new DamagedRecord(`its checksum cannot be checked: ${error.message}`);
      throw error;
    }
  }

  private sumIsCurrent(stored: string | null): boolean {
    return this.sealer ? stored !== null && keyIdOf(stored) === this.sealer.currentKeyId : true;
  }
}

/** "k1:ab…" → "k1"; a plain hex checksum has no key id */
function keyIdOf(sum: string): string | undefined {
  const colon = sum.lastIndexOf(':');
  return colon < 0 ? undefined : sum.slice(0, colon);
}
