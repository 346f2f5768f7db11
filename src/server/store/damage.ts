/** Damage a store has found (an integrity check's findings, scores whose checksum failed), for health and errors. */
import { CadenzaError } from '../../core/errors.js';

const MAX_REMEMBERED = 100;

export class DamageLog {
  private readonly scores = new Map<string, string>();

  /** records the damaged score and returns the error to throw for it */
  damagedScore(tenantId: string, id: string, where: string, why = 'its checksum does not match'): CadenzaError {
    const key = JSON.stringify([tenantId, id]);
    if (!this.scores.has(key) && this.scores.size < MAX_REMEMBERED) this.scores.set(key, `score "${id}" of tenant "${tenantId}" (${why})`);
    return new CadenzaError('STORE_CORRUPT', `The stored score "${id}" in ${where} is damaged or unreadable (${why}); it is not served.`);
  }

  /** forgets a damaged score once it is deleted */
  forget(tenantId: string, id: string): void {
    this.scores.delete(JSON.stringify([tenantId, id]));
  }

  /** the damaged scores found so far, named */
  list(): readonly string[] {
    return [...this.scores.values()];
  }
}
