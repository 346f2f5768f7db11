/**
 * Validators for the published schemas Cadenza's listings must satisfy (copies in test/fixtures/schemas,
 * with their provenance), built with Ajv as the registry's own tooling does.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

function schema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/schemas/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

function draft07(file: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema(file));
}

/** the MCP registry's server.json, version 2025-12-11 */
export const validateRegistryEntry = draft07('registry-server-2025-12-11.schema.json');

/** manifest.json of an MCP Bundle, manifest version 0.3 */
export const validateBundleManifest = draft07('mcpb-manifest-v0.3.schema.json');

/** the Server Card, v1 (its schema is JSON Schema 2020-12 and defines the card under $defs) */
export const validateServerCard: ValidateFunction = (() => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(schema('server-card-v1.schema.json'), 'server-card');
  return ajv.compile({ $ref: 'server-card#/$defs/ServerCard' });
})();

/** the errors of the last validation, one line each, for a readable failure */
export function problems(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
