/**
 * `cadenza setup <client>`: add Cadenza to an MCP client's configuration (Claude Desktop, Claude Code,
 * Cursor, VS Code), merging into what is there and keeping a backup; --check-only verifies a set-up
 * with a live stdio round-trip instead.
 */
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { Argument, Option, type Command } from 'commander';
import { check, printChecks, type CheckResult } from './checks.js';
import { EXIT } from './exit-codes.js';
import { CLIENT_FACTS, CLIENTS, UnusableConfig, configPath, findServer, mergeServer, parseConfig, serverEntry, type ClientName } from './client-configs.js';
import { probeStdioServer } from './stdio-probe.js';

/** dist/cli/setup.js sits beside dist/cli.js's folder */
export const CLI_PATH = fileURLToPath(new URL('../cli.js', import.meta.url));
const SERVER_NAME = 'cadenza';

interface SetupOptions {
  readonly config?: string;
  readonly project?: boolean;
  readonly roots?: string;
  readonly checkOnly?: boolean;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

export function registerSetup(program: Command): void {
  program
    .command('setup')
    .description('Add Cadenza (this installation, over stdio) to an MCP client\'s configuration, keeping its other servers and a backup')
    .addArgument(new Argument('<client>', 'the client to configure').choices(CLIENTS))
    .option('--config <path>', 'the configuration file to change (default: the client\'s usual place)')
    .option('--project', 'cursor: the project\'s .cursor/mcp.json instead of ~/.cursor/mcp.json')
    .option('--roots <folders>', `folders the server may read scores from (CADENZA_ALLOWED_ROOTS, separated by "${delimiter}"); default the client's working folder`)
    .addOption(new Option('--check-only', 'write nothing: check the existing entry, its command, and a live stdio round-trip').conflicts('dryRun'))
    .option('--dry-run', 'print the file as it would be written, and write nothing')
    .option('--json', 'with --check-only: the checks as JSON')
    .addHelpText(
      'after',
      `
Where each client keeps its servers:
  claude-desktop  macOS ~/Library/Application Support/Claude/claude_desktop_config.json,
                  Windows %APPDATA%\\Claude\\claude_desktop_config.json, Linux ~/.config/Claude/claude_desktop_config.json
  claude-code     .mcp.json in the current folder (a project server)
  cursor          ~/.cursor/mcp.json, or .cursor/mcp.json with --project
  vscode          .vscode/mcp.json in the current folder (key "servers", type "stdio")

Examples:
  cadenza setup claude-desktop --dry-run
  cadenza setup claude-desktop --roots ~/Music/scores
  cadenza setup vscode --check-only`,
    )
    .action(async (client: ClientName, options: SetupOptions) => {
      const path = resolve(options.config ?? configPath(client, { env: process.env, platform: process.platform, cwd: process.cwd(), project: options.project ?? false }));
      if (options.checkOnly) {
        const passed = printChecks(await checkSetup(client, path), options.json ?? false);
        process.exitCode = passed ? 0 : 1;
        return;
      }
      writeSetup(program, client, path, options);
    });
}

function writeSetup(program: Command, client: ClientName, path: string, options: SetupOptions): void {
  const facts = CLIENT_FACTS[client];
  const missing = rootsOf(options.roots).filter((root) => !existsSync(root) || !statSync(root).isDirectory());
  if (missing.length > 0) program.error(`--roots names ${missing.length === 1 ? 'a folder that does not exist' : 'folders that do not exist'}: ${missing.join(', ')}.\nNothing was written.`, { exitCode: EXIT.noInput });
  const original = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  let merged: ReturnType<typeof mergeServer>;
  try {
    merged = mergeServer(parseConfig(original ?? ''), client, SERVER_NAME, serverEntry(client, launch(options.roots)));
  } catch (error) {
    if (!(error instanceof UnusableConfig)) throw error;
    program.error(`Refusing to change ${path}: ${error.message}.\nNothing was written. Fix the file (or move it aside) and run \`cadenza setup ${client}\` again.`, { exitCode: 65 });
  }
  const text = `${JSON.stringify(merged.config, null, 2)}\n`;
  if (options.dryRun) {
    process.stderr.write(merged.changed ? `Would write ${path}${original === undefined ? ' (a new file)' : ' (after a backup of the current one)'}:\n` : `${path} already has this entry; nothing would change:\n`);
    process.stdout.write(text);
    return;
  }
  if (!merged.changed) {
    process.stderr.write(`${facts.label} is already set up in ${path}; nothing changed.\n`);
    return;
  }
  const backup = original === undefined ? undefined : backUp(path);
  mkdirSync(dirname(path), { recursive: true });
  // Write beside the file, then rename over it, so a crash never leaves half a config.
  const temporary = `${path}.cadenza-${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
  process.stderr.write(
    `${original === undefined ? 'Created' : 'Updated'} ${path}: "${SERVER_NAME}" runs ${CLI_PATH} serve with ${process.execPath}.\n` +
      (backup ? `The previous file is saved as ${backup}.\n` : '') +
      `${facts.afterwards}\nCheck it any time with: cadenza setup ${client}${options.config ? ` --config ${path}` : ''} --check-only\n`,
  );
}

/** How the client should start this installation: this Node, this dist/cli.js. */
function launch(roots: string | undefined): Parameters<typeof serverEntry>[1] {
  const allowed = rootsOf(roots);
  return { command: process.execPath, args: [CLI_PATH, 'serve'], ...(allowed.length ? { env: { CADENZA_ALLOWED_ROOTS: allowed.join(delimiter) } } : {}) };
}

/** rootsOf("scores:../more") → their absolute paths */
function rootsOf(roots: string | undefined): string[] {
  return (roots ?? '').split(delimiter).filter((root) => root !== '').map((root) => resolve(root));
}

/** Copies the file to <file>.bak-<timestamp> (never over an existing backup) and returns that path. */
function backUp(path: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; ; attempt += 1) {
    const backup = `${path}.bak-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    try {
      copyFileSync(path, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** The checks of --check-only: the file, the entry, its command and script, and a live round-trip. */
export async function checkSetup(client: ClientName, path: string): Promise<CheckResult[]> {
  const facts = CLIENT_FACTS[client];
  const fix = `run \`cadenza setup ${client}${path === resolve(configPath(client, { env: process.env, platform: process.platform, cwd: process.cwd(), project: false })) ? '' : ` --config ${path}`}\``;
  const results: CheckResult[] = [];
  if (!existsSync(path)) return [{ name: 'config', ok: false, detail: `no file at ${path}`, hint: fix }];
  let parsed: ReturnType<typeof parseConfig>;
  try {
    parsed = parseConfig(readFileSync(path, 'utf8'));
  } catch (error) {
    return [{ name: 'config', ok: false, detail: `${path}: ${(error as Error).message}`, hint: `make it valid JSON (or move it aside), then ${fix}` }];
  }
  results.push({ name: 'config', ok: true, detail: path });
  const entry = findServer(parsed, client, SERVER_NAME);
  const command = typeof entry?.['command'] === 'string' ? entry['command'] : undefined;
  const args = Array.isArray(entry?.['args']) ? entry['args'].filter((arg): arg is string => typeof arg === 'string') : [];
  if (!entry || !command) {
    results.push({ name: 'entry', ok: false, detail: `${path} has no "${SERVER_NAME}" server with a command under "${facts.serversKey}"`, hint: fix });
    return results;
  }
  const typeProblem = facts.typed && entry['type'] !== 'stdio' ? `; "type" is ${JSON.stringify(entry['type'])}, not "stdio"` : '';
  results.push({ name: 'entry', ok: typeProblem === '', detail: `"${SERVER_NAME}": ${command} ${args.join(' ')}${typeProblem}`, ...(typeProblem ? { hint: fix } : {}) });
  const executable = findExecutable(command);
  results.push(
    executable
      ? { name: 'command', ok: true, detail: executable }
      : { name: 'command', ok: false, detail: `${command} is not an executable file`, hint: `install Node.js ≥ 20.19, then ${fix} again from that Node` },
  );
  const script = args.find((arg) => /\.[cm]?js$/.test(arg));
  const scriptOk = script !== undefined && existsSync(script);
  results.push({ name: 'cli', ok: scriptOk, detail: script ? `${script}${scriptOk ? '' : ' is missing'}` : 'no script among the args', ...(scriptOk ? {} : { hint: `build Cadenza (npm run build), then ${fix}` }) });
  if (!executable || !scriptOk) return results;
  const env = { ...getDefaultEnvironment(), ...stringValues(entry['env']) };
  results.push(
    await check('round-trip', async () => {
      const probe = await probeStdioServer({ command: executable, args, env });
      return { ok: probe.toolCount > 0, detail: `${probe.serverName} ${probe.serverVersion} answered over stdio: ${probe.toolCount} tools (${probe.milliseconds} ms)` };
    }, 'run the command above by hand to see why the server does not start (its log is on stderr)'),
  );
  return results;
}

/** The command as a path to an executable file: itself when it has a folder, else looked up on PATH. */
function findExecutable(command: string): string | undefined {
  const candidates = isAbsolute(command) || command.includes('/') ? [resolve(command)] : (process.env['PATH'] ?? '').split(delimiter).map((folder) => join(folder, command));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function stringValues(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}
