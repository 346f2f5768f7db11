/**
 * Where each MCP client keeps its server list, and how a "cadenza" entry is merged into it without
 * touching anything else in the file.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CLIENTS = ['claude-desktop', 'claude-code', 'cursor', 'vscode'] as const;
export type ClientName = (typeof CLIENTS)[number];

export interface ClientFacts {
  readonly label: string;
  /** the top-level key holding the servers */
  readonly serversKey: 'mcpServers' | 'servers';
  /** VS Code wants the transport named */
  readonly typed: boolean;
  /** what to tell the user after writing */
  readonly afterwards: string;
}

export const CLIENT_FACTS: Readonly<Record<ClientName, ClientFacts>> = {
  'claude-desktop': { label: 'Claude Desktop', serversKey: 'mcpServers', typed: false, afterwards: 'Quit and reopen Claude Desktop to load it.' },
  'claude-code': { label: 'Claude Code', serversKey: 'mcpServers', typed: false, afterwards: 'Start Claude Code in this folder and approve the project server when asked (`/mcp` shows it).' },
  cursor: { label: 'Cursor', serversKey: 'mcpServers', typed: false, afterwards: 'Open Cursor Settings → MCP to see and enable it.' },
  vscode: { label: 'VS Code', serversKey: 'servers', typed: true, afterwards: 'In VS Code, run "MCP: List Servers" and start cadenza (agent mode uses it).' },
};

export interface Place {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly cwd: string;
  /** Cursor: the project's .cursor/mcp.json instead of the user's ~/.cursor/mcp.json */
  readonly project: boolean;
}

/** configPath('vscode', { cwd: '/p', … }) → "/p/.vscode/mcp.json" */
export function configPath(client: ClientName, place: Place): string {
  const home = place.env['HOME'] || place.env['USERPROFILE'] || homedir();
  switch (client) {
    case 'claude-desktop':
      if (place.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
      if (place.platform === 'win32') return join(place.env['APPDATA'] || join(home, 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
      return join(place.env['XDG_CONFIG_HOME'] || join(home, '.config'), 'Claude', 'claude_desktop_config.json');
    case 'claude-code':
      return join(place.cwd, '.mcp.json');
    case 'cursor':
      return place.project ? join(place.cwd, '.cursor', 'mcp.json') : join(home, '.cursor', 'mcp.json');
    case 'vscode':
      return join(place.cwd, '.vscode', 'mcp.json');
  }
}

export interface ServerLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** serverEntry('vscode', { command, args }) → { type: 'stdio', command, args } */
export function serverEntry(client: ClientName, launch: ServerLaunch): Record<string, unknown> {
  return {
    ...(CLIENT_FACTS[client].typed ? { type: 'stdio' } : {}),
    command: launch.command,
    args: [...launch.args],
    ...(launch.env ? { env: { ...launch.env } } : {}),
  };
}

/** A config file Cadenza will not change, and why. */
export class UnusableConfig extends Error {
  override readonly name = 'UnusableConfig';
}

type JsonObject = Record<string, unknown>;

/** parseConfig('{"mcpServers":{}}') → the object; an empty file counts as {}; anything else not a JSON object throws UnusableConfig */
export function parseConfig(text: string): JsonObject {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UnusableConfig(`it is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new UnusableConfig('its top level is not a JSON object');
  return parsed;
}

/**
 * Adds (or updates) servers[name], keeping every other server and top-level key; fields of an existing
 * entry that Cadenza does not set (say, an env the user added) are kept too.
 */
export function mergeServer(config: JsonObject, client: ClientName, name: string, entry: JsonObject): { config: JsonObject; changed: boolean } {
  const key = CLIENT_FACTS[client].serversKey;
  const servers = config[key] ?? {};
  if (!isObject(servers)) throw new UnusableConfig(`its "${key}" is not a JSON object`);
  const existing = servers[name];
  const merged = isObject(existing) ? { ...existing, ...entry } : entry;
  const changed = JSON.stringify(existing) !== JSON.stringify(merged);
  return { config: { ...config, [key]: { ...servers, [name]: merged } }, changed };
}

/** The entry named `name` in a parsed config, if there is one. */
export function findServer(config: JsonObject, client: ClientName, name: string): JsonObject | undefined {
  const servers = config[CLIENT_FACTS[client].serversKey];
  const entry = isObject(servers) ? servers[name] : undefined;
  return isObject(entry) ? entry : undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
