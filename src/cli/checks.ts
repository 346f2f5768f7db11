/** The result of one check of `cadenza doctor` or `cadenza setup --check-only`, and how both print them. */

export interface CheckResult {
  /** short and stable, e.g. "node", "port" */
  readonly name: string;
  readonly ok: boolean;
  /** what was found */
  readonly detail: string;
  /** on failure: what to do about it */
  readonly hint?: string;
}

/** check('node', async () => ({ ok: true, detail: 'v20.20' })) → the outcome, with a thrown error turned into a failure */
export async function check(name: string, run: () => Promise<Omit<CheckResult, 'name'>> | Omit<CheckResult, 'name'>, hintOnError?: string): Promise<CheckResult> {
  try {
    return { name, ...(await run()) };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message, ...(hintOnError ? { hint: hintOnError } : {}) };
  }
}

/** Prints `ok`/`FAIL` lines with fix hints for people, or `{ ok, checks }` as JSON; returns whether all passed. */
export function printChecks(results: readonly CheckResult[], json: boolean): boolean {
  const ok = results.every((result) => result.ok);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok, checks: results }, null, 2)}\n`);
    return ok;
  }
  const width = Math.max(...results.map((result) => result.name.length));
  for (const result of results) {
    process.stdout.write(`${result.ok ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(width)}  ${result.detail.replace(/\n/g, `\n${' '.repeat(width + 8)}`)}\n`);
    if (!result.ok && result.hint) process.stdout.write(`${' '.repeat(width + 8)}fix: ${result.hint}\n`);
  }
  const failed = results.filter((result) => !result.ok).length;
  process.stdout.write(failed === 0 ? `\nAll ${results.length} checks passed.\n` : `\n${failed} of ${results.length} checks failed.\n`);
  return ok;
}
