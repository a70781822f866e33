import { warning, type Diagnostic } from '../diagnostics.js';
import { pointerSegment } from '../schema/json-text.js';
import type { SchemaDraft } from './types.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const COMPONENT_REF = '#/components/schemas/';
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLES = [
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'additionalItems',
];

interface OpenApiSchema {
  schema: Json;
  draft: SchemaDraft;
  /** Where the converted components live in `schema` (`#/definitions/` or `#/$defs/`). */
  definitionsPrefix: string;
  warnings: Diagnostic[];
}

/** `3.0.x` / `3.1.x` → which JSON Schema dialect the document's schemas follow. */
export function openApiFlavour(version: string): '3.0' | '3.1' | undefined {
  if (/^3\.0(\.\d+)?$/.test(version)) return '3.0';
  if (/^3\.1(\.\d+)?$/.test(version)) return '3.1';
  return undefined;
}

/** `Order`, `#/components/schemas/Order` → `Order`. */
export function componentName(ref: string): string {
  return ref.startsWith(COMPONENT_REF) ? decodePointerSegment(ref.slice(COMPONENT_REF.length)) : ref;
}

const decodePointerSegment = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * Build one JSON Schema that validates against component `name` of an OpenAPI document:
 * every component becomes a definition, `#/components/schemas/X` refs point at it, and for 3.0
 * the OpenAPI dialect (`nullable`, boolean `exclusiveMinimum`) is rewritten as draft-07.
 */
export function schemaFromOpenApi(components: Json, name: string, flavour: '3.0' | '3.1', file: string, line: number): OpenApiSchema {
  const draft: SchemaDraft = flavour === '3.0' ? 'draft-07' : '2020-12';
  const definitionsKey = flavour === '3.0' ? 'definitions' : '$defs';
  const definitionsPrefix = `#/${definitionsKey}/`;
  const warnings: Diagnostic[] = [];
  const convert = (schema: unknown, at: string): unknown => {
    if (Array.isArray(schema)) return schema.map((s, i) => convert(s, `${at}/${i}`));
    if (!isObject(schema)) return schema;
    let out: Json = { ...schema };
    if (typeof out.$ref === 'string' && out.$ref.startsWith(COMPONENT_REF)) {
      out.$ref = definitionsPrefix + out.$ref.slice(COMPONENT_REF.length);
    }
    for (const key of SCHEMA_MAPS) {
      if (isObject(out[key])) {
        out[key] = Object.fromEntries(Object.entries(out[key] as Json).map(([k, v]) => [k, convert(v, `${at}/${key}/${pointerSegment(k)}`)]));
      }
    }
    for (const key of [...SCHEMA_LISTS, ...SCHEMA_SINGLES, 'items']) {
      if (out[key] !== undefined && typeof out[key] === 'object') out[key] = convert(out[key], `${at}/${key}`);
    }
    if (flavour === '3.0') out = fromOpenApi30(out);
    else if (out.nullable !== undefined) {
      // 3.1 schemas are plain 2020-12: `nullable` is no keyword there (ajv would honour it).
      delete out.nullable;
      warnings.push(
        warning('CONTRACT_OPENAPI_NULLABLE', `${at}: "nullable" is not part of OpenAPI 3.1 and does not admit null`, {
          path: file,
          line,
          fix: 'Use `type: [<type>, "null"]` in OpenAPI 3.1',
        }),
      );
    }
    return out;
  };
  const definitions = Object.fromEntries(Object.entries(components).map(([k, v]) => [k, convert(v, `#/components/schemas/${pointerSegment(k)}`)]));
  return {
    schema: { [definitionsKey]: definitions, $ref: definitionsPrefix + pointerSegment(name) },
    draft,
    definitionsPrefix,
    warnings,
  };
}

/** OpenAPI 3.0 schema object → draft-07: `nullable: true` admits null, boolean exclusive bounds become numbers. */
function fromOpenApi30(schema: Json): Json {
  const out: Json = { ...schema };
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] === true && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
  }
  if (out.nullable !== true) {
    delete out.nullable;
    return out;
  }
  delete out.nullable;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  // No type (a $ref or a composition): null is one more alternative.
  return { anyOf: [out, { type: 'null' }] };
}
