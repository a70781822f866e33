import path from 'node:path';
import type { SentinelConfig } from '../core/workspace/config-types.js';
import { findRoot } from '../core/workspace/root.js';
import { formatDiagnostics } from './render/diagnostics.js';
import { colorWanted, createStyle, type Style } from './render/style.js';
import type { Diagnostic } from '../core/diagnostics.js';

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
  style: Style;
  /** Loads and validates `.sentinel/config.json` once (throws a config error, exit 2). */
  config(): Promise<SentinelConfig>;
  out(text: string): void;
  err(text: string): void;
  printJson(value: unknown): void;
  printDiagnostics(diagnostics: readonly Diagnostic[]): void;
}

export function createCliContext(options: GlobalOptions, cwd = process.cwd()): CliContext {
  const root = options.root ? path.resolve(cwd, options.root) : findRoot(cwd);
  const style = createStyle(!options.json && colorWanted(process.stdout, process.env, options.color));
  let config: Promise<SentinelConfig> | undefined;
  return {
    root,
    cwd,
    json: Boolean(options.json),
    style,
    config: () => (config ??= import('../core/workspace/config.js').then((m) => m.loadConfig(root))),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    printJson: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    printDiagnostics(diagnostics) {
      if (diagnostics.length) process.stdout.write(`${formatDiagnostics(diagnostics, style)}\n`);
    },
  };
}
