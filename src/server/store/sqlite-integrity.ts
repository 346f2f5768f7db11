/** SQLite's own integrity check, run at start and again (at most every CHECK_EVERY_MS) when health asks. */
import type { Database as Db } from 'better-sqlite3';

const CHECK_EVERY_MS = 30_000;
/** quick_check lists at most this many problems */
const MAX_FINDINGS = 20;

export class IntegrityCheck {
  private findings: readonly string[] = [];
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Db,
    private readonly file: string,
  ) {}

  /** runs PRAGMA quick_check now; returns the problems it found (none: the file is sound) */
  run(): readonly string[] {
    this.checkedAt = Date.now();
    try {
      const rows = this.db.pragma(`quick_check(${MAX_FINDINGS})`) as { quick_check: string }[];
      const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
      this.findings = problems.map((problem) => `${this.file}: ${problem}`);
    } catch (error) {
      this.findings = [`${this.file}: ${(error as Error).message}`];
    }
    return this.findings;
  }

  /** the latest findings, checking again when the last check is older than CHECK_EVERY_MS */
  latest(): readonly string[] {
    return Date.now() - this.checkedAt >= CHECK_EVERY_MS ? this.run() : this.findings;
  }
}
