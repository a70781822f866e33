import path from 'node:path';
import type { SentinelConfig } from '../core/workspace/config-types.js';
import { loadConfig } from '../core/workspace/config.js';
import { findRoot } from '../core/workspace/root.js';
import { formatDiagnostics } from './render/diagnostics.js';
import { colorWanted, createStyle, type Style } from './render/style.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { createRedactor, secretEnvValues, type Redactor } from '../core/secrets/redact.js';
import { callerFrom, type Caller } from '../core/workspace/caller.js';
import { stdoutIsTTY, writeTo } from './stdio.js';

export interface GlobalOptions {
  root?: string;
  json?: boolean;
  color?: boolean;
}

/** Everything a command action needs from the CLI: where, how to print, the config. */
export interface CliContext {
  root: string;
  cwd: string;
  json: boolean;
  /** $SENTINEL_CAPSULE, $SENTINEL_ACTOR and the running binary: the environment, read here once. */
  caller: Caller;
  style: Style;
  /** Loads and validates `.sentinel/config.json` once (throws a config error, exit 2). */
  config(): Promise<SentinelConfig>;
  out(text: string): void;
  err(text: string): void;
  printJson(value: unknown): void;
  printDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Diagnostics about something other than the command's own result (e.g. the roster): stderr, in every mode. */
  warnDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** The one redactor: everything printed or written by a command passes it (see docs/secrets.md). */
  redact: Redactor;
}

export function createCliContext(options: GlobalOptions, cwd = process.cwd()): CliContext {
  const root = options.root ? path.resolve(cwd, options.root) : findRoot(cwd);
  let style: Style | undefined;
  const styleOf = () => (style ??= createStyle(!options.json && colorWanted({ isTTY: stdoutIsTTY() }, process.env, options.color)));
  let config: Promise<SentinelConfig> | undefined;
  const redact = createRedactor({ envValues: secretEnvValues(process.env) });
  return {
    root,
    cwd,
    json: Boolean(options.json),
    caller: callerFrom(process.env, process.argv[1]),
    // Decided on first use: a hook never styles, and asking stdout whether it is a TTY may create it.
    get style() {
      return styleOf();
    },
    // Loaded on first ask (a Promise, so a config error rejects where the command awaits it).
    config: () => (config ??= Promise.resolve().then(() => loadConfig(root))),
    redact,
    out: (text) => writeTo(1, redact.text(text.endsWith('\n') ? text : `${text}\n`)),
    err: (text) => writeTo(2, redact.text(text.endsWith('\n') ? text : `${text}\n`)),
    printJson: (value) => writeTo(1, `${JSON.stringify(redact.value(value), null, 2)}\n`),
    printDiagnostics(diagnostics) {
      if (diagnostics.length) writeTo(1, `${redact.text(formatDiagnostics(diagnostics, styleOf()))}\n`);
    },
    warnDiagnostics(diagnostics) {
      if (diagnostics.length) writeTo(2, `${redact.text(formatDiagnostics(diagnostics, styleOf()))}\n`);
    },
  };
}
