import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';

const secret = () => randomBytes(32).toString('base64');
const folder = mkdtempSync(join(tmpdir(), 'cadenza-keys-'));

describe('encryption keys in the configuration', () => {
  it('is off by default', () => {
    expect(loadConfig({}, '/').store.encryption).toBeUndefined();
  });

  it('reads the current key from CADENZA_ENCRYPTION_KEY and retired ones from CADENZA_ENCRYPTION_RETIRED_KEYS', () => {
    const current = secret();
    const ring = loadConfig({ CADENZA_ENCRYPTION_KEY: `k2:${current}`, CADENZA_ENCRYPTION_RETIRED_KEYS: `k1:${secret()}, k0:${secret()}` }, '/').store.encryption;
    expect(ring?.current).toEqual({ id: 'k2', key: Buffer.from(current, 'base64') });
    expect(ring?.retired.map((key) => key.id)).toEqual(['k1', 'k0']);
  });

  it('reads a key file: the first line current, the others retired, comments skipped', () => {
    const file = join(folder, 'keys');
    writeFileSync(file, `# rotated 2026-12\n2026-12:${secret()}\n2026-06:${secret()}\n`);
    const ring = loadConfig({ CADENZA_ENCRYPTION_KEY_FILE: file }, '/').store.encryption;
    expect([ring?.current.id, ring?.retired.map((key) => key.id)]).toEqual(['2026-12', ['2026-06']]);
  });

  it.each([
    [{ CADENZA_ENCRYPTION_KEY: `k1:${randomBytes(16).toString('base64')}` }, /CADENZA_ENCRYPTION_KEY: the key "k1" must be 32 bytes in base64.*not 16 bytes/],
    [{ CADENZA_ENCRYPTION_KEY: secret() }, /CADENZA_ENCRYPTION_KEY: a key is "<id>:<base64 of 32 bytes>"/],
    [{ CADENZA_ENCRYPTION_KEY: `k1:${secret()}`, CADENZA_ENCRYPTION_KEY_FILE: '/x' }, /both set/],
    [{ CADENZA_ENCRYPTION_RETIRED_KEYS: `k1:${secret()}` }, /without a current key/],
    [{ CADENZA_ENCRYPTION_KEY: `k1:${secret()}`, CADENZA_ENCRYPTION_RETIRED_KEYS: `k1:${secret()}` }, /"k1" is given twice/],
    [{ CADENZA_ENCRYPTION_KEY_FILE: join(folder, 'missing') }, /CADENZA_ENCRYPTION_KEY_FILE: cannot read .*missing/],
  ])('refuses an unusable key setting with a message naming the variable (%#)', (environment, message) => {
    expect(() => loadConfig(environment, '/')).toThrow(message);
  });

  it('never repeats the key in its messages', () => {
    const bad = `k1:${randomBytes(16).toString('base64')}`;
    expect(() => loadConfig({ CADENZA_ENCRYPTION_KEY: bad }, '/')).toThrow(expect.objectContaining({ message: expect.not.stringContaining(bad.slice(3)) }));
  });
});
