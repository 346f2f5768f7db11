/** Loaded with --import by bench/cli-startup.mjs: logs every module the process loads to MODULE_LOG. */
import { appendFileSync } from 'node:fs';
import { builtinModules, createRequire, register } from 'node:module';

register(new URL('./module-log-hooks.mjs', import.meta.url));
// CommonJS files required from CommonJS do not pass the ESM hooks; the require cache has them. Node's
// public built-ins are counted from its load list, whether imported, required or loaded by Node itself,
// so a CommonJS build and an ES module build count them alike.
const PUBLIC = new Set(builtinModules);
process.on('exit', () => {
  const required = Object.keys(createRequire(import.meta.url).cache).map((path) => new URL(`file://${path}`).href);
  const builtIn = process.moduleLoadList.map((entry) => entry.replace(/^NativeModule /, '')).filter((name) => PUBLIC.has(name)).map((name) => `node:${name}`);
  appendFileSync(process.env.MODULE_LOG, [...required, ...builtIn].map((url) => `${url}\n`).join(''));
});
