/**
 * The key ring for encryption at rest, from CADENZA_ENCRYPTION_KEY (or a file named by
 * CADENZA_ENCRYPTION_KEY_FILE, as a Kubernetes or compose secret is mounted) and
 * CADENZA_ENCRYPTION_RETIRED_KEYS. A key is written "<id>:<base64 of 32 random bytes>", e.g. made with
 * `echo "2026-12:$(openssl rand -base64 32)"`. The key file's first line is the current key; any further
 * lines are retired keys, kept so that what they sealed stays readable until it is rewritten.
 */
import { readFileSync } from 'node:fs';
import { KEY_ID_PATTERN, type EncryptionKey, type KeyRing } from './store/sealing.js';

export interface KeySettings {
  readonly key?: string;
  readonly keyFile?: string;
  readonly retiredKeys?: string;
}

/** readKeyRing({ key: "k1:<base64>" }) → { current: k1, retired: [] }; undefined when encryption is off; Error naming the variable when a key is unusable */
export function readKeyRing(settings: KeySettings): KeyRing | undefined {
  if (settings.key && settings.keyFile) throw new Error('CADENZA_ENCRYPTION_KEY and CADENZA_ENCRYPTION_KEY_FILE are both set; set one.');
  const fromFile = settings.keyFile ? keyFileLines(settings.keyFile) : [];
  const currentText = settings.key ?? fromFile[0];
  const retiredTexts = [...fromFile.slice(1), ...(settings.retiredKeys ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '')];
  if (currentText === undefined) {
    if (retiredTexts.length > 0) throw new Error('CADENZA_ENCRYPTION_RETIRED_KEYS is set without a current key (CADENZA_ENCRYPTION_KEY or CADENZA_ENCRYPTION_KEY_FILE).');
    return undefined;
  }
  const source = settings.key ? 'CADENZA_ENCRYPTION_KEY' : `CADENZA_ENCRYPTION_KEY_FILE (${settings.keyFile})`;
  const current = parseKey(currentText, source);
  const retired = retiredTexts.map((text) => parseKey(text, 'a retired key (CADENZA_ENCRYPTION_RETIRED_KEYS or the key file)'));
  const ids = [current, ...retired].map((entry) => entry.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) throw new Error(`the encryption key id "${repeated}" is given twice; every key needs its own id.`);
  return { current, retired };
}

function keyFileLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`CADENZA_ENCRYPTION_KEY_FILE: cannot read ${file} (${(error as Error).message}).`);
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw new Error(`CADENZA_ENCRYPTION_KEY_FILE: ${file} holds no key.`);
  return lines;
}

/** parseKey("k1:<base64>", …) → { id: "k1", key: 32 bytes }; never repeats the secret in a message */
function parseKey(text: string, source: string): EncryptionKey {
  const colon = text.indexOf(':');
  const id = text.slice(0, Math.max(0, colon));
  if (colon < 0 || !KEY_ID_PATTERN.test(id)) throw new Error(`${source}: a key is "<id>:<base64 of 32 bytes>", the id of letters, digits, ".", "_" and "-" (up to 64).`);
  const encoded = text.slice(colon + 1);
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) throw new Error(`${source}: the key "${id}" must be 32 bytes in base64 (openssl rand -base64 32), not ${key.length} bytes.`);
  return { id, key };
}
