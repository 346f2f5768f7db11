import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPackageFacts } from '../../../src/server/listing/package-facts.js';
import { REGISTRY_SCHEMA, registryEntry } from '../../../src/server/listing/registry-entry.js';
import { problems, validateRegistryEntry } from '../../support/json-schemas.js';

const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
  mcpName: string;
  bin: Record<string, string>;
};
const committed = JSON.parse(readFileSync(new URL('../../../server.json', import.meta.url), 'utf8')) as ReturnType<typeof registryEntry>;

describe("the MCP registry's server.json", () => {
  it('is what package.json makes (after changing package.json: npm run registry:server-json)', () => {
    // a bundle's hash is of the bundle built when server.json was written: taken from the file itself
    const bundles = committed.packages.filter((entry) => entry.registryType === 'mcpb').map((entry) => ({ fileName: entry.identifier.split('/').at(-1)!, sha256: (entry as { fileSha256: string }).fileSha256 }));
    expect(committed).toEqual(registryEntry(readPackageFacts(), bundles));
  });

  it('lists the Claude Desktop bundle of this version as an MCPB package, downloaded from the release, with its SHA-256', () => {
    const bundles = committed.packages.filter((entry) => entry.registryType === 'mcpb');
    expect(bundles).toHaveLength(1);
    expect(bundles[0]).toMatchObject({
      identifier: `https://github.com/cadenza-music/cadenza/releases/download/v${packageJson.version}/${packageJson.name}-${packageJson.version}-linux-x64.mcpb`,
      version: packageJson.version,
      transport: { type: 'stdio' },
    });
    expect((bundles[0] as { fileSha256: string }).fileSha256).toMatch(/^[a-f0-9]{64}$/);
    const withoutHash = { ...committed, packages: [committed.packages[0]!, { ...bundles[0]!, fileSha256: 'not a hash' }] };
    expect(validateRegistryEntry(withoutHash)).toBe(false);
  });

  it('validates against the registry schema 2025-12-11', () => {
    const valid = validateRegistryEntry(committed);
    expect(problems(validateRegistryEntry)).toEqual([]);
    expect(valid).toBe(true);
    expect(committed.$schema).toBe(REGISTRY_SCHEMA);
  });

  it("names the npm package whose mcpName the registry checks, at this version, started by its bin as `serve` over stdio", () => {
    expect(committed.name).toBe(packageJson.mcpName);
    const [npm] = committed.packages;
    expect(npm).toMatchObject({ registryType: 'npm', identifier: packageJson.name, version: packageJson.version, transport: { type: 'stdio' } });
    expect(Object.keys(packageJson.bin)).toEqual([packageJson.name]);
    expect(npm).toMatchObject({ packageArguments: [{ type: 'positional', value: 'serve' }] });
  });

  it('would be refused by the schema with a description over 100 characters or a version range', () => {
    expect(validateRegistryEntry({ ...committed, description: 'x'.repeat(101) })).toBe(false);
    expect(validateRegistryEntry({ ...committed, name: 'no-namespace' })).toBe(false);
    const latest = { ...committed, packages: [{ ...committed.packages[0]!, version: 'latest' }] };
    expect(validateRegistryEntry(latest)).toBe(false);
  });
});
