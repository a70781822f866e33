import type { Diagnostic } from '../diagnostics.js';

export type SchemaDraft = 'draft-07' | '2019-09' | '2020-12';

/** A contract file that parsed and names itself correctly; its schema may still fail to compile. */
export interface ContractDefinition {
  /** `<domain>.v<N>`, e.g. `orders.v1`. */
  id: string;
  domain: string;
  version: number;
  /** Workspace-relative POSIX path of the contract file. */
  file: string;
  kind: 'json-schema' | 'openapi';
  draft: SchemaDraft;
  /** The schema handed to ajv: for OpenAPI, the components rewritten as definitions plus a `$ref` to the named one. */
  schema: unknown;
  /** OpenAPI only: the component fixtures are validated against. */
  component?: string;
  openapiVersion?: string;
  /** Line of `schema:` (or the component) in the contract file, for schema errors. */
  schemaLine: number;
  /** Canonical JSON of the validating schema: equal fingerprints validate identically. */
  fingerprint: string;
  /** Problems found while turning the file into a schema that are not fatal (e.g. `nullable` in 3.1). */
  warnings: Diagnostic[];
}

export interface ParsedContractFile {
  contract?: ContractDefinition;
  diagnostics: Diagnostic[];
}

/** One ajv error, pointed at the offending value. */
export interface FixtureError {
  /** JSON pointer into the fixture: `/0/email`, `` for the root. */
  pointer: string;
  /** JSON pointer into the contract's schema (OpenAPI: into `#/components/schemas/…`). */
  schemaPath: string;
  keyword: string;
  message: string;
}

export interface FixtureResult {
  contract: string;
  /** Workspace-relative path. */
  fixture: string;
  /** `fail` for fixtures under a `bad/` folder. */
  expected: 'pass' | 'fail';
  valid: boolean;
  /** True when the verdict matches the expectation. */
  ok: boolean;
  errors: FixtureError[];
}

export interface ContractSummary {
  id: string;
  file: string;
  kind: 'json-schema' | 'openapi';
  draft: SchemaDraft;
  component?: string;
  fixtures: number;
  status: 'ok' | 'pending' | 'fail';
}
