import { createRequire } from 'node:module';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import type { FormatsPlugin } from 'ajv-formats';
import { error, type Diagnostic } from '../diagnostics.js';
import type { ContractDefinition, FixtureError, SchemaDraft } from './types.js';

interface AjvLike {
  compile(schema: unknown): ValidateFunction;
  validateSchema(schema: unknown, throwOrLogError?: boolean): boolean | Promise<unknown>;
  errors?: ErrorObject[] | null;
}
type AjvClass = new (options: Options) => AjvLike;

// ajv ships CommonJS; depending on the loader the class sits on `.default` once or twice.
function unwrapDefault<T>(mod: unknown): T {
  let value = mod as { default?: unknown };
  while (value && typeof value !== 'function' && value.default) value = value.default as { default?: unknown };
  return value as T;
}

interface AjvLibrary {
  classes: Record<SchemaDraft, AjvClass>;
  addFormats: FormatsPlugin;
}
let library: AjvLibrary | undefined;
/**
 * ajv and ajv-formats, loaded on the first compile only (~140 ms of CommonJS): a run whose fixture
 * verdicts and schema findings all come from the cache (cache/file-facts.ts) never loads them.
 */
function ajvLibrary(): AjvLibrary {
  if (!library) {
    const require = createRequire(import.meta.url);
    library = {
      classes: {
        'draft-07': unwrapDefault<AjvClass>(require('ajv')),
        '2019-09': unwrapDefault<AjvClass>(require('ajv/dist/2019.js')),
        '2020-12': unwrapDefault<AjvClass>(require('ajv/dist/2020.js')),
      },
      addFormats: unwrapDefault<FormatsPlugin>(require('ajv-formats')),
    };
  }
  return library;
}

interface CompiledContract {
  validate?: ValidateFunction;
  /** Schema problems: compile errors, unknown formats nobody would check. */
  diagnostics: Diagnostic[];
}

const AJV_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true } as const;

/** Where the meta-schema checker's warnings go: the contract being compiled. */
let metaWarnings: string[] | undefined;
const metaCheckers = new Map<SchemaDraft, AjvLike>();
/**
 * One ajv per draft, for the process, that checks schemas against the draft's meta-schema (same
 * options and formats as the contract's own ajv, so the same errors). A fresh ajv compiled that
 * meta-schema again for every contract: most of a cold run's compile time. It holds no user
 * schema (validateSchema adds none), so no `$id` of one contract can meet another's here.
 */
function metaChecker(draft: SchemaDraft): AjvLike {
  let checker = metaCheckers.get(draft);
  if (!checker) {
    const { classes, addFormats } = ajvLibrary();
    const logger = { log() {}, warn: (...args: unknown[]) => metaWarnings?.push(args.map(String).join(' ')), error() {} };
    checker = new classes[draft]({ ...AJV_OPTIONS, logger });
    addFormats(checker as never);
    metaCheckers.set(draft, checker);
  }
  return checker;
}

/**
 * Compile a contract's schema with the ajv class of its draft and every standard format.
 * A fresh ajv per schema: two contracts (or two versions of one) may share an `$id`. Its
 * meta-schema check runs where ajv runs it (after the `$id` checks), on the draft's shared checker.
 */
export function compileContract(contract: ContractDefinition): CompiledContract {
  const warnings: string[] = [];
  const logger = { log() {}, warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')), error() {} };
  const { classes, addFormats } = ajvLibrary();
  const ajv = new classes[contract.draft]({ ...AJV_OPTIONS, logger });
  addFormats(ajv as never);
  const meta = metaChecker(contract.draft);
  ajv.validateSchema = (schema, throwOrLogError) => {
    metaWarnings = warnings;
    try {
      return meta.validateSchema(schema, throwOrLogError);
    } finally {
      ajv.errors = meta.errors ?? null;
      metaWarnings = undefined;
    }
  };
  const where = { path: contract.file, line: contract.schemaLine };
  try {
    const validate = ajv.compile(contract.schema);
    const diagnostics = [...new Set(warnings)]
      .filter((w) => /unknown format/i.test(w))
      .map((w) =>
        error('CONTRACT_FORMAT_UNKNOWN', `${contract.id}: ${w.replace(/\s+/g, ' ').trim()}; fixtures would not be checked for it`, {
          ...where,
          fix: 'Use a standard format (date-time, date, time, email, hostname, ipv4, ipv6, uri, uuid, …) or a pattern',
        }),
      );
    return { validate, diagnostics };
  } catch (err) {
    return {
      diagnostics: [
        error('CONTRACT_SCHEMA_INVALID', `${contract.id}: the schema does not compile: ${(err as Error).message}`, {
          ...where,
          fix: `Make the schema valid ${contract.kind === 'openapi' ? `OpenAPI ${contract.openapiVersion}` : `JSON Schema ${contract.draft}`}`,
        }),
      ],
    };
  }
}

/** Compiled validators keyed by schema fingerprint: each schema compiles once per run. */
export class ValidatorCache {
  private readonly compiled = new Map<string, CompiledContract>();

  get(contract: ContractDefinition): CompiledContract {
    let entry = this.compiled.get(contract.fingerprint);
    if (!entry) {
      entry = compileContract(contract);
      this.compiled.set(contract.fingerprint, entry);
    }
    return entry;
  }

  get size(): number {
    return this.compiled.size;
  }

  /** Forget everything past a bound (a long-lived process meets many schema versions). */
  trim(max: number): void {
    if (this.compiled.size > max) this.compiled.clear();
  }
}

let shared: ValidatorCache | undefined;
/**
 * One cache for the life of a warm process (the MCP tool thread, see workspace/warm.ts): a
 * schema's fingerprint is its canonical JSON, so a compiled validator can serve every later call.
 */
export function sharedValidatorCache(): ValidatorCache {
  shared ??= new ValidatorCache();
  shared.trim(1_000);
  return shared;
}

/** Map ajv's errors to pointers a person can follow (OpenAPI paths back into `components.schemas`). */
export function toFixtureErrors(contract: ContractDefinition, errors: readonly ErrorObject[] | null | undefined): FixtureError[] {
  return (errors ?? []).map((err) => ({
    pointer: err.instancePath,
    schemaPath: contract.kind === 'openapi' ? err.schemaPath.replace(/^#\/(?:\$defs|definitions)\//, '#/components/schemas/') : err.schemaPath,
    keyword: err.keyword,
    message: describe(err),
  }));
}

function describe(err: ErrorObject): string {
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
      return `missing required key "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `unknown key "${String(params.additionalProperty)}"`;
    case 'enum':
      return `must be one of ${((params.allowedValues as unknown[]) ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    default:
      return err.message ?? 'is invalid';
  }
}

const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '2024-01-31T12:00:00Z',
  date: '2024-01-31',
  time: '12:00:00Z',
  email: 'user@example.com',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  uri: 'https://example.com/path',
  hostname: 'api.example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

/** What to change in a good fixture that fails. */
export function fixHint(err: FixtureError): string {
  const at = err.pointer || 'the root';
  switch (err.keyword) {
    case 'required':
      return `Add the missing key at ${at}, or move the fixture under bad/ if it must be rejected`;
    case 'additionalProperties':
      return `Remove the key at ${at}; a new field needs a new contract version`;
    case 'format': {
      const format = /valid (\S+)/.exec(err.message)?.[1] ?? '';
      return `Put a valid ${format}${FORMAT_EXAMPLES[format] ? ` (e.g. ${FORMAT_EXAMPLES[format]})` : ''} at ${at}`;
    }
    case 'type':
      return `Change the value at ${at} so it ${err.message}`;
    default:
      return `Change the value at ${at} so it satisfies ${err.schemaPath}, or move the fixture under bad/ if it must be rejected`;
  }
}
