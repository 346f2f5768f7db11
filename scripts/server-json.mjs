#!/usr/bin/env node
/** Writes server.json (the MCP registry's entry for Cadenza) from package.json (run after `npm run build`). */
import { writeFileSync } from 'node:fs';
import { readPackageFacts } from '../dist/server/listing/package-facts.js';
import { registryEntry } from '../dist/server/listing/registry-entry.js';

const entry = registryEntry(readPackageFacts());
writeFileSync(new URL('../server.json', import.meta.url), `${JSON.stringify(entry, null, 2)}\n`);
console.log(`server.json: ${entry.name} ${entry.version}`);
