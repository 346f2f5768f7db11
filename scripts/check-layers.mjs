// Dependencies point inward only: core ← formats/analysis/generate ← corpus ← mcp ← server/cli.
// Fails lint when a file imports from a layer it must not know about.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');
const ALLOWED = {
  'cli.ts': ['cli'],
  core: ['core'],
  formats: ['core', 'formats'],
  analysis: ['core', 'analysis'],
  generate: ['core', 'analysis', 'generate'],
  // audio rendering: on the score model and the MIDI writer; not pure (it reads its bank and WASM encoders)
  audio: ['core', 'formats', 'audio'],
  // audio files into samples (WAV read here, FLAC/MP3/Ogg by WebAssembly decoders); not pure
  'audio-in': ['core', 'audio-in'],
  // the pitch model (Basic Pitch on TensorFlow.js) and its notes; not pure (it reads its model file)
  'note-detection': ['core', 'note-detection'],
  // timed notes into a score: beats, meter, grid, key, staves
  transcribe: ['core', 'formats', 'analysis', 'transcribe'],
  corpus: ['core', 'formats', 'analysis', 'corpus'],
  // what comes next: corpus-trained chord models, checked with the harmonizer's voicings and the analyses
  suggest: ['core', 'analysis', 'generate', 'suggest'],
  edit: ['core', 'edit'],
  mcp: ['core', 'formats', 'analysis', 'generate', 'audio', 'audio-in', 'note-detection', 'transcribe', 'corpus', 'edit', 'suggest', 'mcp'],
  server: ['core', 'formats', 'analysis', 'generate', 'audio', 'audio-in', 'note-detection', 'transcribe', 'corpus', 'edit', 'suggest', 'mcp', 'server'],
  cli: ['core', 'formats', 'analysis', 'generate', 'audio', 'audio-in', 'note-detection', 'transcribe', 'corpus', 'edit', 'suggest', 'mcp', 'server', 'cli'],
};
const PURE = new Set(['core', 'formats', 'analysis', 'generate', 'corpus', 'edit', 'transcribe', 'suggest']);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const layerOf = (path) => relative(SRC, path).split('/')[0];
const problems = [];
for (const file of files(SRC)) {
  const layer = layerOf(file);
  const allowed = ALLOWED[layer];
  if (!allowed) continue;
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
    const spec = match[1];
    if (spec.startsWith('.')) {
      const target = layerOf(resolve(dirname(file), spec));
      if (!allowed.includes(target)) problems.push(`${relative(SRC, file)} imports ${spec} (${layer} → ${target})`);
    } else if (PURE.has(layer) && (spec.startsWith('node:') || spec.startsWith('@modelcontextprotocol/'))) {
      problems.push(`${relative(SRC, file)} is pure but imports ${spec}`);
    }
  }
}
if (problems.length > 0) {
  console.error(`Layer rule broken (dependencies must point inward):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
