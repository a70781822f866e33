import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileContract } from '../contracts/compile.js';
import { draftFromSchemaUri } from '../contracts/parse.js';
import type { ContractDefinition } from '../contracts/types.js';
import { loadContractsWorkspace } from '../contracts/workspace.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { describeAjvError } from '../schema/ajv-errors.js';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from '../schema/bounded.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { checkInside } from '../workspace/paths.js';
import type { HttpRequestSpec } from './http-file.js';
import type { RequestRecord } from './run.js';

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

/**
 * Checks a response body against `# @contract <id>` (a contract of the contracts folder) or
 * `# @schema <file>` (a JSON Schema, relative to the .http file). Validators are compiled once per run.
 */
export function bodyChecker(root: string, config: SentinelConfig) {
  let contracts: ReturnType<typeof loadContractsWorkspace> | undefined;
  const cache = new Map<string, Validate | string>();

  async function validatorFor(file: string, spec: HttpRequestSpec): Promise<Validate | string> {
    const key = spec.expect.contract ? `contract:${spec.expect.contract}` : `schema:${path.posix.join(path.posix.dirname(file), spec.expect.schema!)}`;
    if (cache.has(key)) return cache.get(key)!;
    let result: Validate | string;
    if (spec.expect.contract) {
      const entry = (await (contracts ??= loadContractsWorkspace(root, config))).contracts.get(spec.expect.contract);
      const compiled = entry?.contract ? compileContract(entry.contract) : undefined;
      result =
        compiled?.validate ??
        (entry
          ? `contract ${spec.expect.contract} does not compile (\`sentinel contracts validate\` says why)`
          : `no contract ${spec.expect.contract} in ${config.contractsDir}`);
    } else {
      const schemaFile = key.slice('schema:'.length);
      const inside = checkInside(root, schemaFile);
      try {
        const schema = JSON.parse(readFileSync(inside.ok ? inside.absolute : '', 'utf8')) as { $schema?: string };
        const definition: ContractDefinition = {
          id: schemaFile,
          domain: schemaFile,
          version: 1,
          file: schemaFile,
          kind: 'json-schema',
          draft: draftFromSchemaUri(schema.$schema) ?? 'draft-07',
          schema,
          schemaLine: 1,
          fingerprint: '',
          warnings: [],
        };
        result = compileContract(definition).validate ?? `${schemaFile} is not a valid JSON Schema`;
      } catch {
        result = `${schemaFile} is missing or not JSON`;
      }
    }
    cache.set(key, result);
    return result;
  }

  return async (file: string, spec: HttpRequestSpec, record: RequestRecord): Promise<Diagnostic[]> => {
    if (!spec.expect.contract && !spec.expect.schema) return [];
    const where = { path: file, line: spec.line };
    const against = spec.expect.contract ?? spec.expect.schema!;
    const validate = await validatorFor(file, spec);
    if (typeof validate === 'string')
      return [
        error('REQUESTS_CONTRACT_UNKNOWN', `${spec.method} ${spec.url}: ${validate}`, {
          ...where,
          fix: 'Name an existing contract id (`sentinel contracts validate` lists them) or schema file',
        }),
      ];
    let body: unknown;
    try {
      body = JSON.parse(record.bodyRaw ?? '');
    } catch {
      return [
        error('REQUESTS_BODY_NOT_JSON', `${spec.method} ${spec.url}: the body is not JSON, so it cannot match ${against}`, {
          ...where,
          fix: 'Answer with a JSON body, or drop the @contract/@schema line',
        }),
      ];
    }
    // ajv recurses once per level of a recursive schema: a hostile body must not overflow it.
    if (nestsDeeperThan(body))
      return [
        error(
          'REQUESTS_BODY_TOO_DEEP',
          `${spec.method} ${spec.url}: the ${record.status} body nests deeper than ${MAX_DOCUMENT_DEPTH} levels, so it is not checked against ${against}`,
          {
            ...where,
            fix: `Answer with a body that nests at most ${MAX_DOCUMENT_DEPTH} levels`,
          },
        ),
      ];
    if (validate(body)) return [];
    const reasons = ((validate.errors ?? []) as Parameters<typeof describeAjvError>[0][]).slice(0, 3).map(describeAjvError).join('; ');
    return [
      error('REQUESTS_BODY_CONTRACT', `${spec.method} ${spec.url}: the ${record.status} body does not match ${against}: ${reasons}`, {
        ...where,
        fix: `Make the response match ${against}, or publish a new contract version if the shape changed on purpose`,
      }),
    ];
  };
}
