/** `cadenza setup` as a user runs it: merging into client configs with backups, refusing bad files, checking a set-up live. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'cadenza-setup-'));
// HOME points at the temporary folder so nothing (default paths, the served store) touches the real one.
const env = { ...process.env, HOME: folder, XDG_CONFIG_HOME: '', CADENZA_DATA_DIR: join(folder, 'data') };
const CADENZA_ENTRY = { command: process.execPath, args: [CLI, 'serve'] };

afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cadenza(args: readonly string[], cwd = folder): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function fresh(name: string): string {
  const place = join(folder, name);
  mkdirSync(place, { recursive: true });
  return place;
}

const backupsIn = (place: string) => readdirSync(place).filter((name) => name.includes('.bak-'));

// Each test takes a few seconds alone; the margin is for a loaded machine running the whole suite.
describe('cadenza setup', { timeout: 60_000 }, () => {
  const original = `${JSON.stringify({ globalShortcut: 'Ctrl+Space', mcpServers: { files: { command: 'npx', args: ['-y', 'files-server'], env: { TOKEN: 'x' } } } }, null, 4)}\n`;

  it('merges the cadenza entry into a Claude Desktop config, keeping other servers and keys, after a backup equal to the original; again, it changes nothing', async () => {
    const place = fresh('desktop');
    const config = join(place, 'claude_desktop_config.json');
    writeFileSync(config, original);
    const run = await cadenza(['setup', 'claude-desktop', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    const written = JSON.parse(readFileSync(config, 'utf8')) as { globalShortcut: string; mcpServers: Record<string, unknown> };
    expect(written.globalShortcut).toBe('Ctrl+Space');
    expect(written.mcpServers['files']).toEqual({ command: 'npx', args: ['-y', 'files-server'], env: { TOKEN: 'x' } });
    expect(written.mcpServers['cadenza']).toEqual(CADENZA_ENTRY);
    const backups = backupsIn(place);
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(place, backups[0]!), 'utf8')).toBe(original);
    expect(run.stderr).toContain(join(place, backups[0]!));
    // Idempotent: a second run changes nothing and makes no new backup.
    const before = readFileSync(config, 'utf8');
    const again = await cadenza(['setup', 'claude-desktop', '--config', config]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/already set up/);
    expect(readFileSync(config, 'utf8')).toBe(before);
    expect(backupsIn(place)).toHaveLength(1);
  });

  it('refuses a file that is not valid JSON, or whose server list is not an object, and leaves it untouched', async () => {
    const place = fresh('broken');
    const config = join(place, 'mcp.json');
    const broken = '{ "mcpServers": { "files": { "command": "npx", } }, // a comment\n';
    writeFileSync(config, broken);
    const run = await cadenza(['setup', 'cursor', '--config', config]);
    expect(run.code).toBe(65);
    expect(run.stderr).toMatch(/Refusing to change .*mcp\.json: it is not valid JSON/);
    expect(run.stderr).toMatch(/Nothing was written/);
    expect(readFileSync(config, 'utf8')).toBe(broken);
    writeFileSync(config, '{"mcpServers": ["not", "an", "object"]}');
    const wrongShape = await cadenza(['setup', 'cursor', '--config', config]);
    expect(wrongShape.code).toBe(65);
    expect(wrongShape.stderr).toMatch(/"mcpServers" is not a JSON object/);
    expect(backupsIn(place)).toEqual([]);
  });

  it('writes VS Code’s "servers" with type stdio, creating the folder, and no backup when there was no file', async () => {
    const place = fresh('vscode-project');
    const config = join(place, '.vscode', 'mcp.json');
    const run = await cadenza(['setup', 'vscode', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toEqual({ servers: { cadenza: { type: 'stdio', ...CADENZA_ENTRY } } });
    expect(backupsIn(join(place, '.vscode'))).toEqual([]);
  });

  it('uses each client’s usual file when no --config is given: .mcp.json for Claude Code, .cursor/mcp.json with --project', async () => {
    const project = fresh('project');
    expect((await cadenza(['setup', 'claude-code'], project)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(project, '.mcp.json'), 'utf8'))).toEqual({ mcpServers: { cadenza: CADENZA_ENTRY } });
    expect((await cadenza(['setup', 'cursor', '--project'], project)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(project, '.cursor', 'mcp.json'), 'utf8'))).toEqual({ mcpServers: { cadenza: CADENZA_ENTRY } });
    if (process.platform === 'linux') {
      expect((await cadenza(['setup', 'claude-desktop'], project)).code).toBe(0);
      expect(existsSync(join(folder, '.config', 'Claude', 'claude_desktop_config.json'))).toBe(true);
    }
  });

  it('sets the allowed folders with --roots (refusing folders that do not exist), and keeps them (and any other field the user added) when run again without', async () => {
    const place = fresh('roots');
    const config = join(place, '.mcp.json');
    const folders = [join(place, 'scores'), join(place, 'more')];
    const roots = folders.join(delimiter);
    const refused = await cadenza(['setup', 'claude-code', '--config', config, '--roots', roots]);
    expect(refused.code).toBe(66);
    expect(refused.stderr).toContain(`folders that do not exist: ${folders.join(', ')}`);
    expect(existsSync(config)).toBe(false);
    for (const made of folders) mkdirSync(made);
    expect((await cadenza(['setup', 'claude-code', '--config', config, '--roots', roots])).code).toBe(0);
    const first = JSON.parse(readFileSync(config, 'utf8')) as { mcpServers: { cadenza: Record<string, unknown> } };
    expect(first.mcpServers.cadenza).toEqual({ ...CADENZA_ENTRY, env: { CADENZA_ALLOWED_ROOTS: roots } });
    first.mcpServers.cadenza['disabled'] = false;
    writeFileSync(config, JSON.stringify(first));
    expect((await cadenza(['setup', 'claude-code', '--config', config])).code).toBe(0);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toEqual(first);
  });

  it('prints what it would write with --dry-run, and writes nothing', async () => {
    const config = join(fresh('dry'), 'mcp.json');
    const run = await cadenza(['setup', 'claude-code', '--config', config, '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ mcpServers: { cadenza: CADENZA_ENTRY } });
    expect(existsSync(config)).toBe(false);
  });

  it('--check-only passes on a written config after a live stdio round-trip, and reports the tool count', async () => {
    const config = join(fresh('checked'), 'claude_desktop_config.json');
    writeFileSync(config, original);
    expect((await cadenza(['setup', 'claude-desktop', '--config', config])).code).toBe(0);
    const run = await cadenza(['setup', 'claude-desktop', '--config', config, '--check-only', '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.map((result) => result.name)).toEqual(['config', 'entry', 'command', 'cli', 'round-trip']);
    const tools = Number(/(\d+) tools/.exec(report.checks.at(-1)!.detail)?.[1]);
    expect(tools).toBeGreaterThanOrEqual(20);
  });

  it('--check-only fails clearly on a config without the entry, or whose script is missing', async () => {
    const place = fresh('check');
    const without = join(place, 'without.json');
    writeFileSync(without, original);
    const missingEntry = await cadenza(['setup', 'claude-desktop', '--config', without, '--check-only']);
    expect(missingEntry.code).toBe(1);
    expect(missingEntry.stdout).toMatch(/FAIL\s+entry\s+.*has no "cadenza" server/);
    expect(missingEntry.stdout).toMatch(/fix: run `cadenza setup claude-desktop --config .*without\.json`/);
    const stale = join(place, 'stale.json');
    writeFileSync(stale, JSON.stringify({ mcpServers: { cadenza: { command: process.execPath, args: [join(place, 'gone', 'cli.js'), 'serve'] } } }));
    const missingScript = await cadenza(['setup', 'claude-desktop', '--config', stale, '--check-only']);
    expect(missingScript.code).toBe(1);
    expect(missingScript.stdout).toMatch(/FAIL\s+cli\s+.*gone\/cli\.js is missing/);
    expect(missingScript.stdout).not.toMatch(/round-trip/);
    expect(readFileSync(without, 'utf8')).toBe(original);
  });
});
