/** A task record's sealed part (the whole record in SQLite, the result in Redis), bound to its tenant and id. */
import { CadenzaError } from '../../core/errors.js';
import { openValue, sealContext, sealValue, SealError, type Sealer } from './sealing.js';

export function sealTaskValue(sealer: Sealer | undefined, tenantId: string, taskId: string, json: string): string | Buffer {
  return sealValue(sealer, json, sealContext(tenantId, taskId, 'task'));
}

/** the JSON text; STORE_CORRUPT naming the task when it does not open */
export function openTaskValue(sealer: Sealer | undefined, tenantId: string, taskId: string, stored: string | Uint8Array): string {
  try {
    return openValue(sealer, stored, sealContext(tenantId, taskId, 'task')).plain.toString('utf8');
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    throw new CadenzaError('STORE_CORRUPT', `The record of task "${taskId}" cannot be decrypted (${error.message}); it is not served.`);
  }
}
