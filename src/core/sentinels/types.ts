/** One sentinel test as the runner reported it. */
export type SentinelTestStatus = 'passed' | 'failed' | 'skipped' | 'error';

export interface SentinelTestResult {
  name: string;
  /** Workspace-relative POSIX path when the runner says (or we can tell) which file holds it. */
  file?: string;
  /** 1-based line of the failure or the test, when known. */
  line?: number;
  status: SentinelTestStatus;
  durationMs: number;
  /** Failure, error or skip reason. */
  message?: string;
}

export type ResolvedRunner = 'vitest' | 'node' | 'jest' | 'pytest' | 'go' | 'command';

interface SentinelCounts {
  total: number;
  passed: number;
  failed: number;
  error: number;
  skipped: number;
}

export function countResults(results: readonly SentinelTestResult[]): SentinelCounts {
  const counts: SentinelCounts = { total: results.length, passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
