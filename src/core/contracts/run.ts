import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { hasErrors, info, sortDiagnostics, warning, type Diagnostic } from '../diagnostics.js';
import { usageError } from '../errors.js';
import { warmStateEnabled } from '../workspace/warm.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { checkInside } from '../workspace/paths.js';
import { sharedValidatorCache, ValidatorCache } from './compile.js';
import type { FactOf } from '../cache/file-facts.js';
import { sha256 } from '../workspace/fs.js';
import type { ContractSummary, FixtureResult } from './types.js';
import { checkFixture } from './validate.js';
import { checkVersions, type VersionFinding } from './versions.js';
import { contractOfFixture, expectationOf, fixturesRoot, loadContractsWorkspace, type ContractsWorkspace } from './workspace.js';

interface ContractsRunOptions {
  root: string;
  config: SentinelConfig;
  /** Only this contract (`orders.v1`). */
  id?: string;
  /** Only this fixture file (workspace-relative or relative to root). */
  fixture?: string;
  /** Resolved base commit for version discipline; undefined outside git. */
  base?: string;
  /** Sharded: validate only the fixtures this shard owns (contracts, compile and versions stay whole). */
  owns?: (relative: string) => boolean;
  /** A gate run's per-file facts: fixture verdicts and schema findings of unchanged files are reused (cache/file-facts.ts). */
  fact?: FactOf;
}

export interface ContractsReport {
  status: 'ok' | 'pending' | 'fail' | 'skipped';
  summary: string;
  diagnostics: Diagnostic[];
  data: {
    contractsDir: string;
    contracts: ContractSummary[];
    fixtures: FixtureResult[];
    versions: { base?: string; compared: string[]; findings: VersionFinding[] };
    validatorsCompiled: number;
  };
}

/** Validate every selected contract's fixtures and check version discipline against base. */
export async function runContracts(options: ContractsRunOptions): Promise<ContractsReport> {
  const { root, config } = options;
  const fixturesDir = fixturesRoot(config);
  const asked = askedContract(options, fixturesDir);
  const workspace = await loadContractsWorkspace(root, config, asked === undefined ? undefined : new Set([asked]));
  const selection = select(options, workspace, fixturesDir);
  // A warm process (MCP) compiles each schema once for its whole life, a CLI run once per run.
  const cache = warmStateEnabled() ? sharedValidatorCache() : new ValidatorCache();
  const diagnostics: Diagnostic[] = selection.all
    ? [...workspace.diagnostics]
    : workspace.diagnostics.filter(
        (d) => d.path && [...selection.ids].some((id) => d.path === workspace.contracts.get(id)?.file || d.path!.startsWith(`${fixturesDir}/${id}/`)),
      );
  const contracts: ContractSummary[] = [];
  const fixtures: FixtureResult[] = [];
  for (const id of [...selection.ids].sort()) {
    const entry = workspace.contracts.get(id)!;
    const files = selection.fixture ? [selection.fixture] : (workspace.fixtures.get(id) ?? []);
    const before = diagnostics.length;
    const contract = entry.contract;
    if (contract) {
      const { fact } = options;
      // A fixture's verdict depends on its text and on the contract as parsed: the contract's digest is part of the fact's kind.
      const digest = fact ? sha256(JSON.stringify(contract)).slice(0, 16) : '';
      const schemaFindings = () => cache.get(contract).diagnostics;
      diagnostics.push(...contract.warnings, ...((fact && fact(entry.file, `contract-compile:${digest}`, schemaFindings)) ?? schemaFindings()));
      for (const fixture of files) {
        if (options.owns && !options.owns(fixture)) continue;
        const expected = expectationOf(fixture, fixturesDir);
        const check = (text: string) => checkFixture(contract, cache, fixture, text, expected);
        const checked = (fact && fact(fixture, `contract-fixture:${digest}:${expected}`, check)) ?? check(readFileSync(path.join(root, fixture), 'utf8'));
        if (checked.result) fixtures.push(checked.result);
        diagnostics.push(...checked.diagnostics);
      }
      if (files.length === 0) {
        diagnostics.push(
          warning('CONTRACT_NO_FIXTURES', `${id} has no fixtures, so nothing shows what it accepts or rejects`, {
            path: entry.file,
            fix: `Add ${fixturesDir}/${id}/good/<name>.json and ${fixturesDir}/${id}/bad/<name>.json`,
          }),
        );
      }
    }
    const failed = !contract || hasErrors(diagnostics.slice(before));
    const summary: ContractSummary = {
      id,
      file: entry.file,
      kind: contract?.kind ?? 'json-schema',
      draft: contract?.draft ?? '2020-12',
      fixtures: files.length,
      status: failed ? 'fail' : files.length === 0 ? 'pending' : 'ok',
    };
    if (contract?.component) summary.component = contract.component;
    contracts.push(summary);
  }
  const versions: ContractsReport['data']['versions'] = { compared: [], findings: [] };
  if (options.base) {
    versions.base = options.base;
    const checked = await checkVersions(root, options.base, workspace, cache, selection.all ? undefined : selection.ids);
    diagnostics.push(...checked.diagnostics);
    versions.compared = checked.compared;
    versions.findings = checked.findings;
    for (const finding of checked.findings) {
      const summary = contracts.find((c) => c.id === finding.contract);
      if (summary) summary.status = 'fail';
    }
  }
  sortDiagnostics(diagnostics);
  const data = { contractsDir: workspace.contractsDir, contracts, fixtures, versions, validatorsCompiled: cache.size };
  if (workspace.contracts.size === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(
      info('CONTRACTS_NONE', `No contract files in ${workspace.contractsDir}/`, {
        fix: `Add ${workspace.contractsDir}/<domain>.v1.yaml with \`contract\` and \`schema\``,
      }),
    );
    return { status: 'skipped', summary: `no contracts in ${workspace.contractsDir}/`, diagnostics, data };
  }
  return concludeContracts(data, diagnostics);
}

/** Status and summary from the checked contracts and fixtures: shared by the gate and `report merge`. */
export function concludeContracts(data: ContractsReport['data'], diagnostics: Diagnostic[]): ContractsReport {
  const { contracts, fixtures } = data;
  const failedFixtures = fixtures.filter((f) => !f.ok).length;
  const counts = `${contracts.length} contract(s), ${fixtures.length} fixture(s)`;
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return {
      status: 'fail',
      summary: `${counts}: ${errors} error(s)${failedFixtures ? `, ${failedFixtures} fixture(s) not as expected` : ''}`,
      diagnostics,
      data,
    };
  }
  const pending = contracts.filter((c) => c.status === 'pending').map((c) => c.id);
  if (pending.length > 0) return { status: 'pending', summary: `${counts}; no fixtures for ${pending.join(', ')}`, diagnostics, data };
  return { status: 'ok', summary: `${counts}, all as expected`, diagnostics, data };
}

/** The one contract --id or --fixture names, known before anything is parsed; undefined means all. */
function askedContract(options: ContractsRunOptions, fixturesDir: string): string | undefined {
  if (options.id !== undefined) return options.id;
  if (options.fixture === undefined) return undefined;
  const inside = checkInside(options.root, options.fixture);
  return inside.ok ? contractOfFixture(inside.relative, fixturesDir) : undefined;
}

interface Selection {
  all: boolean;
  ids: Set<string>;
  fixture?: string;
}

/** Resolve --id / --fixture; anything unknown is a usage error (exit 2), never a silent pass. */
function select(options: ContractsRunOptions, workspace: ContractsWorkspace, fixturesDir: string): Selection {
  const known = [...workspace.contracts.keys()].sort();
  const knownText = known.length ? known.join(', ') : 'none';
  if (options.id !== undefined && !workspace.contracts.has(options.id)) {
    throw usageError('CONTRACT_UNKNOWN', `Unknown contract "${options.id}" (known: ${knownText})`, {
      fix: `Pass a contract id such as ${known[0] ?? 'orders.v1'}, named after its file in ${workspace.contractsDir}/`,
    });
  }
  if (options.fixture !== undefined) {
    const inside = checkInside(options.root, options.fixture);
    const relative = inside.ok ? inside.relative : options.fixture;
    const id = inside.ok ? contractOfFixture(relative, fixturesDir) : undefined;
    let isFile = false;
    try {
      isFile = inside.ok && statSync(inside.absolute).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile || !id || !relative.endsWith('.json')) {
      throw usageError('CONTRACT_FIXTURE_UNKNOWN', `"${options.fixture}" is not a fixture file under ${fixturesDir}/<contract>/`, {
        path: options.fixture,
        fix: `Pass an existing file such as ${fixturesDir}/${known[0] ?? 'orders.v1'}/good/example.json (relative to the workspace root)`,
      });
    }
    if (!workspace.contracts.has(id)) {
      throw usageError('CONTRACT_UNKNOWN', `Fixture ${relative} belongs to "${id}", which has no contract file (known: ${knownText})`, {
        path: relative,
        fix: `Add ${workspace.contractsDir}/${id}.yaml or move the fixture`,
      });
    }
    if (options.id !== undefined && options.id !== id) {
      throw usageError('CONTRACT_FIXTURE_MISMATCH', `Fixture ${relative} belongs to ${id}, not ${options.id}`, {
        path: relative,
        fix: 'Drop --id, or pass a fixture of that contract',
      });
    }
    return { all: false, ids: new Set([id]), fixture: relative };
  }
  if (options.id !== undefined) return { all: false, ids: new Set([options.id]) };
  return { all: true, ids: new Set(known) };
}
