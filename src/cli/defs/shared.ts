import { Option, type Command } from 'commander';

/** Collect repeatable flags: `--output a --output b` → ['a', 'b']. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Comma-separated or repeated list: `--only a,b --only c` → ['a', 'b', 'c']. */
export const collectList = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

export const baseOption = () => new Option('--base <ref>', 'git ref to diff against (default: merge-base with the default branch, or HEAD)');
export const capsuleOption = () => new Option('--capsule <capsule>', 'capsule slug, id or path (default: the active capsule)');

/** Find or create a command group, so several definition files can add subcommands to it. */
export function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}
