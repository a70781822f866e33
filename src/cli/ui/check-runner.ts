import type { ServerResponse } from 'node:http';
import { runCheck } from '../../core/gates/run-check.js';
import type { CheckEvent } from '../../core/ui/types.js';
import type { BoardCheckResult } from '../../core/ui/views.js';
import type { SentinelConfig } from '../../core/workspace/config-types.js';

/**
 * Runs `sentinel check --capsule <slug>` in-process for the board, one run at a time, streaming
 * each step to the requesting page as one JSON object per line. Results are kept in memory for
 * the latest-check page; nothing is written to the workspace.
 */
export class CheckRunner {
  private running: string | undefined;
  readonly results: BoardCheckResult[] = [];

  constructor(
    private readonly root: string,
    private readonly config: SentinelConfig,
    private readonly onFinished: () => void,
    /** Gate output can quote secrets: every event and kept result is redacted first. */
    private readonly redact: <T>(value: T) => T = (value) => value,
  ) {}

  get busy(): string | undefined {
    return this.running;
  }

  async run(slug: string, res: ServerResponse): Promise<void> {
    if (this.running) {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'UI_CHECK_BUSY', message: `A check for ${this.running} is already running` } }));
      return;
    }
    this.running = slug;
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const send = (event: CheckEvent) => res.write(`${JSON.stringify(this.redact(event))}\n`);
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) controller.abort();
    });
    try {
      const report = await runCheck(this.root, this.config, {
        capsule: slug,
        signal: controller.signal,
        onStart: (gates) => send({ type: 'start', capsule: slug, gates }),
        onProgress: (gate, message) => send({ type: 'progress', gate, message }),
        onGateDone: (result) => {
          send({ type: 'gate', gate: result.gate, status: result.status, summary: result.summary, durationMs: result.durationMs });
          const at = new Date().toISOString();
          const index = this.results.findIndex((r) => r.gate === result.gate);
          const entry: BoardCheckResult = this.redact({
            gate: result.gate,
            status: result.status,
            summary: result.summary,
            at,
            capsule: slug,
            source: 'board',
            durationMs: result.durationMs,
            diagnostics: result.diagnostics,
          });
          if (index >= 0) this.results[index] = entry;
          else this.results.push(entry);
        },
      });
      const failed = report.gates.filter((g) => g.status === 'fail').map((g) => g.gate);
      send({ type: 'done', ok: failed.length === 0, summary: failed.length ? `failed: ${failed.join(', ')}` : `${report.gates.length} gates, none failed` });
    } catch (err) {
      send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running = undefined;
      res.end();
      this.onFinished();
    }
  }
}
