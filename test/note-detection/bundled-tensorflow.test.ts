/**
 * The build bundles the parts of TensorFlow.js the pitch model runs with into dist/note-detection/tfjs/
 * (scripts/bundle-tfjs.mjs), so that an installation carries 1.5 MB of it instead of four packages of 89 MB:
 * the bundle must stand alone (no @tensorflow package required at run time), bring the WebAssembly files Node
 * picks, and its licences.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FOLDER = fileURLToPath(new URL('../../dist/note-detection/tfjs/', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('TensorFlow.js bundled by the build', () => {
  it('requires no @tensorflow package, and the package installs none', () => {
    const bundle = readFileSync(`${FOLDER}tensorflow.cjs`, 'utf8');
    expect(bundle).not.toMatch(/require\(["']@tensorflow\//);
    expect(Object.keys(pkg.dependencies).filter((name) => name.startsWith('@tensorflow/'))).toEqual([]);
    expect(pkg.devDependencies['@tensorflow/tfjs-core']).toBeDefined();
  });

  it('brings the SIMD and plain WebAssembly builds and the licences of what it bundles', () => {
    for (const file of ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm', 'LICENSES.txt']) expect(existsSync(`${FOLDER}${file}`), file).toBe(true);
    const licences = readFileSync(`${FOLDER}LICENSES.txt`, 'utf8');
    expect(licences).toContain('Apache License');
    expect(licences).toContain('seedrandom');
  });

  it('gives the core, the graph loader and the WebAssembly backend of one TensorFlow.js version', () => {
    const bundled = createRequire(import.meta.url)(`${FOLDER}tensorflow.cjs`) as { tf: { version_core: string; findBackendFactory: (name: string) => unknown }; loadGraphModel: unknown; setWasmPaths: unknown };
    expect(bundled.tf.version_core).toBe(createRequire(import.meta.url)('@tensorflow/tfjs-core/package.json').version);
    expect(typeof bundled.loadGraphModel).toBe('function');
    expect(typeof bundled.setWasmPaths).toBe('function');
    expect(bundled.tf.findBackendFactory('wasm')).toBeTypeOf('function');
  });
});
