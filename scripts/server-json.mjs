#!/usr/bin/env node
/**
 * Writes server.json (the MCP registry's entry for Cadenza) from package.json and the Claude Desktop bundle
 * this machine builds (run after `npm run build`): the bundle is built here to hash it, so a release
 * writes server.json after its final build and uploads that same bundle.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readPackageFacts } from '../dist/server/listing/package-facts.js';
import { registryEntry } from '../dist/server/listing/registry-entry.js';
import { buildBundle } from './bundle.mjs';

const bundle = buildBundle();
const entry = registryEntry(readPackageFacts(), [{ fileName: basename(bundle.file), sha256: bundle.sha256 }]);
writeFileSync(new URL('../server.json', import.meta.url), `${JSON.stringify(entry, null, 2)}\n`);
console.log(`server.json: ${entry.name} ${entry.version}, bundle ${basename(bundle.file)} ${bundle.sha256}`);
