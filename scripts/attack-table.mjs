/**
 * Prints the attack suite's table — class, file, cases, held — from a vitest JSON report of test/attack:
 *   npx vitest run test/attack --reporter=json --outputFile=attack-report.json
 *   node scripts/attack-table.mjs attack-report.json [--record]
 * A class is a top-level describe block; a case held when its test passed. --record also writes the table
 * as the "Attack suite" section of bench/results.md.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from '../bench/results-file.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [reportPath, ...flags] = process.argv.slice(2);
if (!reportPath) {
  console.error('usage: node scripts/attack-table.mjs <vitest JSON report> [--record]');
  process.exit(64);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));

/** rows keyed by class, in the order the report lists them */
const classes = new Map();
for (const file of report.testResults) {
  const path = relative(ROOT, file.name);
  for (const test of file.assertionResults) {
    const name = test.ancestorTitles[0] ?? test.title;
    const row = classes.get(name) ?? { name, file: path, cases: 0, held: 0, broke: [] };
    row.cases += 1;
    if (test.status === 'passed') row.held += 1;
    else row.broke.push(test.fullName);
    classes.set(name, row);
  }
}
const rows = [...classes.values()];
const total = rows.reduce((sum, row) => ({ cases: sum.cases + row.cases, held: sum.held + row.held }), { cases: 0, held: 0 });
const table = [
  '| class | file | cases | held |',
  '|---|---|---:|---:|',
  ...rows.map((row) => `| ${row.name} | \`${row.file}\` | ${row.cases} | ${row.held} |`),
  `| **all** | | **${total.cases}** | **${total.held}** |`,
].join('\n');
console.log(table);
for (const row of rows) for (const name of row.broke) console.log(`broke: ${name}`);

if (flags.includes('--record')) {
  const date = new Date(report.startTime ?? Date.now()).toISOString().slice(0, 10);
  writeSection(
    'attack-suite',
    `## Attack suite\n\n\`npm run test:attack\` (vitest over \`test/attack/\`, also part of \`npm test\` and CI), ${date}; ` +
      `table by \`node scripts/attack-table.mjs <vitest JSON report> --record\`. Each case asserts the server's answer ` +
      `and that \`/health\` still answers 200.\n\n${table}`,
  );
}
process.exit(total.held === total.cases ? 0 : 1);
