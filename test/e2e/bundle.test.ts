/**
 * The Claude Desktop bundle: built by the npm script's own code, unpacked into an empty folder, and run
 * from there as Claude Desktop would start it (the manifest's command, its ${…} filled in), driven over
 * stdio by the SDK's Client. Requires `npm run build` first (npm test does it).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TOOLS } from '../../src/server/runtime.js';
import { TEST_SCORES, music21References } from '../support/corpus.js';
import { problems, validateBundleManifest } from '../support/json-schemas.js';

const BUNDLE_SCRIPT = fileURLToPath(new URL('../../scripts/bundle.mjs', import.meta.url));

interface Manifest {
  name: string;
  icon: string;
  server: { entry_point: string; mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  tools: { name: string; description: string }[];
  user_config: Record<string, { default: string }>;
  compatibility: { platforms: string[] };
}

let work: string;
let unpacked: string;
let files: Record<string, Uint8Array>;
let manifest: Manifest;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cadenza-bundle-'));
  const { stdout } = await promisify(execFile)(process.execPath, [BUNDLE_SCRIPT, join(work, 'out')]);
  const file = /^(\S+\.mcpb):/m.exec(stdout)![1]!;
  files = unzipSync(new Uint8Array(readFileSync(join(work, 'out', file.split('/').pop()!))));
  unpacked = join(work, 'unpacked');
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(unpacked, path)), { recursive: true });
    writeFileSync(join(unpacked, path), data);
  }
  manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as Manifest;
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the Claude Desktop bundle (npm run bundle)', () => {
  it('has a manifest.json that passes the MCPB 0.3 schema and lists the tools a local client is offered', () => {
    const valid = validateBundleManifest(manifest);
    expect(problems(validateBundleManifest)).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.tools.map((tool) => tool.name)).toEqual(LOCAL_TOOLS.map((tool) => tool.name));
    expect(manifest.compatibility.platforms).toEqual([process.platform]);
  });

  it('holds what the manifest names: the entry point and a 512-pixel PNG icon', () => {
    expect(existsSync(join(unpacked, manifest.server.entry_point))).toBe(true);
    const icon = readFileSync(join(unpacked, manifest.icon));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBe(512);
  });

  it('carries the production dependencies, native ones included, and nothing for development', () => {
    const paths = Object.keys(files);
    for (const needed of ['node_modules/@modelcontextprotocol/server/package.json', 'node_modules/better-sqlite3/package.json', 'node_modules/verovio/package.json']) {
      expect(paths, needed).toContain(needed);
    }
    expect(paths.some((path) => path.startsWith('node_modules/better-sqlite3/') && path.endsWith('.node'))).toBe(true);
    for (const development of ['vitest', 'typescript', 'eslint', '@modelcontextprotocol/sdk']) {
      expect(paths.some((path) => path.startsWith(`node_modules/${development}/`)), development).toBe(false);
    }
    expect(paths.filter((path) => path.endsWith('.map') || path.endsWith('.d.ts'))).toEqual([]);
  });

  it('runs from the unpacked folder as Claude Desktop starts it: lists the tools its manifest names, imports and analyses a chorale', async () => {
    const home = join(work, 'home');
    mkdirSync(join(home, 'Music'), { recursive: true });
    copyFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`, join(home, 'Music', 'bwv66.6.mxl'));
    const fill = (text: string) =>
      text.replaceAll('${__dirname}', unpacked).replaceAll('${user_config.music_folder}', manifest.user_config['music_folder']!.default).replaceAll('${HOME}', home);
    const { command, args, env } = manifest.server.mcp_config;
    expect(command).toBe('node');
    const client = new Client({ name: 'bundle-test', version: '1' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: args.map(fill),
        cwd: work,
        env: { PATH: process.env.PATH ?? '', HOME: home, CADENZA_DATA_DIR: join(work, 'data'), ...Object.fromEntries(Object.entries(env).map(([name, value]) => [name, fill(value)])) },
        stderr: 'ignore',
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(manifest.tools.map((tool) => tool.name).sort());
      const imported = (await client.callTool({ name: 'import_score', arguments: { path: join(home, 'Music', 'bwv66.6.mxl') } })) as CallToolResult;
      expect(imported.isError, JSON.stringify(imported.content)).toBeFalsy();
      const { id } = imported.structuredContent as { id: string };
      const key = (await client.callTool({ name: 'analyze_key', arguments: { id } })) as CallToolResult;
      expect(key.isError, JSON.stringify(key.content)).toBeFalsy();
      expect((key.structuredContent as { name: string }).name).toBe(music21References().get('bach/bwv66.6.mxl')!.key_ks);
    } finally {
      await client.close();
    }
  }, 60_000);
});
