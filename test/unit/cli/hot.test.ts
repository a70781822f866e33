import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { hotCommand } from '../../../src/cli/hot.js';
import { buildProgram } from '../../../src/cli/program.js';

/** What commander hands the action of the command it picks for argv: its name path, arguments and options with globals. */
async function commanderParse(argv: string[]): Promise<{ name: string; args: unknown[]; opts: Record<string, unknown> }> {
  const program = buildProgram();
  let seen: { name: string; args: unknown[]; opts: Record<string, unknown> } | undefined;
  const capture = (command: Command, name: string) =>
    command.action((...params: unknown[]) => {
      seen = { name, args: params.slice(0, -2), opts: (params[params.length - 1] as Command).optsWithGlobals() };
    });
  const sub = (path: string): Command => {
    let command: Command = program;
    for (const word of path.split(' ')) command = command.commands.find((c) => c.name() === word)!;
    return command;
  };
  for (const name of ['hook pre-edit', 'hook stop', 'status', 'capsule validate', 'contracts validate', 'context lint']) capture(sub(name), name);
  await program.parseAsync(argv, { from: 'user' });
  if (!seen) throw new Error(`commander ran no hot command for ${argv.join(' ')}`);
  return seen;
}

describe('hot commands parsed without commander', () => {
  const accepted = [
    ['hook', 'pre-edit'],
    ['hook', 'stop'],
    ['status'],
    ['status', '--json'],
    ['--json', 'status'],
    ['--root', 'some/dir', 'hook', 'pre-edit'],
    ['hook', 'pre-edit', '--root', 'some/dir'],
    ['hook', '--root', '', 'stop'],
    ['--no-color', 'status', '--root', '.'],
    ['capsule', 'validate'],
    ['capsule', 'validate', 'a/capsule.md'],
    ['capsule', 'validate', 'a/capsule.md', '--json', 'b/capsule.md', '--no-color'],
    ['capsule', '--json', 'validate', 'x.md'],
    ['contracts', 'validate'],
    ['contracts', 'validate', '--json', '--root', 'ws'],
    ['context', 'lint'],
    ['--json', 'context', 'lint', '--root', 'ws'],
  ];
  it.each(accepted.map((argv) => [argv.join(' '), argv]))('%s: the same command, arguments and options as commander', async (_label, argv) => {
    const hot = hotCommand(argv as string[]);
    expect(hot).toBeDefined();
    expect({ name: hot!.name, args: hot!.args, opts: hot!.opts }).toEqual(await commanderParse(argv as string[]));
  });

  it.each([
    ['status', '--repair', 'x'],
    ['status', '--help'],
    ['hook', 'pre-edit', '-h'],
    ['hook', 'commit-msg', 'f'],
    ['hook', 'pre-edit', 'extra'],
    ['status', 'extra'],
    ['--root', 'a', '--root', 'b', 'status'],
    ['--root=a', 'status'],
    ['--root', '--json', 'status'],
    ['--root'],
    ['status', '--json', '--json'],
    ['capsule', 'validate', '--', '-x.md'],
    ['capsule', 'validate', '-x.md'],
    ['capsule', 'list'],
    ['contracts', 'validate', '--id', 'orders.v1'],
    ['contracts', 'validate', '--full'],
    ['contracts', 'validate', 'extra'],
    ['contracts'],
    ['context', 'lint', '--strict'],
    ['context', 'lint', '--capsule', 'x'],
    ['context', 'lint', '--full'],
    ['context', 'lint', 'extra'],
    ['context'],
    ['check'],
    [],
  ])('%s… goes to commander', (...argv) => {
    expect(hotCommand(argv)).toBeUndefined();
  });
});
