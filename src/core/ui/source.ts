import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { discoverAgents } from '../agents/discover.js';
import type { Roster } from '../agents/types.js';
import { createCapsuleChecker, type CapsuleCheck, type CapsuleChecker } from '../capsule/check.js';
import { capsuleSlug, listCapsuleFiles } from '../capsule/discover.js';
import { parseCapsule } from '../capsule/parse.js';
import type { Capsule } from '../capsule/types.js';
import { parseLedger } from '../ledger/parse.js';
import type { Ledger } from '../ledger/types.js';
import { listEvidenceFiles, listEvidenceSlugs, parseEvidenceRecord, type EvidenceRecord } from '../lifecycle/evidence-files.js';
import { parseRouterLog, routerLogPath, type RouterLogEntry } from '../router/log.js';
import { parseStateText, type LoadedState } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { normalizeText } from '../workspace/fs.js';
import { bookkeepingDirs } from '../workspace/layout.js';
import type { ErrorCard } from './types.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

interface Cached {
  stamp: string;
  value: Parsed<unknown>;
}

interface SourceOptions {
  /** Reads of a file that does not parse are retried this many times (a writer may be half-way). */
  retries?: number;
  retryDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stampOf(file: string): string | undefined {
  try {
    const s = statSync(file);
    // ctime and inode too: a rewrite can keep size and mtime (a coarse clock, a tool that restores mtime).
    return s.isFile() ? `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The workspace files the board shows, read through the core parsers and cached by mtime and
 * size, so a refresh after one file changes re-parses that file only. A file that does not parse
 * is read again a few times before it becomes an error card.
 */
export class UiSource {
  private readonly cache = new Map<string, Cached>();
  private roster: Roster | undefined;
  private checker: Promise<CapsuleChecker> | undefined;
  private readonly checks = new Map<string, { stamp: string; check: CapsuleCheck }>();
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(
    readonly root: string,
    readonly config: SentinelConfig,
    options: SourceOptions = {},
  ) {
    this.retries = options.retries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 40;
  }

  /** Bumped on every reported change: views built at the same generation are still current. */
  generation = 0;

  /** Files changed on disk: roster and validation context are rebuilt when they may depend on them. */
  invalidate(changed: readonly string[]): void {
    this.generation++;
    const data = [...bookkeepingDirs(this.config), this.config.ledger];
    const onlyData = changed.length > 0 && changed.every((file) => data.some((dir) => file === dir || file.startsWith(`${dir}/`)));
    if (onlyData) return;
    this.roster = undefined;
    this.checker = undefined;
    this.checks.clear();
  }

  private async read<T>(relative: string, parse: (text: string) => Parsed<T>): Promise<Parsed<T> | undefined> {
    const absolute = path.join(this.root, relative);
    let stamp = stampOf(absolute);
    if (stamp === undefined) {
      this.cache.delete(relative);
      return undefined;
    }
    const hit = this.cache.get(relative);
    if (hit && hit.stamp === stamp) return hit.value as Parsed<T>;
    let value: Parsed<T> = { ok: false, message: 'unreadable' };
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) {
        await sleep(this.retryDelayMs);
        stamp = stampOf(absolute);
        if (stamp === undefined) return undefined;
      }
      try {
        value = parse(normalizeText(readFileSync(absolute, 'utf8')));
      } catch (err) {
        value = { ok: false, message: (err as Error).message };
      }
      if (value.ok) break;
    }
    this.cache.set(relative, { stamp, value });
    return value;
  }

  getRoster(): Roster {
    return (this.roster ??= discoverAgents(this.root, this.config));
  }

  async capsules(): Promise<{ capsules: Capsule[]; errors: ErrorCard[] }> {
    const files = await listCapsuleFiles(this.root, this.config);
    const capsules: Capsule[] = [];
    const errors: ErrorCard[] = [];
    for (const file of files) {
      const read = await this.read(file, (text) => ({ ok: true, value: parseCapsule(text, file) }));
      if (read?.ok) capsules.push(read.value);
      else if (read) errors.push({ file, message: read.message });
    }
    return { capsules, errors };
  }

  /** Validation of one capsule (decides `ready` vs `draft` without a state), cached per file version. */
  async check(capsule: Capsule): Promise<CapsuleCheck> {
    const key = capsule.file ?? capsuleSlug(capsule);
    const stamp = `${capsule.hash ?? ''}:${capsule.text.length}`;
    const hit = this.checks.get(key);
    if (hit && hit.stamp === stamp && hit.check.capsule === capsule) return hit.check;
    this.checker ??= createCapsuleChecker(this.root, this.config, this.getRoster());
    const check = (await this.checker).check(capsule);
    this.checks.set(key, { stamp, check });
    return check;
  }

  async states(): Promise<{ states: LoadedState[]; errors: ErrorCard[] }> {
    let names: string[];
    try {
      names = readdirSync(path.join(this.root, this.config.stateDir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    } catch {
      names = [];
    }
    const states: LoadedState[] = [];
    const errors: ErrorCard[] = [];
    for (const name of names.sort()) {
      const slug = name.slice(0, -'.json'.length);
      const file = path.posix.join(this.config.stateDir, name);
      const read = await this.read(file, (text) => {
        const parsed = parseStateText(text, slug);
        return parsed.ok ? { ok: true, value: { state: parsed.state, file, tampered: parsed.tampered } } : parsed;
      });
      if (read?.ok) states.push(read.value);
      else if (read) errors.push({ file, message: read.message });
    }
    return { states, errors };
  }

  async evidence(slug: string): Promise<{ records: { file: string; record: EvidenceRecord }[]; errors: ErrorCard[] }> {
    const records: { file: string; record: EvidenceRecord }[] = [];
    const errors: ErrorCard[] = [];
    for (const file of listEvidenceFiles(this.root, this.config, slug)) {
      const read = await this.read(file, (text) => {
        const parsed = parseEvidenceRecord(text);
        return parsed.ok ? { ok: true, value: parsed.record } : parsed;
      });
      if (read?.ok) records.push({ file, record: read.value });
      else if (read) errors.push({ file, message: read.message });
    }
    return { records, errors };
  }

  /** Every capsule's evidence files, for the history chart and the latest check per gate. */
  async allEvidence(): Promise<{ records: { file: string; record: EvidenceRecord }[]; errors: ErrorCard[] }> {
    const records: { file: string; record: EvidenceRecord }[] = [];
    const errors: ErrorCard[] = [];
    for (const slug of listEvidenceSlugs(this.root, this.config)) {
      const one = await this.evidence(slug);
      records.push(...one.records);
      errors.push(...one.errors);
    }
    return { records, errors };
  }

  async routerLog(slug: string): Promise<{ entries: RouterLogEntry[]; errors: ErrorCard[] }> {
    const file = routerLogPath(this.config, slug);
    const read = await this.read(file, (text) => ({ ok: true, value: parseRouterLog(text) }));
    if (!read?.ok) return { entries: [], errors: read ? [{ file, message: read.message }] : [] };
    const { entries, badLines } = read.value;
    return { entries, errors: badLines.length ? [{ file, message: `unreadable line(s) ${badLines.join(', ')} skipped` }] : [] };
  }

  async ledger(): Promise<{ ledger: Ledger; exists: boolean }> {
    const file = this.config.ledger;
    const read = await this.read(file, (text) => ({ ok: true, value: parseLedger(text, file) }));
    return read?.ok ? { ledger: read.value, exists: true } : { ledger: parseLedger('', file), exists: false };
  }
}
