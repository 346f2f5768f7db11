/**
 * The text of a generated model module (src/suggest/chord-models.ts, melody-models.ts, context-models.ts): its provenance and
 * style names as constants, and the models as JSON text parsed on first use (src/suggest/parsed-once.ts
 * says why). Used by scripts/train-continuation.mjs.
 */

/** modelModule({ about, modelType, typeFrom: './chord-ngram.js', prefix: 'CHORD', accessor: 'chordModels', provenance, models }) → the TypeScript source */
export function modelModule({ about, modelType, typeFrom = './chord-ngram.js', prefix, accessor, provenance, models }) {
  return `/**
${about}
 */
import type { ${modelType} } from '${typeFrom}';
import { parsedOnce } from './parsed-once.js';

export const ${prefix}_MODEL_PROVENANCE = ${JSON.stringify(provenance, null, 2)} as const;

export const ${prefix}_STYLES = ${JSON.stringify(Object.keys(models))} as const;

/** ${accessor}().any → the model of every style together, parsed from its JSON text on the first call */
export const ${accessor} = parsedOnce<Readonly<Record<(typeof ${prefix}_STYLES)[number], ${modelType}>>>('${singleQuoted(JSON.stringify(models))}');
`;
}

/** the text between single quotes in TypeScript: JSON's many double quotes need no escaping there */
function singleQuoted(text) {
  return text.replaceAll('\\', '\\\\').replaceAll("'", "\\'");
}
