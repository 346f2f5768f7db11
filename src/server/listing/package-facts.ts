/**
 * What the listings (the Server Card, the registry's server.json, the Claude Desktop bundle's manifest) say
 * about Cadenza, read from package.json so that none of them can drift from the package they describe.
 */
import { readFileSync } from 'node:fs';

export interface PackageFacts {
  /** the npm package name */
  readonly name: string;
  readonly version: string;
  /** one line, at most 100 characters (the registry's and the Server Card's limit) */
  readonly description: string;
  /** the reverse-DNS name in the MCP registry, e.g. "io.github.cadenza-music/cadenza" */
  readonly mcpName: string;
  readonly author: string;
  readonly license: string;
}

const PACKAGE_JSON = new URL('../../../package.json', import.meta.url);

/** readPackageFacts() → the facts of the package.json two folders above src/server/listing (or dist/server/listing) */
export function readPackageFacts(path: URL = PACKAGE_JSON): PackageFacts {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const field = (name: string): string => {
    const value = manifest[name];
    if (typeof value !== 'string' || value === '') throw new Error(`package.json has no "${name}"`);
    return value;
  };
  return {
    name: field('name'),
    version: field('version'),
    description: field('description'),
    mcpName: field('mcpName'),
    author: field('author'),
    license: field('license'),
  };
}
