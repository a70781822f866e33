import { readFileSync } from 'node:fs';
import path from 'node:path';
import { error, info, type Diagnostic } from '../diagnostics.js';
import { blobId } from '../cache/file-facts.js';
import { EMPTY_TREE, git, listFilesAt } from '../git/git.js';
import { readFilesAt } from './git-batch.js';
import type { ValidatorCache } from './compile.js';
import { contractNameFromFile, isContractFileName, nextVersionFix, type ContractName } from './names.js';
import { parseContractFile } from './parse.js';
import type { ContractDefinition } from './types.js';
import { judgeFixture } from './validate.js';
import { groupFixtures, type ContractsWorkspace } from './workspace.js';

export interface VersionFinding {
  contract: string;
  change: 'removed' | 'strengthened' | 'weakened';
  /** The fixture whose verdict flipped (absent for a removal). */
  fixture?: string;
  /** Which copy of the fixture flipped: as it was at base, or as it is now. */
  fixtureAt?: 'base' | 'current';
}

interface VersionCheck {
  diagnostics: Diagnostic[];
  findings: VersionFinding[];
  /** Contracts compared against base (present at base). */
  compared: string[];
}

interface FixtureCopy {
  fixture: string;
  text: string;
  at: 'base' | 'current';
}

/** Every entry under `dir` at `ref` with its object id (`ls-tree -r`: the files listFilesAt lists). */
async function listBlobsAt(root: string, ref: string, dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ref === EMPTY_TREE) return out;
  const result = await git(root, ['ls-tree', '-r', '-z', ref, '--', dir]);
  if (result.code !== 0) return out;
  for (const entry of result.stdout.split('\0')) {
    // `<mode> <type> <oid>\t<path>`
    const match = /^\d+ \w+ ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (match) out.set(match[2]!, match[1]!);
  }
  return out;
}

/**
 * Version discipline: a contract version at base must still exist, and its schema may only
 * change in ways that no fixture (as at base, or as now) notices.
 */
export async function checkVersions(
  root: string,
  base: string,
  workspace: ContractsWorkspace,
  cache: ValidatorCache,
  only?: Set<string>,
): Promise<VersionCheck> {
  const diagnostics: Diagnostic[] = [];
  const findings: VersionFinding[] = [];
  const compared: string[] = [];
  const fixturesDir = `${workspace.contractsDir}/fixtures`;
  const blobs = await listBlobsAt(root, base, workspace.contractsDir);
  const baseFiles = [...blobs.keys()].filter((f) => path.posix.dirname(f) === workspace.contractsDir && isContractFileName(path.posix.basename(f)));
  let baseFixtures: Map<string, string[]> | undefined;
  const short = base.slice(0, 7);
  // A contract whose text is byte for byte its base blob has not changed: its base copy is not read (nor parsed).
  const unchanged = (file: string, id: string) => {
    const text = workspace.contracts.get(id)?.text;
    const oid = blobs.get(file);
    return (
      text !== undefined &&
      oid !== undefined &&
      workspace.contracts.get(id)?.file === file &&
      blobId(Buffer.from(text, 'utf8'), oid.length === 64 ? 'sha256' : 'sha1') === oid
    );
  };
  const toRead = baseFiles.filter((file) => {
    const name = contractNameFromFile(file);
    return name !== undefined && (!only || only.has(name.id)) && !unchanged(file, name.id);
  });
  const baseTexts = await readFilesAt(root, base, toRead);
  const changed: { name: ContractName; before: ContractDefinition; current: ContractDefinition; file: string }[] = [];
  for (const file of baseFiles) {
    const name = contractNameFromFile(file);
    if (!name || (only && !only.has(name.id))) continue;
    compared.push(name.id);
    const current = workspace.contracts.get(name.id);
    if (!current) {
      findings.push({ contract: name.id, change: 'removed' });
      diagnostics.push(
        error('CONTRACT_VERSION_REMOVED', `${name.id} existed at ${short} and was removed; consumers may still send or expect it`, {
          path: file,
          fix: `Restore it (git checkout ${short} -- ${file}); to change the shape, ${nextVersionFix(name)}`,
        }),
      );
      continue;
    }
    if (!current.contract || unchanged(file, name.id)) continue;
    const baseText = baseTexts.get(file);
    const before = baseText === undefined ? undefined : parseContractFile(baseText, file).contract;
    if (!before || before.fingerprint === current.contract.fingerprint) continue;
    if (!cache.get(before).validate || !cache.get(current.contract).validate) continue;
    changed.push({ name, before, current: current.contract, file: current.file });
  }
  if (changed.length > 0) baseFixtures = groupFixtures(await listFilesAt(root, base, fixturesDir), fixturesDir).byContract;
  const fixtureTexts = baseFixtures
    ? await readFilesAt(
        root,
        base,
        changed.flatMap((c) => baseFixtures!.get(c.name.id) ?? []),
      )
    : new Map<string, string>();
  for (const { name, before, current: contract, file: currentFile } of changed) {
    const current = { file: currentFile, contract };
    const copies: FixtureCopy[] = [];
    for (const fixture of baseFixtures?.get(name.id) ?? []) {
      const text = fixtureTexts.get(fixture);
      if (text !== undefined) copies.push({ fixture, text, at: 'base' });
    }
    for (const fixture of workspace.fixtures.get(name.id) ?? []) {
      const text = readFileSync(path.join(root, fixture), 'utf8');
      // An unchanged fixture already stands in as its base copy.
      if (fixtureTexts.get(fixture) !== text) copies.push({ fixture, text, at: 'current' });
    }
    const flips = compareVerdicts(before, current.contract, cache, copies);
    if (copies.length === 0) {
      diagnostics.push(
        info('CONTRACT_CHANGED_UNWITNESSED', `${name.id}'s schema changed since ${short} and no fixture shows whether that breaks anything`, {
          path: current.file,
          line: current.contract.schemaLine,
          fix: `Add good/ and bad/ fixtures for ${name.id}`,
        }),
      );
    }
    findings.push(...flips);
    for (const change of ['strengthened', 'weakened'] as const) {
      const hit = flips.filter((f) => f.change === change);
      if (hit.length === 0) continue;
      const listed = [...new Set(hit.map((f) => f.fixture))];
      const what = change === 'strengthened' ? 'now rejects' : 'now accepts';
      const was = change === 'strengthened' ? 'accepted' : 'rejected';
      diagnostics.push(
        error(
          'CONTRACT_CHANGED_IN_PLACE',
          `${name.id} was changed in place since ${short}: it ${what} ${listed.length} fixture(s) it ${was} (${listed.slice(0, 3).join(', ')}${listed.length > 3 ? ', …' : ''})`,
          {
            path: current.file,
            line: current.contract.schemaLine,
            fix: `Restore ${name.id} as it was at ${short} and ${nextVersionFix(name)}`,
          },
        ),
      );
    }
  }
  return { diagnostics, findings, compared };
}

/** Fixtures whose verdict differs between the base schema and the current one. */
export function compareVerdicts(before: ContractDefinition, after: ContractDefinition, cache: ValidatorCache, copies: FixtureCopy[]): VersionFinding[] {
  const flips: VersionFinding[] = [];
  for (const copy of copies) {
    const then = judgeFixture(before, cache, copy.fixture, copy.text);
    const now = judgeFixture(after, cache, copy.fixture, copy.text);
    if (!then?.parsed || !now?.parsed || then.valid === now.valid) continue;
    flips.push({ contract: after.id, change: then.valid ? 'strengthened' : 'weakened', fixture: copy.fixture, fixtureAt: copy.at });
  }
  return flips;
}
