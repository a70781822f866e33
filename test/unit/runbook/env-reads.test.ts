import { describe, expect, it } from 'vitest';
import { findEnvReads } from '../../../src/core/runbook/env-reads.js';

const names = (text: string, file: string) => findEnvReads(text, file).map((r) => r.name);

describe('findEnvReads', () => {
  it('finds process.env dot, bracket and optional access in JS/TS', () => {
    const code = 'const a = process.env.PORT;\nconst b = process.env["DB_URL"];\nconst c = process.env[\'KEY\'];\nconst d = process.env?.OPT;';
    expect(names(code, 'src/a.ts')).toEqual(['PORT', 'DB_URL', 'KEY', 'OPT']);
  });

  it('points at the line and column of the name', () => {
    expect(findEnvReads('\n  x(process.env.PORT)', 'a.js')[0]).toMatchObject({ name: 'PORT', line: 2, column: 17 });
  });

  it('finds destructuring from process.env, including renames, defaults and several lines', () => {
    const code = 'const {\n  DATABASE_URL,\n  LOG_LEVEL: level,\n  PORT = "3000",\n  ...rest\n} = process.env;';
    const reads = findEnvReads(code, 'src/config.mjs');
    expect(reads.map((r) => [r.name, r.line])).toEqual([
      ['DATABASE_URL', 2],
      ['LOG_LEVEL', 3],
      ['PORT', 4],
    ]);
  });

  it('finds import.meta.env but not the bundler built-ins', () => {
    expect(names('import.meta.env.VITE_API + import.meta.env.MODE + import.meta.env.DEV', 'src/a.tsx')).toEqual(['VITE_API']);
  });

  it('finds Deno.env.get', () => {
    expect(names('Deno.env.get("DENO_TOKEN")', 'main.ts')).toEqual(['DENO_TOKEN']);
  });

  it('finds os.environ[...], os.environ.get and os.getenv in Python', () => {
    const code = 'a = os.environ["A"]\nb = os.environ.get(\'B\', "x")\nc = os.getenv("C")\n';
    expect(names(code, 'app/main.py')).toEqual(['A', 'B', 'C']);
  });

  it('finds os.Getenv and os.LookupEnv in Go', () => {
    expect(names('port := os.Getenv("PORT")\nv, ok := os.LookupEnv(`SECRET_PATH`)', 'cmd/main.go')).toEqual(['PORT', 'SECRET_PATH']);
  });

  it('ignores dynamic lookups, comments and other languages', () => {
    expect(names('const k = "X"; process.env[k];\n// process.env.OLD\n', 'a.ts')).toEqual([]);
    expect(names('# os.getenv("OLD")\n', 'a.py')).toEqual([]);
    expect(names('process.env.PORT', 'README.md')).toEqual([]);
    expect(names('os.getenv("X")', 'a.ts')).toEqual([]);
  });
});
