import path from 'node:path';
import type { SentinelConfig } from './config-types.js';

/** Sentinel's own folder; everything it keeps by default lives below it. */
export const SENTINEL_DIR = '.sentinel';
/** The configuration file, always at this place (it says where everything else is). */
export const CONFIG_PATH = `${SENTINEL_DIR}/config.json`;
/** The user's prompt templates. */
export const PROMPTS_DIR = `${SENTINEL_DIR}/prompts`;
/** Runbook templates written by init. */
export const TEMPLATES_DIR = `${SENTINEL_DIR}/templates`;

/**
 * Where every Sentinel path of a workspace lies, relative to the root (POSIX). The one place
 * that knows the layout: state, evidence, router logs, ledger, cache, temp and lock files.
 */
interface SentinelLayout {
  sentinelDir: string;
  configFile: string;
  stateDir: string;
  /** Evidence of `capsule done` runs: next to the state folder, so a custom stateDir moves it too. */
  evidenceDir: string;
  routerLogDir: string;
  ledger: string;
  agentsDir: string;
  contextLimits: string;
  contractsDir: string;
  sentinelsDir: string;
  secretsAllowlist: string;
  /** The user's prompt templates. */
  promptsDir: string;
  /** Runbook templates written by init. */
  templatesDir: string;
  /** Sentinel's own temp and lock files. */
  tmpDir: string;
  cacheDir: string;
}

export function layoutOf(config: SentinelConfig): SentinelLayout {
  return {
    sentinelDir: SENTINEL_DIR,
    configFile: CONFIG_PATH,
    stateDir: config.stateDir,
    evidenceDir: path.posix.join(path.posix.dirname(config.stateDir), 'evidence'),
    routerLogDir: config.routerLogDir,
    ledger: config.ledger,
    agentsDir: config.agentsDir,
    contextLimits: config.contextLimits,
    contractsDir: config.contractsDir,
    sentinelsDir: config.sentinels.dir,
    secretsAllowlist: config.secrets.allowlist,
    promptsDir: PROMPTS_DIR,
    templatesDir: TEMPLATES_DIR,
    tmpDir: `${SENTINEL_DIR}/tmp`,
    cacheDir: `${SENTINEL_DIR}/cache`,
  };
}

/** The evidence folder of one capsule. */
export const evidenceDirOf = (config: SentinelConfig, slug: string): string => path.posix.join(layoutOf(config).evidenceDir, slug);

/** Folders Sentinel writes while it referees (state, evidence, router logs, temp): never the work under review. */
export function bookkeepingDirs(config: SentinelConfig): string[] {
  const layout = layoutOf(config);
  return [layout.stateDir, layout.evidenceDir, layout.routerLogDir, layout.tmpDir, layout.cacheDir];
}

/** True when a workspace-relative POSIX path is `dir` or lies below it (`./` and trailing slashes of `dir` ignored). */
export function isUnder(file: string, dir: string): boolean {
  const folder = dir.replace(/^\.\//, '').replace(/\/+$/, '');
  return file === folder || file.startsWith(`${folder}/`);
}

/** True when a workspace-relative path lies in one of the bookkeeping folders. */
export function isBookkeeping(config: SentinelConfig, file: string): boolean {
  return bookkeepingDirs(config).some((dir) => isUnder(file, dir));
}
