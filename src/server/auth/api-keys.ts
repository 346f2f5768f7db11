/**
 * API keys for simple deployments. A key is "cdz_<id>_<secret>"; only the SHA-256 of the secret is kept
 * (in <data dir>/api-keys.json), so a leaked file grants nothing. Secrets are 256 random bits, which is
 * why a fast hash suffices here where a password would need a slow one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AuthInfo } from '@modelcontextprotocol/server';
import { SCOPES, type Scope } from '../../mcp/define-tool.js';
import { parseWorkspaceRoles, type WorkspaceRoles } from '../../mcp/workspaces.js';
import { ConfigError } from '../config.js';
import { CredentialError, type TokenVerifier } from './verifier.js';

export interface ApiKeyRecord {
  readonly id: string;
  readonly tenant: string;
  readonly scopes: readonly Scope[];
  /** hex SHA-256 of the secret */
  readonly hash: string;
  readonly createdAt: string;
  readonly label?: string;
  /** the key's role in each workspace of its tenant (mcp/workspaces.ts); absent: every role */
  readonly roles?: WorkspaceRoles;
}

const KEY_PATTERN = /^cdz_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** API keys do not expire by themselves; the SDK wants an expiry, so each verification grants an hour. */
const VERIFIED_FOR_SECONDS = 3600;

export function apiKeysFile(dataDir: string): string {
  return join(dataDir, 'api-keys.json');
}

/** the keys in `file` (none when it does not exist); a file that cannot be read is a ConfigError naming it */
export function readApiKeys(file: string): ApiKeyRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(`Cannot read the API keys file ${file}: ${(error as Error).message}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The API keys file ${file} is not valid JSON (${(error as Error).message}); restore it from a backup or recreate the keys with "cadenza apikey create".`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new ConfigError(`The API keys file ${file} has no "keys" list; restore it from a backup or recreate the keys with "cadenza apikey create".`);
  return keys as ApiKeyRecord[];
}

/** Writes atomically (temp file + rename) with owner-only permissions. */
export function writeApiKeys(file: string, keys: readonly ApiKeyRecord[]): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ keys }, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, file);
}

/** createApiKey("acme", ["scores:read"]) → the key to hand out once, and the record to keep */
export function createApiKey(tenant: string, scopes: readonly Scope[], label?: string, roles?: WorkspaceRoles): { key: string; record: ApiKeyRecord } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const record: ApiKeyRecord = {
    id, tenant, scopes: [...scopes], hash: sha256(secret), createdAt: new Date().toISOString(), ...(label ? { label } : {}), ...(roles ? { roles: { ...roles } } : {}),
  };
  return { key: `cdz_${id}_${secret}`, record };
}

/** Where the verifier finds a key, as it is now (ApiKeyFile, or RedisApiKeys where replicas share Redis). */
export interface ApiKeySource {
  /** the key with this id; CredentialError "unavailable" when the keys cannot be read just now */
  find(id: string): Promise<ApiKeyRecord | undefined>;
}

/** Where `cadenza apikey` keeps the keys: the data folder's file, or Redis. */
export interface ApiKeyRegistry {
  list(): Promise<readonly ApiKeyRecord[]>;
  add(record: ApiKeyRecord): Promise<void>;
  /** false when there is no key with this id */
  remove(id: string): Promise<boolean>;
  /** puts `record` in place of the key with its id, in one step; false when there is none (revoked meanwhile) */
  replace(record: ApiKeyRecord): Promise<boolean>;
  /** the place, for messages ("/data/api-keys.json", "Redis") */
  readonly where: string;
  close(): Promise<void>;
}

export class ApiKeyVerifier implements TokenVerifier {
  constructor(private readonly keys: ApiKeySource) {}

  async verify(token: string): Promise<AuthInfo> {
    const match = KEY_PATTERN.exec(token);
    if (!match) throw new CredentialError('malformed', 'Not a Cadenza API key.');
    const record = await this.keys.find(match[1]!);
    const given = Buffer.from(sha256(match[2]!), 'hex');
    // compare even when the id is unknown, so timing does not tell which ids exist
    const expected = Buffer.from(record?.hash ?? '0'.repeat(64), 'hex');
    if (!record || expected.length !== given.length || !timingSafeEqual(given, expected)) throw new CredentialError('unknown_key', 'Unknown or revoked API key.');
    return {
      token,
      clientId: `apikey:${record.id}`,
      scopes: record.scopes.filter((scope) => (SCOPES as readonly string[]).includes(scope)),
      expiresAt: Math.floor(Date.now() / 1000) + VERIFIED_FOR_SECONDS,
      extra: { tenant: record.tenant, subject: `apikey:${record.id}`, ...rolesOf(record) },
    };
  }
}

/** the key's roles; a record whose roles were damaged by hand grants no workspace rather than every one */
function rolesOf(record: ApiKeyRecord): { roles?: WorkspaceRoles } {
  if (record.roles === undefined) return {};
  return { roles: parseWorkspaceRoles(record.roles) ?? {} };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
