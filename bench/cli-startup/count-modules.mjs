/** Loaded with --import by bench/cli-startup.mjs: logs every module the process loads to MODULE_LOG. */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

register(new URL('./module-log-hooks.mjs', import.meta.url));
// CommonJS files required from CommonJS do not pass the ESM hooks; the require cache has them
process.on('exit', () => {
  const required = Object.keys(createRequire(import.meta.url).cache);
  appendFileSync(process.env.MODULE_LOG, required.map((path) => `${new URL(`file://${path}`).href}\n`).join(''));
});
