import { readFileSync } from 'node:fs';

/** The package version; dist/cli/ and src/cli/ both sit two folders below package.json. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
