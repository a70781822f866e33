import { discoverAgents } from '../agents/discover.js';
import type { Cache } from '../cache/store.js';
import { createCapsuleChecker } from '../capsule/check.js';
import { CAPSULE_CHECKS, createCapsuleJudge, memoryRecords, type CapsuleCheckRecord, type CapsuleCheckRecords } from '../capsule/check-memo.js';
import { listCapsuleFiles } from '../capsule/discover.js';
import type { Diagnostic } from '../diagnostics.js';
import { listStates, listStatesWarm } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { warmStateEnabled } from '../workspace/warm.js';
import { statusRows, type StatusRow } from './status.js';

interface StatusReport {
  ok: boolean;
  capsules: StatusRow[];
  diagnostics: Diagnostic[];
}

/**
 * Where capsule verdicts are kept between runs (check-memo.ts): in memory in a warm process (the
 * MCP tool thread), else in the signed cache when there is one; `save` writes back, keeping the
 * records of `files` only.
 */
function recordsFor(root: string, cache: Cache | undefined): CapsuleCheckRecords & { save(files: ReadonlySet<string>): void } {
  if (warmStateEnabled()) {
    const records = memoryRecords(root);
    return { ...records, save: (files) => records.keep(files) };
  }
  if (!cache) {
    const records = new Map<string, CapsuleCheckRecord>();
    return { get: (file) => records.get(file), set: (file, record) => void records.set(file, record), save: () => undefined };
  }
  const table = cache.namespace<CapsuleCheckRecord>(CAPSULE_CHECKS);
  return {
    get: (file) => table.get(file),
    set: (file, record) => table.set(file, record),
    save(files) {
      for (const file of table.keys()) if (!files.has(file)) table.delete(file);
      table.save();
    },
  };
}

/**
 * `sentinel status`: every capsule joined with its state; ok is false when a state was hand-edited.
 * A capsule is validated again only when its text or anything its validation read changed.
 */
export async function statusReport(root: string, config: SentinelConfig, now = new Date(), cache?: Cache): Promise<StatusReport> {
  const [files, checker] = await Promise.all([listCapsuleFiles(root, config), createCapsuleChecker(root, config, discoverAgents(root, config))]);
  const records = recordsFor(root, cache);
  const judge = createCapsuleJudge(root, checker, records);
  const verdicts = files.map(judge);
  records.save(new Set(files));
  const states = warmStateEnabled() ? await listStatesWarm(root, config) : listStates(root, config);
  const { rows, diagnostics } = statusRows(verdicts, states, now);
  return { ok: !rows.some((r) => r.tampered), capsules: rows, diagnostics };
}
