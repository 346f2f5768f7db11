// tsc does not set the executable bit on the bin entry; npm link and direct invocation need it.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
