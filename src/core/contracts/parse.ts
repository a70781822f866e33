import { error, type Diagnostic } from '../diagnostics.js';
import { MAX_DOCUMENT_DEPTH, loadYamlBounded, nestsDeeperThan, yamlLibrary, yamlProblemMessage, type YamlProblem } from '../schema/bounded.js';
import { lineOfPointer, parseJsonText } from '../schema/json-text.js';
import { normalizeText } from '../workspace/fs.js';
import { canonicalJson } from '../schema/canonical-json.js';
import { contractNameFromFile, parseContractId } from './names.js';
import { componentName, openApiFlavour, schemaFromOpenApi } from './openapi.js';
import type { ContractDefinition, ParsedContractFile, SchemaDraft } from './types.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `$schema` → draft; no `$schema` means 2020-12. */
export function draftFromSchemaUri(uri: unknown): SchemaDraft | undefined {
  if (uri === undefined) return '2020-12';
  if (typeof uri !== 'string') return undefined;
  const normalized = uri.replace(/^http:/, 'https:').replace(/#$/, '');
  if (normalized === 'https://json-schema.org/draft-07/schema') return 'draft-07';
  if (normalized === 'https://json-schema.org/draft/2019-09/schema') return '2019-09';
  if (normalized === 'https://json-schema.org/draft/2020-12/schema') return '2020-12';
  return undefined;
}

interface Document {
  value: unknown;
  /** Line of a top-level key, 1 when absent. */
  lineOf(key: string): number;
}

function readDocument(text: string, file: string, diagnostics: Diagnostic[]): Document | undefined {
  if (/\.json$/i.test(file)) {
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      diagnostics.push(
        error('CONTRACT_PARSE', `Invalid JSON: ${parsed.error.message}`, {
          path: file,
          line: parsed.error.line,
          column: parsed.error.column,
          fix: 'Fix the JSON syntax at this line',
        }),
      );
      return undefined;
    }
    if (nestsDeeperThan(parsed.value)) {
      diagnostics.push(tooMuch('depth', file));
      return undefined;
    }
    return { value: parsed.value, lineOf: (key) => (text.includes(`"${key}"`) ? (lineOfPointer(text, `/${key}`) ?? 1) : 1) };
  }
  // The yaml library is loaded for a YAML contract only: JSON contracts never pay for it.
  const { LineCounter, isMap, isScalar } = yamlLibrary();
  const lineCounter = new LineCounter();
  const loaded = loadYamlBounded(text, { lineCounter, uniqueKeys: true });
  if (!loaded.ok && loaded.problem !== 'syntax') {
    diagnostics.push(tooMuch(loaded.problem, file));
    return undefined;
  }
  if (!loaded.ok) {
    for (const err of loaded.errors.slice(0, 3)) {
      const pos = lineCounter.linePos(err.pos[0]);
      diagnostics.push(
        error('CONTRACT_PARSE', `Invalid YAML: ${err.message.split('\n')[0]}`, {
          path: file,
          line: pos.line,
          column: pos.col,
          fix: 'Fix the YAML syntax at this line',
        }),
      );
    }
    return undefined;
  }
  const { doc } = loaded;
  const lines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
    }
  }
  return { value: loaded.value, lineOf: (key) => lines.get(key) ?? 1 };
}

/** An alias bomb or a too-deep document: refused before ajv or any walker recurses into it. */
function tooMuch(problem: YamlProblem, file: string): Diagnostic {
  return problem === 'aliases'
    ? error('CONTRACT_YAML_ALIASES', `The contract cannot be read: ${yamlProblemMessage(problem)}`, {
        path: file,
        line: 1,
        fix: 'Write the repeated parts out, or reuse them with $ref / $defs instead of YAML aliases',
      })
    : error('CONTRACT_TOO_DEEP', `The contract cannot be read: ${yamlProblemMessage(problem)}`, {
        path: file,
        line: 1,
        fix: `Flatten the schema below ${MAX_DOCUMENT_DEPTH} levels: name nested parts in $defs and point at them with $ref`,
      });
}

/**
 * Parse a contract file (`<domain>.vN.yaml|yml|json`) into a definition. Never throws: every
 * problem is a diagnostic with the file and line.
 */
export function parseContractFile(rawText: string, file: string): ParsedContractFile {
  const diagnostics: Diagnostic[] = [];
  const name = contractNameFromFile(file);
  if (!name) {
    diagnostics.push(
      error('CONTRACT_FILE_NAME', `"${file}" is not named <domain>.v<N>.(yaml|yml|json)`, {
        path: file,
        line: 1,
        fix: 'Rename it, e.g. orders.v1.yaml, or move it out of the contracts folder',
      }),
    );
    return { diagnostics };
  }
  const doc = readDocument(normalizeText(rawText), file, diagnostics);
  if (!doc) return { diagnostics };
  const root = doc.value;
  if (!isObject(root)) {
    diagnostics.push(
      error('CONTRACT_SHAPE', 'A contract file must be a mapping with `contract` and `schema` (or `openapi`)', {
        path: file,
        line: 1,
        fix: `Start the file with \`contract: ${name.id}\``,
      }),
    );
    return { diagnostics };
  }
  const declared = typeof root.contract === 'string' ? parseContractId(root.contract) : undefined;
  if (root.contract === undefined) {
    diagnostics.push(error('CONTRACT_ID_MISSING', 'The contract file has no `contract` key', { path: file, line: 1, fix: `Add \`contract: ${name.id}\`` }));
    return { diagnostics };
  }
  if (!declared || declared.id !== name.id) {
    diagnostics.push(
      error('CONTRACT_NAME_MISMATCH', `\`contract: ${String(root.contract)}\` does not match the file name (${name.id})`, {
        path: file,
        line: doc.lineOf('contract'),
        fix: `Write \`contract: ${name.id}\`, or rename the file to match the contract`,
      }),
    );
    return { diagnostics };
  }
  const base = { id: name.id, domain: name.domain, version: name.version, file };
  if (root.openapi !== undefined) return fromOpenApi(root, doc, base, diagnostics);
  if (root.schema === undefined) {
    diagnostics.push(
      error('CONTRACT_SCHEMA_MISSING', 'The contract has neither `schema` nor `openapi`', {
        path: file,
        line: 1,
        fix: 'Add `schema:` with a JSON Schema, or `openapi:` with an OpenAPI 3.x document',
      }),
    );
    return { diagnostics };
  }
  const schemaLine = doc.lineOf('schema');
  if (!isObject(root.schema) && typeof root.schema !== 'boolean') {
    diagnostics.push(
      error('CONTRACT_SCHEMA_INVALID', '`schema` must be a JSON Schema object', {
        path: file,
        line: schemaLine,
        fix: 'Write the schema as a mapping (type, properties, required…)',
      }),
    );
    return { diagnostics };
  }
  const uri = isObject(root.schema) ? root.schema.$schema : undefined;
  const draft = draftFromSchemaUri(uri);
  if (!draft) {
    diagnostics.push(
      error('CONTRACT_SCHEMA_DRAFT', `Unsupported $schema ${JSON.stringify(uri)}`, {
        path: file,
        line: schemaLine,
        fix: 'Use draft-07 (http://json-schema.org/draft-07/schema#), 2019-09 or 2020-12 (https://json-schema.org/draft/2020-12/schema), or omit $schema for 2020-12',
      }),
    );
    return { diagnostics };
  }
  // The dialect picks the ajv class; ajv itself would reject spelling variants of the same URI.
  const schema = isObject(root.schema) ? { ...root.schema } : root.schema;
  if (isObject(schema)) delete schema.$schema;
  const contract: ContractDefinition = { ...base, kind: 'json-schema', draft, schema, schemaLine, fingerprint: canonicalJson({ draft, schema }), warnings: [] };
  return { contract, diagnostics };
}

function fromOpenApi(
  root: Json,
  doc: Document,
  base: { id: string; domain: string; version: number; file: string },
  diagnostics: Diagnostic[],
): ParsedContractFile {
  const file = base.file;
  // Either the file is the OpenAPI document (`openapi: 3.1.0`) or it embeds one (`openapi: {openapi: …}`).
  const api = isObject(root.openapi) ? root.openapi : root;
  const version = String(api.openapi ?? '');
  const flavour = openApiFlavour(version);
  const apiLine = doc.lineOf('openapi');
  if (!flavour) {
    diagnostics.push(
      error('CONTRACT_OPENAPI_VERSION', `Unsupported OpenAPI version "${version}"`, {
        path: file,
        line: apiLine,
        fix: 'Use an OpenAPI 3.0.x or 3.1.x document',
      }),
    );
    return { diagnostics };
  }
  const components = isObject(api.components) && isObject(api.components.schemas) ? api.components.schemas : undefined;
  if (!components || Object.keys(components).length === 0) {
    diagnostics.push(
      error('CONTRACT_OPENAPI_COMPONENTS', 'The OpenAPI document has no `components.schemas`', {
        path: file,
        line: apiLine,
        fix: 'Define the payload under components.schemas and name it with `component:`',
      }),
    );
    return { diagnostics };
  }
  const available = Object.keys(components);
  let wanted: string | undefined;
  let line = doc.lineOf('component');
  if (typeof root.component === 'string') wanted = componentName(root.component);
  else if (isObject(root.schema) && typeof root.schema.$ref === 'string') {
    wanted = componentName(root.schema.$ref);
    line = doc.lineOf('schema');
  } else if (available.length === 1) wanted = available[0];
  if (!wanted) {
    diagnostics.push(
      error('CONTRACT_COMPONENT_MISSING', `Name the component fixtures are validated against (one of: ${available.join(', ')})`, {
        path: file,
        line: apiLine,
        fix: `Add \`component: ${available[0]}\``,
      }),
    );
    return { diagnostics };
  }
  if (!Object.hasOwn(components, wanted)) {
    diagnostics.push(
      error('CONTRACT_COMPONENT_UNKNOWN', `Component "${wanted}" is not in components.schemas (known: ${available.join(', ')})`, {
        path: file,
        line,
        fix: 'Name an existing component, or define it under components.schemas',
      }),
    );
    return { diagnostics };
  }
  const converted = schemaFromOpenApi(components, wanted, flavour, file, line === 1 ? apiLine : line);
  const contract: ContractDefinition = {
    ...base,
    kind: 'openapi',
    draft: converted.draft,
    schema: converted.schema,
    component: wanted,
    openapiVersion: version,
    schemaLine: line === 1 ? apiLine : line,
    fingerprint: canonicalJson({ draft: converted.draft, schema: converted.schema }),
    warnings: converted.warnings,
  };
  return { contract, diagnostics };
}
