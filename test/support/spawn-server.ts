/** Runs the built `cadenza serve --http` as a child process, as an operator would, and collects its log. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** every stderr line, as written */
  readonly logLines: string[];
  /** resolves with the exit code */
  readonly exited: Promise<number | null>;
}

/** Starts the server; unless told otherwise it keeps its data (the SQLite store) in a fresh temporary folder. */
export async function spawnHttpServer(environment: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = environment['CADENZA_DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'cadenza-e2e-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0'], {
    env: { ...process.env, CADENZA_LOG_LEVEL: 'debug', CADENZA_DATA_DIR: dataDir, ...environment },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logLines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logLines.push(line);
        const match = /"url":"([^"]+)".*"cadenza serving over HTTP"/.exec(line);
        if (match) resolve(match[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${logLines.join('\n')}`)));
  });
  return { child, url, logLines, exited };
}
