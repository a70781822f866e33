import { describe, expect, it } from 'vitest';
import { goFacts } from '../../../src/core/tamper/go-facts.js';

const test = 'package orders\n\nimport "testing"\n\nfunc TestTotal(t *testing.T) {\n\tif Total(1) != 1 {\n\t\tt.Error("bad")\n\t}\n}\n';
const kinds = (file: string, head: string) => goFacts(file, head + test).weakenings.map((w) => w.kind);

describe('Go: a sentinel test file no plain `go test` builds', () => {
  it('ignore, a custom tag, a contradiction or a constraint at odds with the file name leave every test out', () => {
    expect(kinds('a_test.go', '//go:build ignore\n\n')).toEqual(['skip']);
    expect(kinds('a_test.go', '// Copyright\n\n// +build ignore\n\n')).toEqual(['skip']);
    expect(kinds('a_test.go', '//go:build integration\n\n')).toEqual(['skip']);
    expect(kinds('a_test.go', '//go:build linux && windows\n\n')).toEqual(['skip']);
    expect(kinds('a_test.go', '// +build linux darwin\n// +build ignore\n\n')).toEqual(['skip']);
    expect(kinds('a_windows_test.go', '//go:build linux\n\n')).toEqual(['skip']);
    expect(kinds('_a_test.go', '')).toEqual(['skip']);
  });
  it('a constraint some platform builds is fine (the OS CI runs, cgo, a Go release)', () => {
    for (const head of [
      '//go:build linux\n\n',
      '//go:build !windows\n\n',
      '//go:build (linux || darwin) && !cgo\n\n',
      '//go:build go1.21\n\n',
      '//go:build unix\n\n',
    ])
      expect(kinds('a_test.go', head), head).toEqual([]);
    expect(kinds('a_android_test.go', '//go:build linux\n\n')).toEqual([]);
    expect(kinds('a_windows_test.go', '')).toEqual([]);
    // With a //go:build line, go ignores the +build lines.
    expect(kinds('a_test.go', '//go:build linux\n// +build ignore\n\n')).toEqual([]);
    // A constraint below the package clause is a plain comment.
    expect(goFacts('a_test.go', test.replace('import', '//go:build ignore\n\nimport')).weakenings).toEqual([]);
  });
});
