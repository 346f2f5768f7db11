/**
 * The MCP registry's server.json (schema 2025-12-11): how to install Cadenza from npm and run it over
 * stdio. The file at the repository's root is this, written by `npm run registry:server-json`; a test
 * fails when the two differ.
 */
import type { PackageFacts } from './package-facts.js';

export const REGISTRY_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';

/** registryEntry(facts) → server.json: the npm package, started as `cadenza serve` over stdio */
export function registryEntry(facts: PackageFacts) {
  return {
    $schema: REGISTRY_SCHEMA,
    name: facts.mcpName,
    title: 'Cadenza',
    description: facts.description,
    version: facts.version,
    packages: [
      {
        registryType: 'npm',
        registryBaseUrl: 'https://registry.npmjs.org',
        identifier: facts.name,
        version: facts.version,
        runtimeHint: 'npx',
        transport: { type: 'stdio' },
        packageArguments: [{ type: 'positional', value: 'serve' }],
        environmentVariables: [
          {
            name: 'CADENZA_ALLOWED_ROOTS',
            description: 'Folders Cadenza may read scores from, separated by the platform path delimiter (default: the working folder).',
            format: 'string',
            isRequired: false,
          },
          {
            name: 'CADENZA_DATA_DIR',
            description: 'Where imported scores are kept (default: the platform data folder).',
            format: 'filepath',
            isRequired: false,
          },
        ],
      },
    ],
  };
}
