import { error, info, type Diagnostic } from '../diagnostics.js';
import type { GateInputs, GateOutcome } from '../gates/types.js';
import { isDirectory } from '../workspace/fs.js';
import { CONFIG_PATH } from '../workspace/layout.js';
import { checkInside } from '../workspace/paths.js';
import type { ProjectCommand } from '../workspace/config-types.js';
import { commandArgv, parseCommand } from './argv.js';
import { envWithLocalBins, outputTail, runProcess } from './process.js';

const CONFIG_FILE = CONFIG_PATH;

/** One project command as run, stored by `capsule done` as evidence. */
export interface CommandRun {
  name: string;
  command: string;
  cwd: string;
  /** null when it never started, timed out or was killed. */
  exitCode: number | null;
  status: 'passed' | 'failed' | 'timeout' | 'error';
  durationMs: number;
  outputTail: string;
  outputSha256: string;
  /** 'argv' ran without a shell; 'shell' ran the config string through sh -c. */
  mode: 'argv' | 'shell';
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

async function runOne(name: string, spec: ProjectCommand, ctx: GateInputs): Promise<{ run: CommandRun; diagnostics: Diagnostic[] }> {
  const where = { path: CONFIG_FILE };
  const parsed = parseCommand(spec.run);
  const cwdRel = spec.cwd ?? '.';
  const base = { name, command: spec.run, cwd: cwdRel, exitCode: null, durationMs: 0, outputTail: '', outputSha256: '' };
  if (!parsed.ok) {
    return {
      run: { ...base, status: 'error', mode: 'argv' },
      diagnostics: [
        error('COMMAND_INVALID', `gates.commands.${name}: cannot parse "${spec.run}": ${parsed.error}`, {
          ...where,
          fix: 'Close the quote or escape it with a backslash',
        }),
      ],
    };
  }
  const inside = checkInside(ctx.root, cwdRel);
  if (!inside.ok) {
    return {
      run: { ...base, status: 'error', mode: parsed.mode },
      diagnostics: [
        error('COMMAND_CWD_OUTSIDE', `gates.commands.${name}: cwd "${cwdRel}" is outside the workspace`, {
          ...where,
          fix: 'Use a folder inside the workspace, relative to its root',
        }),
      ],
    };
  }
  const cwd = inside.absolute;
  if (!isDirectory(cwd)) {
    return {
      run: { ...base, status: 'error', mode: parsed.mode },
      diagnostics: [
        error('COMMAND_CWD_MISSING', `gates.commands.${name}: cwd "${cwdRel}" is not a folder`, {
          ...where,
          fix: 'Create the folder or fix gates.commands.' + name + '.cwd',
        }),
      ],
    };
  }
  const timeoutMs = spec.timeoutMs ?? ctx.config.gates.timeoutMs;
  const result = await runProcess({
    argv: commandArgv(parsed),
    cwd,
    timeoutMs,
    env: envWithLocalBins([cwd, ctx.root]),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const tail = outputTail(result.output);
  const run: CommandRun = {
    ...base,
    exitCode: result.exitCode,
    status: 'passed',
    durationMs: result.durationMs,
    outputTail: tail,
    outputSha256: result.outputSha256,
    mode: parsed.mode,
  };
  const diagnostics: Diagnostic[] = [];
  const tailNote = tail ? `\n${tail}` : '';
  if (result.spawnError) {
    run.status = 'error';
    const missing = result.spawnError.code === 'ENOENT';
    diagnostics.push(
      error(missing ? 'COMMAND_NOT_FOUND' : 'COMMAND_SPAWN_FAILED', `${name}: cannot start "${spec.run}": ${result.spawnError.message}`, {
        ...where,
        fix: missing ? `Install ${commandArgv(parsed)[0]} or change gates.commands.${name}` : `Check gates.commands.${name} and the cwd "${cwdRel}"`,
      }),
    );
  } else if (result.timedOut) {
    run.status = 'timeout';
    diagnostics.push(
      error('COMMAND_TIMEOUT', `${name}: "${spec.run}" timed out after ${seconds(timeoutMs)} and was killed${tailNote}`, {
        ...where,
        fix: `Make it faster or raise gates.commands.${name}.timeoutMs`,
      }),
    );
  } else if (result.exitCode !== 0) {
    run.status = 'failed';
    const how = result.exitCode === null ? `was killed by ${result.signal ?? 'a signal'}` : `exited with ${result.exitCode}`;
    diagnostics.push(
      error('COMMAND_FAILED', `${name}: "${spec.run}" ${how} after ${seconds(result.durationMs)}${tailNote}`, {
        ...where,
        fix: `Run \`${spec.run}\` locally and fix what it reports`,
      }),
    );
  } else if (parsed.mode === 'shell') {
    diagnostics.push(info('COMMAND_RAN_IN_SHELL', `${name}: ran through the shell because it uses ${parsed.operators.join(' ')}`, where));
  }
  return { run, diagnostics };
}

/**
 * Run the configured project commands one after another (they compete for CPU), in config
 * order. `names` narrows the set; unknown names must be rejected by the caller first.
 */
export async function runProjectCommands(ctx: GateInputs, names?: string[]): Promise<GateOutcome> {
  const configured = Object.entries(ctx.config.gates.commands);
  const selected = names?.length ? configured.filter(([name]) => names.includes(name)) : configured;
  if (selected.length === 0) {
    return {
      status: 'pending',
      diagnostics: [
        info('COMMANDS_NONE', 'No project commands are configured', {
          path: CONFIG_FILE,
          fix: 'add gates.commands to .sentinel/config.json (sentinel init proposes them)',
        }),
      ],
      data: { commands: [] },
      summary: 'no commands configured',
    };
  }
  const runs: CommandRun[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [index, [name, spec]] of selected.entries()) {
    ctx.onProgress?.('commands', `${name} (${index + 1}/${selected.length})`);
    const { run, diagnostics: found } = await runOne(name, spec, ctx);
    runs.push(run);
    diagnostics.push(...found);
    if (ctx.signal?.aborted) break;
  }
  const failed = runs.filter((r) => r.status !== 'passed');
  const summary = failed.length
    ? `${failed.length}/${runs.length} failed: ${failed.map((r) => r.name).join(', ')}`
    : `${runs.length} passed: ${runs.map((r) => r.name).join(', ')}`;
  return { status: failed.length ? 'fail' : 'ok', diagnostics, data: { commands: runs }, summary };
}
