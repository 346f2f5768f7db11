/** `cadenza apikey` and `serve --port` answer a person's mistakes with a sentence and a sysexits code, never a stack trace. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function cadenza(args: string[], dataDir = mkdtempSync(join(tmpdir(), 'cadenza-apikey-'))) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CADENZA_DATA_DIR: dataDir }, timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, dataDir };
}

describe('cadenza apikey', () => {
  it('names a damaged keys file and exits 78 (configuration), with no stack trace', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-apikey-'));
    writeFileSync(join(dataDir, 'api-keys.json'), 'garbage{');
    for (const args of [['apikey', 'list'], ['apikey', 'create', '--tenant', 'acme'], ['apikey', 'revoke', 'abc']]) {
      const run = cadenza(args, dataDir);
      expect(run.status, args.join(' ')).toBe(78);
      expect(run.stderr).toContain('api-keys.json is not valid JSON');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(join(dataDir, 'api-keys.json'), 'utf8')).toBe('garbage{');
  });

  it('refuses to mint a key for a tenant name the server would refuse', () => {
    const run = cadenza(['apikey', 'create', '--tenant', 'a\tb']);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('no control characters');
    expect(run.stdout).toBe('');
  });

  it('creates, lists and revokes a key', () => {
    const created = cadenza(['apikey', 'create', '--tenant', 'acme:eu', '--scopes', 'scores:read']);
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/^cdz_[0-9a-f]{12}_/);
    const id = /^cdz_([0-9a-f]{12})_/.exec(created.stdout)![1]!;
    expect(cadenza(['apikey', 'list'], created.dataDir).stdout).toContain(`${id}\tacme:eu\tscores:read`);
    expect(cadenza(['apikey', 'revoke', id], created.dataDir).status).toBe(0);
    expect(cadenza(['apikey', 'list'], created.dataDir).stdout).toBe('');
  });

  it('gives a key roles in workspaces, changes them, and writes each grant and change to the audit log', () => {
    const created = cadenza(['apikey', 'create', '--tenant', 'acme', '--role', 'team-a=editor', '--role', '*=viewer']);
    expect(created.status, created.stderr).toBe(0);
    const id = /^cdz_([0-9a-f]{12})_/.exec(created.stdout)![1]!;
    const audited = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audited(created.stderr)).toContainEqual(expect.objectContaining({ audit: true, event: 'role_change', key: id, roles: { 'team-a': 'editor', '*': 'viewer' }, previous: 'every' }));
    expect(cadenza(['apikey', 'list'], created.dataDir).stdout).toContain(`${id}\tacme\tscores:read,scores:write\tteam-a=editor,*=viewer\t`);
    const changed = cadenza(['apikey', 'roles', id, '--role', 'team-a=owner'], created.dataDir);
    expect(changed.status, changed.stderr).toBe(0);
    expect(audited(changed.stderr)).toContainEqual(expect.objectContaining({ event: 'role_change', roles: { 'team-a': 'owner' }, previous: { 'team-a': 'editor', '*': 'viewer' } }));
    expect(JSON.parse(readFileSync(join(created.dataDir, 'api-keys.json'), 'utf8')).keys[0].roles).toEqual({ 'team-a': 'owner' });
    expect(cadenza(['apikey', 'roles', id, '--every'], created.dataDir).status).toBe(0);
    expect(cadenza(['apikey', 'list'], created.dataDir).stdout).toContain(`${id}\tacme\tscores:read,scores:write\tevery\t`);
  });

  it.each([['team-a=admin'], ['a:b=owner'], ['team-a']])('refuses the role %s with a sentence and exit 64', (role) => {
    const run = cadenza(['apikey', 'create', '--tenant', 'acme', '--role', role]);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('Roles are workspace=role');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('answers a change of roles for an unknown key with exit 66', () => {
    expect(cadenza(['apikey', 'roles', 'abcdef123456', '--role', 'team-a=owner']).status).toBe(66);
  });
});

describe('cadenza serve --port', () => {
  it('names --port, not an environment variable, when the port is not a number', () => {
    for (const port of ['abc', '70000', '-1', '1.5']) {
      const run = cadenza(['serve', '--http', '--port', port]);
      expect(run.status, port).toBe(64);
      expect(run.stderr, port).toContain('--port takes a whole number from 0 to 65535');
      expect(run.stderr, port).not.toContain('CADENZA_PORT');
    }
  });
});
