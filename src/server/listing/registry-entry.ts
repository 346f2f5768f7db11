/**
 * The MCP registry's server.json (schema 2025-12-11): how to install Cadenza from npm and run it over
 * stdio, and where its Claude Desktop bundles (.mcpb, one per platform: they hold native modules) are
 * downloaded from, with each file's SHA-256, which the registry requires for MCPB packages. The file at the
 * repository's root is this, written by `npm run registry:server-json` (which builds the bundle to hash
 * it); a test fails when the two differ in anything but the hash of a bundle built since.
 */
import type { PackageFacts } from './package-facts.js';

export const REGISTRY_SCHEMA = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';

/** A bundle as released: its file name (scripts/bundle.mjs names it) and the SHA-256 of its bytes. */
export interface ReleasedBundle {
  readonly fileName: string;
  readonly sha256: string;
}

/** where a version's release files are downloaded, from the GitHub owner and repository mcpName names */
export function releaseDownloads(facts: PackageFacts): string {
  const [, owner, repository] = /^io\.github\.([^/]+)\/(.+)$/.exec(facts.mcpName) ?? [];
  if (!owner || !repository) throw new Error(`mcpName "${facts.mcpName}" does not name a GitHub repository (io.github.<owner>/<repository>)`);
  return `https://github.com/${owner}/${repository}/releases/download/v${facts.version}`;
}

/** registryEntry(facts, bundles) → server.json: the npm package, started as `cadenza serve` over stdio, and each bundle */
export function registryEntry(facts: PackageFacts, bundles: readonly ReleasedBundle[] = []) {
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
      ...bundles.map((bundle) => ({
        registryType: 'mcpb',
        identifier: `${releaseDownloads(facts)}/${bundle.fileName}`,
        version: facts.version,
        fileSha256: bundle.sha256,
        transport: { type: 'stdio' },
      })),
    ],
  };
}
