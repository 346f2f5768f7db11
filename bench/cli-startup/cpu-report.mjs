/** Loaded with --import by bench/cli-startup.mjs: on exit, writes the process's CPU time to CPU_REPORT_FILE. */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeFileSync(process.env.CPU_REPORT_FILE, JSON.stringify({ cpuMs: (user + system) / 1000 }));
});
