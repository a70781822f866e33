import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { keyOf } from '../cache/file-facts.js';
import type { Cache } from '../cache/store.js';
import { BASE_CANDIDATES } from '../git/git.js';
import { refStateFromFiles } from '../git/ref-files.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { sha256 } from '../workspace/fs.js';
import { normalizeRelative } from '../workspace/paths.js';
import { RACY_MS, settledStat } from '../workspace/racy.js';
import { fixturesRoot, isContractFileName } from './names.js';
import type { ContractsReport } from './run.js';

/**
 * Reports are kept in this many namespace files, one state each (picked by the state's key): a
 * branch switch and back stays warm, and a run loads one report (≈ 340 kB for 2,000 fixtures), not all.
 */
export const REPORT_SLOTS = 4;
export const reportNamespace = (slot: number): string => `contracts-reports-${slot}`;
const slotOf = (key: string): number => Number.parseInt(key.slice(0, 8), 16) % REPORT_SLOTS;

interface StoredReport {
  report: ContractsReport;
  at: string;
}

interface ContractsState {
  key: string;
  /** Every fixture's stat is old enough to vouch for its content (racy.ts): only then is a report kept. */
  settled: boolean;
}

interface MemoOptions {
  root: string;
  config: SentinelConfig;
  cache: Cache;
  /** `--base` as given (it is part of the state, like the refs the default base comes from). */
  base?: string;
  /** Tests: a clock past the racy window. */
  now?: () => number;
}

export interface ContractsMemo {
  /** The report of a run on exactly this state, when one was kept. */
  recall(): ContractsReport | undefined;
  /** Keep a report computed now: only when the state is unchanged since `recall` looked (and settled). */
  remember(report: ContractsReport): Promise<void>;
}

/**
 * The key of everything a whole-workspace `contracts validate` depends on: the config, the contract
 * files' text (a `$ref` resolves inside its own file: ajv loads no other), the fixtures folder
 * (fixturesTree: ignored files included) with each file's stat, and the commits the base is
 * derived from (HEAD, the default branches, `--base`) with the shallow boundary and grafts that
 * decide their merge base: a commit's contracts and fixtures never change. Undefined when the refs
 * cannot be read from the .git files (then there is no memo and the run asks git as before).
 */
export async function contractsState(
  root: string,
  config: SentinelConfig,
  base: string | undefined,
  now: () => number = Date.now,
): Promise<ContractsState | undefined> {
  const refs = ['HEAD', ...BASE_CANDIDATES, ...(base === undefined ? [] : [base])];
  const { commits, history } = refStateFromFiles(root, refs);
  if (!commits || history === undefined) return undefined;
  const contractsDir = normalizeRelative(config.contractsDir);
  const contracts: [string, string][] = [];
  try {
    for (const d of readdirSync(path.join(root, contractsDir), { withFileTypes: true })) {
      if (d.isFile() && isContractFileName(d.name)) contracts.push([d.name, sha256(readFileSync(path.join(root, contractsDir, d.name)))]);
    }
  } catch {
    // no contracts folder: an empty list, as the run finds
  }
  contracts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const fixtures = fixturesTree(path.join(root, fixturesRoot(config)), now());
  const state = {
    config,
    refs: refs.map((ref, i) => [ref, commits[i] ?? null]),
    history,
    gitConfig: gitConfigDigest(root),
    contracts,
    fixtures: fixtures.entries,
  };
  return { key: sha256(JSON.stringify(state)), settled: fixtures.settled };
}

/**
 * Everything under the fixtures folder the run's glob (`**\/*.json`, symlinks followed) could see,
 * and more: every folder's entries with their kind, each file's stat. The walk follows symlinks
 * and enters each real folder once (by device and inode), skips nothing (dot folders, other
 * extensions) and notes a folder it cannot read, so whatever changes what the glob would find,
 * or a fixture's content, changes this. Cheaper than the glob itself (no matcher to build, no
 * walker to load); the run still globs, so this walk need not agree with it, only see at least as much.
 */
function fixturesTree(dir: string, at: number): { entries: string[]; settled: boolean } {
  const entries: string[] = [];
  let settled = true;
  const seen = new Set<string>();
  const visit = (absolute: string, relative: string) => {
    let dirents: Dirent[];
    try {
      dirents = readdirSync(absolute, { withFileTypes: true });
    } catch {
      entries.push(`${relative}/ unreadable`);
      return;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of dirents) {
      // Joined by hand: path.join normalises each of 2,000 paths, a fifth of the loop.
      const child = `${absolute}${path.sep}${d.name}`;
      const name = relative === '' ? d.name : `${relative}/${d.name}`;
      const stat = statSync(child, { throwIfNoEntry: false });
      if (stat?.isDirectory()) {
        const id = `${stat.dev}:${stat.ino}`;
        // The folder's identity too: a link moved to another folder already walked is a change.
        entries.push(`${name}/ ${id}${d.isSymbolicLink() ? ' link' : ''}`);
        if (seen.has(id)) continue;
        seen.add(id);
        visit(child, name);
      } else if (stat?.isFile()) {
        entries.push(`${name} ${keyOf(stat)}${d.isSymbolicLink() ? ' link' : ''}`);
        if (!settledStat(stat, RACY_MS, at)) settled = false;
      } else {
        entries.push(`${name} ${stat ? 'other' : 'dangling'}`);
      }
    }
  };
  const top = statSync(dir, { throwIfNoEntry: false });
  if (top?.isDirectory()) {
    seen.add(`${top.dev}:${top.ino}`);
    visit(dir, '');
  } else {
    entries.push(top ? 'not a folder' : 'none');
  }
  return { entries, settled };
}

/** `.git/config` decides whether git sees a work tree here at all (core.bare, core.worktree). */
function gitConfigDigest(root: string): string | null {
  try {
    return sha256(readFileSync(path.join(root, '.git', 'config')));
  } catch {
    return null;
  }
}

/**
 * Whole-run reports of `contracts validate` by workspace state, in the signed cache (docs/cache.md):
 * a run on an unchanged workspace stats its fixtures and reads its contract files, and parses,
 * compiles and validates nothing. Undefined where the state cannot be keyed.
 */
export async function openContractsMemo(options: MemoOptions): Promise<ContractsMemo | undefined> {
  const { root, config, cache, base } = options;
  const now = options.now ?? Date.now;
  const before = await contractsState(root, config, base, now);
  if (!before) return undefined;
  const reports = cache.namespace<StoredReport>(reportNamespace(slotOf(before.key)));
  return {
    recall() {
      const stored = reports.get(before.key);
      // Nothing was compiled by this run.
      return stored && { ...stored.report, data: { ...stored.report.data, validatorsCompiled: 0 } };
    },
    async remember(report) {
      if (!before.settled) return;
      // A file changed while the run read it: the report may mix both states, so it is not kept.
      const after = await contractsState(root, config, base, now);
      if (!after?.settled || after.key !== before.key) return;
      for (const other of reports.keys()) reports.delete(other);
      reports.set(before.key, { report, at: new Date(now()).toISOString() });
      reports.save();
    },
  };
}
