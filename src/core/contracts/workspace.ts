import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { escapePath, glob } from 'tinyglobby';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { normalizeRelative, toPosix } from '../workspace/paths.js';
import { contractNameFromFile, fixturesRoot, isContractFileName } from './names.js';
import { parseContractFile } from './parse.js';
import type { ContractDefinition } from './types.js';

export interface ContractEntry {
  id: string;
  file: string;
  contract?: ContractDefinition;
  /** The file's text as read (version discipline compares it with the base's blob before reading that). */
  text?: string;
}

export interface ContractsWorkspace {
  contractsDir: string;
  /** By contract id; a contract whose file is broken is present without `contract`. */
  contracts: Map<string, ContractEntry>;
  /** Fixture paths (workspace-relative) by contract folder name. */
  fixtures: Map<string, string[]>;
  diagnostics: Diagnostic[];
}

export { fixturesRoot };

/** Files under any `bad/` folder must be rejected; everything else must validate. */
export function expectationOf(fixture: string, fixturesDir: string): 'pass' | 'fail' {
  const inside = fixture
    .slice(fixturesDir.length + 1)
    .split('/')
    .slice(1, -1);
  return inside.includes('bad') ? 'fail' : 'pass';
}

/** The contract folder a fixture belongs to: `<contractsDir>/fixtures/<contract>/…`. */
export function contractOfFixture(fixture: string, fixturesDir: string): string | undefined {
  if (!fixture.startsWith(`${fixturesDir}/`)) return undefined;
  const parts = fixture.slice(fixturesDir.length + 1).split('/');
  return parts.length >= 2 ? parts[0] : undefined;
}

/** Group fixture paths by contract; files straight in `fixtures/` belong to none. */
export function groupFixtures(files: string[], fixturesDir: string): { byContract: Map<string, string[]>; loose: string[] } {
  const byContract = new Map<string, string[]>();
  const loose: string[] = [];
  for (const file of files.sort()) {
    const id = contractOfFixture(file, fixturesDir);
    if (!id) {
      loose.push(file);
      continue;
    }
    const list = byContract.get(id) ?? [];
    list.push(file);
    byContract.set(id, list);
  }
  return { byContract, loose };
}

/**
 * Read every contract file and fixture list from disk. Never throws on content. With `only`, every
 * contract id is still listed, but only those contracts are parsed and only their fixtures listed.
 */
export async function loadContractsWorkspace(root: string, config: SentinelConfig, only?: ReadonlySet<string>): Promise<ContractsWorkspace> {
  const contractsDir = normalizeRelative(config.contractsDir);
  const diagnostics: Diagnostic[] = [];
  const contracts = new Map<string, ContractEntry>();
  let names: string[] = [];
  try {
    names = readdirSync(path.join(root, contractsDir), { withFileTypes: true })
      .filter((d) => d.isFile() && isContractFileName(d.name))
      .map((d) => d.name)
      .sort();
  } catch {
    names = [];
  }
  for (const name of names) {
    const file = `${contractsDir}/${name}`;
    const id = contractNameFromFile(name)?.id;
    if (only && (!id || !only.has(id))) {
      if (id && !contracts.has(id)) contracts.set(id, { id, file });
      continue;
    }
    const text = readFileSync(path.join(root, file), 'utf8');
    const parsed = parseContractFile(text, file);
    diagnostics.push(...parsed.diagnostics);
    if (!id) continue;
    const existing = contracts.get(id);
    if (existing) {
      diagnostics.push(
        error('CONTRACT_DUPLICATE', `${id} is defined twice: ${existing.file} and ${file}`, { path: file, line: 1, fix: 'Keep one file per contract version' }),
      );
      continue;
    }
    const entry: ContractEntry = { id, file, text };
    if (parsed.contract) entry.contract = parsed.contract;
    contracts.set(id, entry);
  }
  const fixturesDir = fixturesRoot(config);
  const patterns = only ? [...only].map((id) => `${escapePath(id)}/**/*.json`) : ['**/*.json'];
  const fixtureFiles = (await glob(patterns, { cwd: path.join(root, fixturesDir), dot: false, onlyFiles: true })).map((f) => `${fixturesDir}/${toPosix(f)}`);
  const { byContract, loose } = groupFixtures(fixtureFiles, fixturesDir);
  for (const file of loose) {
    diagnostics.push(
      warning('CONTRACT_FIXTURE_LOOSE', `${file} is not inside a contract folder, so no contract checks it`, {
        path: file,
        fix: `Move it to ${fixturesDir}/<domain>.vN/ (or its bad/ subfolder)`,
      }),
    );
  }
  for (const [id, files] of byContract) {
    if (!contracts.has(id)) {
      diagnostics.push(
        error('CONTRACT_FIXTURES_ORPHANED', `${files.length} fixture(s) in ${fixturesDir}/${id}/ belong to no contract file`, {
          path: files[0]!,
          fix: `Add ${contractsDir}/${id}.yaml, or rename the folder after an existing contract`,
        }),
      );
    }
  }
  return { contractsDir, contracts, fixtures: byContract, diagnostics };
}
