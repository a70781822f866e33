import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentInstructions } from '../../../src/core/clients/agents-md.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { argvsOf, parseWithCli, quotedCommands, type QuotedCommand } from '../../helpers/quoted-commands.js';

/** Every text file a user or an agent reads: shipped assets, docs, the example workspace, the README. */
function documents(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const file = path.posix.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(file);
      return /\.(md|ya?ml|json|txt)$/.test(e.name) ? [file] : [];
    });
  return [...walk('assets'), ...walk('docs'), ...walk('examples'), 'README.md'];
}

describe('every quoted `sentinel …` command exists', () => {
  it('reads synopsis notation as a person would', () => {
    expect(argvsOf('sentinel decisions list | show <id> | validate [--json]')).toEqual([
      ['decisions', 'list'],
      ['decisions', 'show', 'x'],
      ['decisions', 'validate', '--json'],
    ]);
    expect(argvsOf('npx sentinel check --only scope --capsule {{capsule_slug}} | head')).toEqual([['check', '--only', 'scope', '--capsule', 'x']]);
    expect(argvsOf('sentinel stamp <files…> --decision D-… [--agent <id>]')).toEqual([['stamp', 'x', '--decision', 'D-0001', '--agent', 'x']]);
    expect(argvsOf('sentinel runbook append --section "Environment variables" --text "a b"')).toEqual([
      ['runbook', 'append', '--section', 'Environment variables', '--text', 'a b'],
    ]);
  });

  it('the checker refuses what the CLI refuses', async () => {
    expect(await parseWithCli(['contract', 'validate'])).toMatch(/unknownCommand/);
    expect(await parseWithCli(['run'])).toMatch(/unknownCommand/);
    expect(await parseWithCli(['check', '--nope'])).toMatch(/unknownOption/);
    expect(await parseWithCli(['check', '--only', 'scope', '--json'])).toBeUndefined();
    expect(await parseWithCli(['route'])).toBeUndefined(); // naming a command without its argument
  });

  it('in assets/, docs/, README.md and the AGENTS.md/CLAUDE.md sections init writes', async () => {
    const quoted: QuotedCommand[] = documents().flatMap((file) => quotedCommands(file, readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    for (const installed of [true, false]) {
      const prefix = installed ? ['sentinel'] : ['-y', '-p', 'sentinelkit', 'sentinel'];
      quoted.push(
        ...quotedCommands(`AGENTS.md section (sentinelkit ${installed ? '' : 'not '}installed)`, agentInstructions({ command: 'npx', prefix, installed })),
      );
    }
    expect(quoted.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const q of quoted) {
      if (/^(npx (-y -p sentinelkit )?)?sentinel (…|\.\.\.)/.test(q.text)) continue; // "`sentinel …` exits with 0": prose
      for (const argv of argvsOf(q.text)) {
        const complaint = await parseWithCli(argv);
        if (complaint) wrong.push(`${q.file}:${q.line} \`${q.text}\` → ${complaint}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
