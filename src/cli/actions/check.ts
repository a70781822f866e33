import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GateName } from '../../core/gates/types.js';
import type { CheckReport } from '../../core/report/check-report.js';
import { checkDocument } from '../../core/report/summarise.js';
import { writeFileAtomic } from '../../core/workspace/fs.js';
import { packageDir } from '../../core/workspace/package-dir.js';
import type { ActionBody } from '../action.js';
import { readCheckReport } from '../report-file.js';
import type { CliContext } from '../context.js';
import { renderCheckText } from '../render/check-text.js';
import { renderJUnit } from '../render/junit.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderSarif } from '../render/sarif.js';
import { runOperationCommand } from '../operation-action.js';
import { CONFIG_PATH } from '../../core/workspace/layout.js';
import { VERSION } from '../version.js';

const NPM_PAGE = 'https://www.npmjs.com/package/sentinelkit';

interface CheckOptions {
  only?: string[];
  skip?: string[];
  capsule?: string;
  base?: string;
  strict?: boolean;
  junit?: string;
  sarif?: string;
  markdown?: string;
  full?: boolean;
  shard?: string;
}

/** The project's home page from package.json (repository or homepage), else its npm page. */
function documentationUris(): { informationUri: string; helpBaseUri: string } {
  try {
    const pkg = JSON.parse(readFileSync(path.join(packageDir(), 'package.json'), 'utf8')) as { homepage?: string; repository?: string | { url?: string } };
    const repo = (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url)?.replace(/^git\+/, '').replace(/\.git$/, '');
    if (repo?.startsWith('https://github.com/')) return { informationUri: repo, helpBaseUri: `${repo}/blob/main/docs/check.md` };
    if (pkg.homepage?.startsWith('https://')) return { informationUri: pkg.homepage, helpBaseUri: pkg.homepage };
  } catch {
    /* fall back to the registry page */
  }
  return { informationUri: NPM_PAGE, helpBaseUri: NPM_PAGE };
}

/** A single self-rewriting status line on a TTY's stderr; silent everywhere else. */
function progressLine(enabled: boolean) {
  let total = 0;
  const running = new Map<string, string>();
  let done = 0;
  let last = 0;
  const draw = (force = false) => {
    if (!enabled) return;
    const now = Date.now();
    if (!force && now - last < 80) return;
    last = now;
    const names = [...running].map(([gate, note]) => (note ? `${gate} (${note})` : gate)).join(', ');
    const text = `checking ${done}/${total}${names ? `: ${names}` : ''}`;
    const width = process.stderr.columns ? process.stderr.columns - 1 : 100;
    process.stderr.write(`\r\u001b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
  };
  return {
    start(gates: GateName[]) {
      total = gates.length;
      for (const g of gates) running.set(g, '');
      draw(true);
    },
    note(gate: GateName, message: string) {
      if (running.has(gate)) running.set(gate, message);
      draw();
    },
    finish(gate: GateName) {
      running.delete(gate);
      done++;
      draw(true);
    },
    clear() {
      if (enabled) process.stderr.write('\r\u001b[K');
    },
  };
}

function writeReports(ctx: CliContext, report: CheckReport, opts: CheckOptions): void {
  const target = (file: string) => path.resolve(ctx.cwd, file);
  if (opts.junit) writeFileAtomic(target(opts.junit), renderJUnit(report));
  if (opts.sarif) {
    writeFileAtomic(target(opts.sarif), renderSarif(report, { toolVersion: VERSION, ...documentationUris(), fallbackPath: CONFIG_PATH }));
  }
  if (opts.markdown) writeFileAtomic(target(opts.markdown), renderMarkdown(report));
}

/** `sentinel check` / `selfcheck`: run the selected gates in parallel and report. */
export const check: ActionBody = async (ctx, _args, raw) => {
  const opts = raw as CheckOptions;
  // The operation without its zod schema: the flags are the input, and zod stays unloaded.
  const { runCheckOperation, checkOperationDocument } = await import('../../core/operations/check-run.js');
  const progress = progressLine(!ctx.json && Boolean(process.stderr.isTTY));
  const input = {
    ...(opts.only ? { gates: opts.only } : {}),
    ...(opts.skip ? { skip: opts.skip } : {}),
    ...(opts.capsule !== undefined ? { capsule: opts.capsule } : {}),
    ...(opts.base !== undefined ? { base: opts.base } : {}),
    strict: Boolean(opts.strict),
    ...(opts.shard !== undefined ? { shard: opts.shard } : {}),
    // A shard's JSON is the input of `report merge`: always whole.
    full: opts.full ?? (opts.shard !== undefined && ctx.json),
  };
  try {
    return await runOperationCommand(ctx, { name: 'check', run: runCheckOperation, document: checkOperationDocument }, input, {
      onEvent(event) {
        if (event.kind === 'start') progress.start(event.steps as GateName[]);
        else if (event.kind === 'note') progress.note(event.step as GateName, event.message);
        else progress.finish(event.step as GateName);
      },
      // Command output and test failures inside the report may hold secrets: every rendering gets the redacted copy.
      // Report files hold everything; stdout holds a summary of long lists unless --full.
      beforeRender(_document, result) {
        progress.clear();
        if (opts.junit || opts.sarif || opts.markdown) writeReports(ctx, ctx.redact.value(result.data as CheckReport), opts);
      },
      text: (c, _result, document) => c.out(renderCheckText(c.redact.value(document as unknown as CheckReport), c.style)),
    });
  } finally {
    progress.clear();
  }
};

/**
 * Command output and test failures inside the report may hold secrets: every rendering gets the
 * redacted copy. Report files hold everything; stdout holds a summary of long lists unless --full.
 */
function printReport(ctx: CliContext, report: CheckReport, opts: CheckOptions): number {
  if (opts.junit || opts.sarif || opts.markdown) writeReports(ctx, ctx.redact.value(report), opts);
  const shown = ctx.redact.value(checkDocument(report, opts.full === true));
  if (ctx.json) ctx.printJson(shown);
  else ctx.out(renderCheckText(shown, ctx.style));
  return report.ok ? 0 : 1;
}

/** `sentinel report merge <reports…>`: the shard reports of one run joined, rendered like `check`. */
export const reportMerge: ActionBody = async (ctx, args, raw) => {
  const files = (Array.isArray(args[0]) ? args[0] : [args[0]]).map(String);
  const reports = files.map(
    (file) =>
      readCheckReport(ctx, file, {
        codePrefix: 'REPORT_MERGE',
        label: file,
        fix: 'Pass the files written from `sentinel check --shard i/n --json > shard-i.json`',
      }).report,
  );
  // Loaded here only: merging needs the sliced gates' own conclusions, which `check` loads per gate.
  const { mergeCheckReports } = await import('../../core/report/merge.js');
  return printReport(ctx, mergeCheckReports(reports), raw as CheckOptions);
};
