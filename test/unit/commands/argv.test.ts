import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArgv, parseCommand, shellQuote } from '../../../src/core/commands/argv.js';

describe('parseCommand', () => {
  it('splits on whitespace and honours quotes and escapes', () => {
    expect(parseCommand('pnpm lint')).toEqual({ ok: true, mode: 'argv', argv: ['pnpm', 'lint'] });
    expect(parseCommand(`  node -e "console.log('a b')"  `)).toEqual({ ok: true, mode: 'argv', argv: ['node', '-e', "console.log('a b')"] });
    expect(parseCommand(`eslint 'src dir' a\\ b "x\\"y" ''`)).toEqual({ ok: true, mode: 'argv', argv: ['eslint', 'src dir', 'a b', 'x"y', ''] });
  });

  it('treats operators inside quotes as plain text', () => {
    expect(parseCommand(`node -e "console.log('a;b|c>d&&e')"`)).toMatchObject({ mode: 'argv', argv: ['node', '-e', "console.log('a;b|c>d&&e')"] });
    expect(parseCommand(`grep '$(rm -rf /)' file`)).toMatchObject({ mode: 'argv', argv: ['grep', '$(rm -rf /)', 'file'] });
  });

  it.each([
    ['pnpm lint && pnpm build', '&&'],
    ['npm test | tee out.txt', '|'],
    ['make; make test', ';'],
    ['tsc > tsc.log', '>'],
    ['wc -l < file', '<'],
    ['echo $(whoami)', '$('],
    ['echo `whoami`', '`'],
    ['echo "$(whoami)"', '$('],
    ['echo $HOME', '$'],
    ['CI=1 npm test', 'VAR='],
    ['npm test || true', '||'],
  ])('flags %s as needing a shell (%s)', (command, operator) => {
    const parsed = parseCommand(command);
    expect(parsed).toMatchObject({ ok: true, mode: 'shell', script: command });
    if (parsed.ok && parsed.mode === 'shell') expect(parsed.operators).toContain(operator);
  });

  it('rejects unterminated quotes and empty commands', () => {
    expect(parseCommand('echo "oops')).toEqual({ ok: false, error: 'unterminated double quote' });
    expect(parseCommand("echo 'oops")).toEqual({ ok: false, error: 'unterminated single quote' });
    expect(parseCommand('   ')).toEqual({ ok: false, error: 'empty command' });
  });

  it('runs shell commands only through sh -c with the config string itself', () => {
    const parsed = parseCommand('a | b');
    if (!parsed.ok) throw new Error('parse failed');
    expect(commandArgv(parsed, 'linux')).toEqual(['sh', '-c', 'a | b']);
    expect(commandArgv(parseCommand('a b') as Extract<ReturnType<typeof parseCommand>, { ok: true }>, 'linux')).toEqual(['a', 'b']);
  });

  it('property: any argument, shell-quoted, comes back as exactly one argv word and never needs a shell', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', minLength: 1 }), { minLength: 1, maxLength: 5 }), (words) => {
        const clean = words.map((w) => w.replace(/\0/g, ''));
        fc.pre(clean.every((w) => w.length > 0));
        const parsed = parseCommand(['tool', ...clean.map(shellQuote)].join(' '));
        expect(parsed).toEqual({ ok: true, mode: 'argv', argv: ['tool', ...clean] });
      }),
      { numRuns: 300 },
    );
  });
});
