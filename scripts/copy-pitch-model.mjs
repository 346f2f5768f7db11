// The pitch model transcribe_audio runs (Basic Pitch, Apache-2.0; see src/note-detection/basic-pitch/README.md),
// copied beside the compiled module that loads it, with its licence.
import { cpSync } from 'node:fs';

cpSync(new URL('../src/note-detection/basic-pitch/', import.meta.url), new URL('../dist/note-detection/basic-pitch/', import.meta.url), { recursive: true });
