import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';

describe('loadConfig', () => {
  it('defaults the allowed roots to the working directory', () => {
    expect(loadConfig({}, '/work/here').allowedRoots).toEqual(['/work/here']);
  });

  it('splits CADENZA_ALLOWED_ROOTS on the platform path delimiter', () => {
    const config = loadConfig({ CADENZA_ALLOWED_ROOTS: ['/a', '/b'].join(delimiter) }, '/cwd');
    expect(config.allowedRoots).toEqual(['/a', '/b']);
  });

  it('reads numeric limits and refuses nonsense with a message naming the variable', () => {
    expect(loadConfig({ CADENZA_MAX_INPUT_BYTES: '1024' }, '/').maxInputBytes).toBe(1024);
    expect(() => loadConfig({ CADENZA_MAX_INPUT_BYTES: 'lots' }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ CADENZA_MAX_INPUT_BYTES: '-5' }, '/')).toThrow(/CADENZA_MAX_INPUT_BYTES/);
    expect(() => loadConfig({ CADENZA_LOG_LEVEL: 'loud' }, '/')).toThrow(/CADENZA_LOG_LEVEL/);
  });
});

describe('loadConfig for serving over HTTP', () => {
  it('binds to loopback without auth by default, with the /mcp URL derived from host and port', () => {
    const config = loadConfig({ CADENZA_PORT: '9000' }, '/');
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 9000, publicUrl: 'http://127.0.0.1:9000/mcp' });
    expect(config.auth).toEqual({ mode: 'none', localAdminTools: false });
  });

  it('refuses a store-wide byte budget smaller than one tenant’s quota, naming both variables', () => {
    expect(() => loadConfig({ CADENZA_MAX_TOTAL_BYTES: '1000', CADENZA_MAX_TENANT_BYTES: '2000' }, '/')).toThrow(/CADENZA_MAX_TOTAL_BYTES: 1000 bytes .* CADENZA_MAX_TENANT_BYTES \(2000\)/);
    expect(loadConfig({ CADENZA_MAX_TOTAL_BYTES: '2000', CADENZA_MAX_TENANT_BYTES: '2000' }, '/').store.maxTotalBytes).toBe(2000);
  });

  it('refuses to serve without auth on a non-loopback address', () => {
    expect(() => loadConfig({ CADENZA_HOST: '0.0.0.0' }, '/')).toThrow(/CADENZA_AUTH.*loopback/);
    expect(loadConfig({ CADENZA_HOST: '0.0.0.0', CADENZA_AUTH: 'apikey' }, '/').auth.mode).toBe('apikey');
  });

  it('needs an issuer for OAuth, and defaults the audience to the public URL', () => {
    expect(() => loadConfig({ CADENZA_AUTH: 'oauth' }, '/')).toThrow(/CADENZA_OAUTH_ISSUER/);
    const config = loadConfig({ CADENZA_AUTH: 'oauth', CADENZA_OAUTH_ISSUER: 'https://id.example', CADENZA_PUBLIC_URL: 'https://music.example/mcp' }, '/');
    expect(config.auth.oauth).toEqual({ issuer: 'https://id.example', audience: 'https://music.example/mcp', tenantClaim: 'tenant', rolesClaim: 'cadenza_roles' });
  });

  it('reads an optional JSON file that the environment overrides', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cadenza-config-'));
    const file = join(folder, 'cadenza.json');
    writeFileSync(file, JSON.stringify({ CADENZA_PORT: 7000, CADENZA_WORKERS: 3 }));
    const config = loadConfig({ CADENZA_CONFIG_FILE: file, CADENZA_WORKERS: '1' }, '/');
    expect([config.http.port, config.work.threads]).toEqual([7000, 1]);
    writeFileSync(file, '[1, 2]');
    expect(() => loadConfig({ CADENZA_CONFIG_FILE: file }, '/')).toThrow(/CADENZA_CONFIG_FILE/);
    rmSync(folder, { recursive: true });
  });

  it('puts data in the platform’s per-user folder unless told otherwise', () => {
    expect(loadConfig({ HOME: '/home/ada', XDG_DATA_HOME: '' }, '/').dataDir).toMatch(/^\/home\/ada\/.*cadenza$/);
    expect(loadConfig({ CADENZA_DATA_DIR: '/srv/cadenza' }, '/').dataDir).toBe('/srv/cadenza');
  });

  it('gives /metrics a port of its own only when it differs from the main port', () => {
    expect(loadConfig({}, '/').http.metricsPort).toBeUndefined();
    expect(loadConfig({ CADENZA_METRICS_PORT: '9464' }, '/').http.metricsPort).toBe(9464);
    expect(() => loadConfig({ CADENZA_PORT: '9464', CADENZA_METRICS_PORT: '9464' }, '/')).toThrow(/CADENZA_METRICS_PORT: 9464 is CADENZA_PORT too/);
    expect(() => loadConfig({ CADENZA_METRICS_PORT: 'x' }, '/')).toThrow(/CADENZA_METRICS_PORT/);
  });
});
