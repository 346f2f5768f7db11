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
    expect(committed).toEqual(registryEntry(readPackageFacts()));
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
    expect(npm!.packageArguments).toEqual([{ type: 'positional', value: 'serve' }]);
  });

  it('would be refused by the schema with a description over 100 characters or a version range', () => {
    expect(validateRegistryEntry({ ...committed, description: 'x'.repeat(101) })).toBe(false);
    expect(validateRegistryEntry({ ...committed, name: 'no-namespace' })).toBe(false);
    const latest = { ...committed, packages: [{ ...committed.packages[0]!, version: 'latest' }] };
    expect(validateRegistryEntry(latest)).toBe(false);
  });
});
