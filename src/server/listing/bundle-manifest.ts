/**
 * manifest.json of the Claude Desktop bundle (an MCPB file, manifest version 0.3): Cadenza as a Node
 * server started over stdio from inside the unpacked bundle, its tools listed from the tool registry. The
 * bundle carries native modules (better-sqlite3, resvg) built for one platform and Node ABI, so the
 * manifest names that platform and Node major; `npm run bundle` builds it for the machine it runs on.
 */
import type { ToolDefinition } from '../../mcp/define-tool.js';
import { SERVER_DESCRIPTION } from '../../mcp/identity.js';
import { firstSentence } from '../../mcp/tools-table.js';
import type { PackageFacts } from './package-facts.js';

export const BUNDLE_ENTRY_POINT = 'dist/cli.js';
export const BUNDLE_ICON = 'icon.png';

export interface BundleTarget {
  readonly platform: 'darwin' | 'win32' | 'linux';
  /** the Node major version the native modules were built for */
  readonly nodeMajor: number;
}

/** bundleManifest(facts, TOOLS, { platform: 'linux', nodeMajor: 22 }) → manifest.json, as JSON-ready data */
export function bundleManifest(facts: PackageFacts, tools: readonly ToolDefinition[], target: BundleTarget) {
  return {
    manifest_version: '0.3',
    name: facts.name,
    display_name: 'Cadenza',
    version: facts.version,
    description: facts.description,
    long_description: SERVER_DESCRIPTION,
    author: { name: facts.author },
    license: facts.license,
    icon: BUNDLE_ICON,
    keywords: ['music', 'music theory', 'analysis', 'composition', 'musicxml', 'midi'],
    server: {
      type: 'node',
      entry_point: BUNDLE_ENTRY_POINT,
      mcp_config: {
        command: 'node',
        args: [`\${__dirname}/${BUNDLE_ENTRY_POINT}`, 'serve'],
        env: { CADENZA_ALLOWED_ROOTS: '${user_config.music_folder}' },
      },
    },
    tools: tools.map((tool) => ({ name: tool.name, description: firstSentence(tool.description) })),
    compatibility: {
      platforms: [target.platform],
      runtimes: { node: `>=${target.nodeMajor}.0.0 <${target.nodeMajor + 1}.0.0` },
    },
    user_config: {
      music_folder: {
        type: 'directory',
        title: 'Music folder',
        description: 'The folder Cadenza may read scores from (MusicXML, MIDI, ABC, **kern, MEI).',
        required: true,
        default: '${HOME}/Music',
      },
    },
  };
}
