import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics.js';
import { commandArgv, parseCommand, shellQuote } from '../commands/argv.js';
import { findExecutable } from '../commands/process.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { installedPackage } from './discover.js';
import type { ResolvedRunner } from './types.js';
import { CONFIG_PATH } from '../workspace/layout.js';

/** One runner process to start; it writes `reportPath` (JUnit XML) unless format is go-json. */
export interface Invocation {
  argv: string[];
  env: Record<string, string>;
  reportPath?: string;
  format: 'junit' | 'go-json';
  /** The single test file this call runs, when the report does not name files itself. */
  fileHint?: string;
}

type PlanResult = { ok: true; invocations: Invocation[] } | { ok: false; diagnostic: Diagnostic };

const CONFIG_FILE = CONFIG_PATH;

function packageBin(root: string, pkg: string, bin: string): string | undefined {
  const found = installedPackage(root, pkg);
  const rel = found?.bin[bin];
  return found && rel ? path.join(found.dir, rel) : undefined;
}

const notInstalled = (what: string, fix: string): PlanResult => ({
  ok: false,
  diagnostic: error('SENTINELS_RUNNER_MISSING', `The sentinel runner ${what} is not installed`, { path: CONFIG_FILE, fix }),
});

/**
 * The processes that run the given sentinel test files with `runner`. Programs come from the
 * project (node_modules), PATH or the config; arguments are argv arrays, never shell text.
 */
export function planInvocations(runner: ResolvedRunner, files: string[], config: SentinelConfig, root: string, tempDir: string): PlanResult {
  const report = path.join(tempDir, 'sentinels-junit.xml');
  switch (runner) {
    case 'node':
      // Node 20's JUnit reporter does not say which file a test came from: one call per file.
      return {
        ok: true,
        invocations: files.map((file, i) => ({
          argv: [
            process.execPath,
            '--test',
            '--test-reporter=junit',
            `--test-reporter-destination=${path.join(tempDir, `node-${i}.xml`)}`,
            '--test-reporter=spec',
            '--test-reporter-destination=stdout',
            file,
          ],
          env: {},
          reportPath: path.join(tempDir, `node-${i}.xml`),
          format: 'junit',
          fileHint: file,
        })),
      };
    case 'vitest': {
      const bin = packageBin(root, 'vitest', 'vitest');
      if (!bin) return notInstalled('vitest', 'Run `npm install -D vitest`, or set sentinels.runner in .sentinel/config.json');
      return {
        ok: true,
        invocations: [
          {
            argv: [
              process.execPath,
              bin,
              'run',
              `--dir=${config.sentinels.dir}`,
              '--reporter=default',
              '--reporter=junit',
              `--outputFile.junit=${report}`,
              ...files,
            ],
            env: {},
            reportPath: report,
            format: 'junit',
          },
        ],
      };
    }
    case 'jest': {
      const bin = packageBin(root, 'jest', 'jest');
      if (!bin) return notInstalled('jest', 'Run `npm install -D jest jest-junit`, or set sentinels.runner in .sentinel/config.json');
      if (!installedPackage(root, 'jest-junit')) return notInstalled('jest-junit (jest needs it to write JUnit XML)', 'Run `npm install -D jest-junit`');
      return {
        ok: true,
        invocations: [
          {
            argv: [process.execPath, bin, '--ci', '--reporters=default', '--reporters=jest-junit', '--runTestsByPath', ...files],
            env: { JEST_JUNIT_OUTPUT_DIR: tempDir, JEST_JUNIT_OUTPUT_NAME: path.basename(report), JEST_JUNIT_ADD_FILE_ATTRIBUTE: 'true' },
            reportPath: report,
            format: 'junit',
          },
        ],
      };
    }
    case 'pytest': {
      const pytest = findExecutable('pytest');
      const python = findExecutable('python3') ?? findExecutable('python');
      const program = pytest ? [pytest] : python ? [python, '-m', 'pytest'] : undefined;
      if (!program) return notInstalled('pytest', 'Install pytest (`pip install pytest`) so it is on PATH');
      // xunit1 adds file and line attributes to every test case.
      const args = ['-o', 'junit_family=xunit1', `--junitxml=${report}`, '-p', 'no:cacheprovider', ...files];
      return { ok: true, invocations: [{ argv: [...program, ...args], env: {}, reportPath: report, format: 'junit' }] };
    }
    case 'go': {
      const packages = [...new Set(files.map((f) => `./${path.posix.dirname(f)}`))];
      const gotestsum = findExecutable('gotestsum');
      if (gotestsum)
        return { ok: true, invocations: [{ argv: [gotestsum, '--junitfile', report, '--', ...packages], env: {}, reportPath: report, format: 'junit' }] };
      const go = findExecutable('go');
      if (!go) return notInstalled('go', 'Install Go so `go` is on PATH');
      return { ok: true, invocations: [{ argv: [go, 'test', '-json', ...packages], env: {}, format: 'go-json' }] };
    }
    case 'command': {
      if (!config.sentinels.command) {
        return {
          ok: false,
          diagnostic: error('SENTINELS_COMMAND_MISSING', 'sentinels.runner is "command" but sentinels.command is not set', {
            path: CONFIG_FILE,
            fix: 'Set sentinels.command, e.g. "mytest --junit {junit}"',
          }),
        };
      }
      const parsed = parseCommand(config.sentinels.command);
      if (!parsed.ok) {
        return {
          ok: false,
          diagnostic: error('SENTINELS_COMMAND_INVALID', `sentinels.command cannot be parsed: ${parsed.error}`, {
            path: CONFIG_FILE,
            fix: 'Close the quote or escape it with a backslash',
          }),
        };
      }
      if (!config.sentinels.command.includes('{junit}')) {
        return {
          ok: false,
          diagnostic: error('SENTINELS_COMMAND_NO_JUNIT', 'sentinels.command has no {junit} placeholder, so its results cannot be read', {
            path: CONFIG_FILE,
            fix: 'Add {junit} where the command takes the JUnit XML output path',
          }),
        };
      }
      const dir = config.sentinels.dir;
      const argv =
        parsed.mode === 'argv'
          ? parsed.argv.map((w) => w.replaceAll('{junit}', report).replaceAll('{dir}', dir))
          : commandArgv({ ...parsed, script: parsed.script.replaceAll('{junit}', shellQuote(report)).replaceAll('{dir}', shellQuote(dir)) });
      return { ok: true, invocations: [{ argv, env: { SENTINEL_JUNIT: report }, reportPath: report, format: 'junit' }] };
    }
  }
}
