import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, openValue, sealContext, Sealer, sealValue, type EncryptionKey } from '../../../src/server/store/sealing.js';

const key = (id: string): EncryptionKey => ({ id, key: randomBytes(32) });
const k1 = key('k1');
const k2 = key('k2');
const text = Buffer.from('{"title":"Ricercar"}');
const context = sealContext('acme', 'x', 'meta');

describe('sealing (AES-256-GCM envelopes)', () => {
  it('opens what it sealed, and the envelope holds nothing of the plain text', () => {
    const sealer = new Sealer({ current: k1, retired: [] });
    const sealed = sealer.seal(text, context);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.includes('Ricercar')).toBe(false);
    expect(sealer.open(sealed, context)).toEqual({ plain: text, stale: false });
    // a fresh data key and nonce each time: equal values do not give equal envelopes
    expect(sealer.seal(text, context).equals(sealed)).toBe(false);
  });

  it('refuses a flipped bit anywhere in the envelope, as tampered', () => {
    const sealer = new Sealer({ current: k1, retired: [] });
    const sealed = sealer.seal(text, context);
    for (let index = 7; index < sealed.length; index++) {
      const altered = Buffer.from(sealed);
      altered[index]! ^= 0x01;
      expect(() => sealer.open(altered, context)).toThrow(expect.objectContaining({ name: 'SealError', reason: 'tampered' }));
    }
    expect(() => sealer.open(sealed.subarray(0, sealed.length - 1), context)).toThrow(expect.objectContaining({ reason: 'tampered' }));
  });

  it('refuses an envelope moved to another score, field or tenant', () => {
    const sealer = new Sealer({ current: k1, retired: [] });
    const sealed = sealer.seal(text, context);
    for (const other of [sealContext('acme', 'y', 'meta'), sealContext('acme', 'x', 'data'), sealContext('acme:eu', 'x', 'meta')]) {
      expect(() => sealer.open(sealed, other)).toThrow(expect.objectContaining({ reason: 'tampered' }));
    }
  });

  it('opens under a retired key and says the value is stale; names a key it does not have', () => {
    const old = new Sealer({ current: k1, retired: [] }).seal(text, context);
    expect(new Sealer({ current: k2, retired: [k1] }).open(old, context)).toEqual({ plain: text, stale: true });
    expect(() => new Sealer({ current: k2, retired: [] }).open(old, context)).toThrow(expect.objectContaining({ reason: 'unknown-key', message: expect.stringContaining('"k1"') }));
  });

  it('refuses a key with the right id but the wrong bytes, as not authenticating', () => {
    const sealed = new Sealer({ current: k1, retired: [] }).seal(text, context);
    expect(() => new Sealer({ current: key('k1'), retired: [] }).open(sealed, context)).toThrow(expect.objectContaining({ reason: 'tampered' }));
  });

  it('keeps plain values plain without a sealer, reads plain values as stale with one, and wants a key for a sealed one', () => {
    const sealer = new Sealer({ current: k1, retired: [] });
    expect(sealValue(undefined, '{"a":1}', context)).toBe('{"a":1}');
    expect(openValue(undefined, '{"a":1}', context)).toEqual({ plain: Buffer.from('{"a":1}'), stale: false });
    expect(openValue(sealer, '{"a":1}', context)).toEqual({ plain: Buffer.from('{"a":1}'), stale: true });
    expect(() => openValue(undefined, sealValue(sealer, '{"a":1}', context), context)).toThrow(expect.objectContaining({ reason: 'no-key' }));
  });

  it('fingerprints a checksum under a named key, differently for each key', () => {
    const sealer = new Sealer({ current: k2, retired: [k1] });
    expect(sealer.fingerprint('abc')).toMatch(/^k2:[0-9a-f]{64}$/);
    expect(sealer.fingerprint('abc', 'k1')).toMatch(/^k1:[0-9a-f]{64}$/);
    expect(sealer.fingerprint('abc').slice(3)).not.toBe(sealer.fingerprint('abc', 'k1').slice(3));
  });
});
