/**
 * Encryption at rest: envelope encryption with AES-256-GCM (NIST SP 800-38D). Each sealed value gets a
 * fresh 256-bit data key that encrypts it; the data key itself is wrapped (AES-256-GCM again) by the
 * configured key-encryption key, whose id travels in the envelope. Rotation is a new current key with
 * the old ones kept as retired: values under a retired key still open and are reported stale, so the
 * stores rewrite them under the current key when they next read or write them.
 *
 * The envelope: MAGIC (4) | key-id length (1) | key id | wrapped data key (iv 12, tag 16, key 32) |
 * iv (12) | tag (16) | ciphertext. Both encryptions authenticate the header and the value's context
 * (tenant, id, field), so a sealed value moved to another score, field or tenant fails to open.
 * Plain values start with "{" (JSON) or a small big-endian length, never with MAGIC's first byte.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../config.js';

const MAGIC = Buffer.from([0xc5, 0x44, 0x5a, 0x01]);
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const WRAPPED_BYTES = IV_BYTES + TAG_BYTES + KEY_BYTES;
export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** A key-encryption key and the id records name it by. */
export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The current key, which seals, and retired keys, which only open what they once sealed. */
export interface KeyRing {
  readonly current: EncryptionKey;
  readonly retired: readonly EncryptionKey[];
}

export type SealFailure = 'tampered' | 'unknown-key' | 'no-key';

/** A sealed value that cannot be opened; `reason` says whether it was altered or its key is not configured. */
export class SealError extends Error {
  override readonly name = 'SealError';
  constructor(
    readonly reason: SealFailure,
    message: string,
  ) {
    super(message);
  }
}

/** What a value opened to, and whether it should be sealed again under the current key. */
export interface Opened {
  readonly plain: Buffer;
  readonly stale: boolean;
}

/** isSealed(bytes) → true when bytes is an envelope (not a plain value written without encryption) */
export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC);
}

export class Sealer {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly fingerprintKeys = new Map<string, Buffer>();

  constructor(private readonly ring: KeyRing) {
    this.keys = new Map([...ring.retired, ring.current].map((entry) => [entry.id, entry.key]));
  }

  get currentKeyId(): string {
    return this.ring.current.id;
  }

  /** seal(bytes, "acme/x/data") → an envelope under the current key that opens only with the same context */
  seal(plain: Uint8Array, context: string): Buffer {
    const { id, key } = this.ring.current;
    const idBytes = Buffer.from(id, 'utf8');
    const dataKey = randomBytes(KEY_BYTES);
    const head = Buffer.concat([MAGIC, Buffer.from([idBytes.length]), idBytes]);
    const wrapped = encrypt(key, dataKey, Buffer.concat([head, Buffer.from(context, 'utf8')]));
    const header = Buffer.concat([head, wrapped]);
    const body = encrypt(dataKey, plain, Buffer.concat([header, Buffer.from(context, 'utf8')]));
    return Buffer.concat([header, body]);
  }

  /** open(seal(bytes, c), c) → { plain: bytes, stale: false }; SealError when altered, moved or under an unknown key */
  open(sealed: Uint8Array, context: string): Opened {
    const envelope = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const idLength = envelope[MAGIC.length] ?? 0;
    const headLength = MAGIC.length + 1 + idLength;
    if (!isSealed(envelope) || envelope.length < headLength + WRAPPED_BYTES + IV_BYTES + TAG_BYTES) throw new SealError('tampered', 'the sealed value is cut short');
    const id = envelope.subarray(MAGIC.length + 1, headLength).toString('utf8');
    const key = this.keys.get(id);
    if (!key) throw new SealError('unknown-key', `it was sealed with key "${id}", which is neither the current key nor a retired one`);
    const contextBytes = Buffer.from(context, 'utf8');
    const head = envelope.subarray(0, headLength);
    const header = envelope.subarray(0, headLength + WRAPPED_BYTES);
    try {
      const dataKey = decrypt(key, envelope.subarray(headLength, headLength + WRAPPED_BYTES), Buffer.concat([head, contextBytes]));
      const plain = decrypt(dataKey, envelope.subarray(headLength + WRAPPED_BYTES), Buffer.concat([header, contextBytes]));
      return { plain, stale: id !== this.ring.current.id };
    } catch {
      throw new SealError('tampered', `it does not authenticate under key "${id}" (altered, or moved from another record)`);
    }
  }

  /**
   * fingerprint(checksum, keyId) → "keyId:hex HMAC" of a plain checksum, so a sealed record's checksum
   * tells nothing about its content to someone without the key.
   */
  fingerprint(checksum: string, keyId = this.ring.current.id): string {
    return `${keyId}:${createHmac('sha256', this.fingerprintKey(keyId)).update(checksum).digest('hex')}`;
  }

  private fingerprintKey(keyId: string): Buffer {
    let derived = this.fingerprintKeys.get(keyId);
    if (!derived) {
      const key = this.keys.get(keyId);
      if (!key) throw new SealError('unknown-key', `its checksum names key "${keyId}", which is neither the current key nor a retired one`);
      derived = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'cadenza checksum', KEY_BYTES));
      this.fingerprintKeys.set(keyId, derived);
    }
    return derived;
  }
}

/** iv | tag | ciphertext */
function encrypt(key: Buffer, plain: Uint8Array, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const text = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), text]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/**
 * sealValue(sealer, text, context) → the envelope when encryption is on, else the text as it is: the
 * one place a store decides what reaches the disk.
 */
export function sealValue(sealer: Sealer | undefined, plain: string | Uint8Array, context: string): string | Buffer {
  if (!sealer) return typeof plain === 'string' ? plain : Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  return sealer.seal(typeof plain === 'string' ? Buffer.from(plain, 'utf8') : plain, context);
}

/**
 * openValue(sealer, stored, context) → the plain bytes; stale when they should be sealed again under the
 * current key (a retired key, or written before encryption was turned on). A sealed value without a
 * sealer is SealError "no-key".
 */
export function openValue(sealer: Sealer | undefined, stored: string | Uint8Array, context: string): Opened {
  const bytes = typeof stored === 'string' ? Buffer.from(stored, 'utf8') : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (!isSealed(bytes)) return { plain: bytes, stale: sealer !== undefined };
  if (!sealer) throw new SealError('no-key', 'it is encrypted and no encryption key is configured (CADENZA_ENCRYPTION_KEY or CADENZA_ENCRYPTION_KEY_FILE)');
  return sealer.open(bytes, context);
}

/** sealContext("acme", "x", "meta") → the context a value is bound to (JSON, so no part can run into another) */
export function sealContext(tenantId: string, id: string, field: string): string {
  return JSON.stringify([tenantId, id, field]);
}

/** sealerOf(config) → { sealer } when keys for encryption at rest are configured, else {} */
export function sealerOf(config: Config): { sealer?: Sealer } {
  return config.store.encryption ? { sealer: new Sealer(config.store.encryption) } : {};
}
