/**
 * The API keys a server checks against, read from the keys file whenever it changes: `cadenza apikey
 * revoke` (or create) on any machine that shares the data folder takes effect on the next request of
 * every replica, without a restart. One stat per request decides; the file is read again only when its
 * identity, size or times differ (the CLI replaces it by rename, so even two writes within one clock
 * tick give a new inode).
 */
import { stat } from 'node:fs/promises';
import { readApiKeys, writeApiKeys, type ApiKeyRecord, type ApiKeyRegistry, type ApiKeySource } from './api-keys.js';
import { CredentialError } from './verifier.js';

export class ApiKeyFile implements ApiKeySource, ApiKeyRegistry {
  private signature = '';
  private byId: ReadonlyMap<string, ApiKeyRecord> = new Map();

  constructor(private readonly file: string) {}

  get where(): string {
    return this.file;
  }

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    return (await this.current()).get(id);
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    return readApiKeys(this.file);
  }

  async add(record: ApiKeyRecord): Promise<void> {
    writeApiKeys(this.file, [...readApiKeys(this.file), record]);
  }

  async remove(id: string): Promise<boolean> {
    const records = readApiKeys(this.file);
    if (!records.some((record) => record.id === id)) return false;
    writeApiKeys(this.file, records.filter((record) => record.id !== id));
    return true;
  }

  async replace(record: ApiKeyRecord): Promise<boolean> {
    const records = readApiKeys(this.file);
    if (!records.some((kept) => kept.id === record.id)) return false;
    writeApiKeys(this.file, records.map((kept) => (kept.id === record.id ? record : kept)));
    return true;
  }

  async close(): Promise<void> {}

  /** the keys as the file holds them now */
  async current(): Promise<ReadonlyMap<string, ApiKeyRecord>> {
    const signature = await this.signatureNow();
    if (signature === this.signature) return this.byId;
    let records: readonly ApiKeyRecord[];
    try {
      records = readApiKeys(this.file);
    } catch {
      // fail closed: a key file that cannot be read must not leave revoked keys working
      throw new CredentialError('unavailable', 'The server cannot read its API keys just now; retry shortly.');
    }
    this.byId = new Map(records.map((record) => [record.id, record]));
    this.signature = signature;
    return this.byId;
  }

  private async signatureNow(): Promise<string> {
    try {
      const facts = await stat(this.file, { bigint: true });
      return `${facts.ino}:${facts.size}:${facts.mtimeNs}:${facts.ctimeNs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
      throw new CredentialError('unavailable', 'The server cannot read its API keys just now; retry shortly.');
    }
  }
}
