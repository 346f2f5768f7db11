#!/usr/bin/env node
/** Rewrites the tools table in README.md from the tool registry (run after `npm run build`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { TOOLS } from '../dist/mcp/tools/index.js';
import { toolsTable } from '../dist/mcp/tools-table.js';

const README = new URL('../README.md', import.meta.url);
const [begin, end] = ['<!-- tools-table -->', '<!-- /tools-table -->'];
const text = readFileSync(README, 'utf8');
const start = text.indexOf(begin);
const stop = text.indexOf(end);
if (start < 0 || stop < start) throw new Error(`README.md has no ${begin} … ${end} section`);
writeFileSync(README, `${text.slice(0, start + begin.length)}\n${toolsTable(TOOLS)}\n${text.slice(stop)}`);
console.log(`README.md: ${TOOLS.length} tools`);
