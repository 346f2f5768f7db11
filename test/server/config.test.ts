import { delimiter } from 'node:path';
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
