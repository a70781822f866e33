import { describe, expect, it } from 'vitest';
import { countChecks, findMarkers, isRunnerConfig, isTestFile, newMarkers } from '../../../src/core/tamper/markers.js';

const names = (file: string, text: string) => findMarkers(file, text).map((m) => m.marker);

describe('skip/only/todo markers', () => {
  it('finds JS/TS markers with their lines', () => {
    const text = [
      "it.skip('a', () => {});",
      "describe.skip('b', () => {});",
      "test.only('c', () => {});",
      "it.todo('d');",
      "xit('e', () => {});",
      "xdescribe('f', () => {});",
      "test.fixme('g', () => {});",
      "it.concurrent.skip('h', async () => {});",
      "it('fine', () => { expect(1).toBe(1); });",
    ].join('\n');
    const found = findMarkers('a.test.ts', text);
    expect(found.map((m) => m.marker)).toEqual(['it.skip', 'describe.skip', 'test.only', 'it.todo', 'xit', 'xdescribe', 'test.fixme', 'it.concurrent.skip']);
    expect(found.map((m) => m.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('ignores commented-out markers and plain tests', () => {
    expect(names('a.test.js', "// it.skip('a')\n * test.only\nit('b', () => {})\nconst skip = 1;")).toEqual([]);
  });
  it('finds Python markers', () => {
    const text =
      '@pytest.mark.skip(reason="x")\ndef test_a(): pass\n@pytest.mark.xfail\ndef test_b():\n    pytest.skip("later")\n@unittest.skip("no")\nclass T: pass\n# @pytest.mark.skip\n';
    expect(names('tests/test_a.py', text)).toEqual(['@pytest.mark.skip', '@pytest.mark.xfail', 'pytest.skip', '@unittest.skip']);
  });
  it('finds Go skips', () => {
    expect(names('a_test.go', 'func TestA(t *testing.T) {\n\tt.Skip("flaky")\n\t// t.Skip("x")\n}\n')).toEqual(['.Skip']);
  });
  it('finds test filters in runner configs only', () => {
    expect(names('package.json', '{"scripts":{"test":"vitest run --testNamePattern smoke"}}')).toEqual(['--testNamePattern']);
    expect(names('src/app.ts', 'const testNamePattern = 1;')).toEqual([]);
    expect(isRunnerConfig('vitest.config.ts')).toBe(true);
    expect(isRunnerConfig('src/vitest.ts')).toBe(false);
  });
  it('finds pytest plugins loaded from a runner config or a conftest.py (one can rewrite every outcome)', () => {
    expect(names('pytest.ini', '[pytest]\naddopts = -p tests.always_pass\n')).toEqual(['-p']);
    expect(names('pyproject.toml', '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n')).toEqual(['-p']);
    expect(names('conftest.py', 'pytest_plugins = ["helpers.always_pass"]\n')).toEqual(['pytest_plugins']);
    expect(names('package.json', '{"scripts":{"build":"tsc -p tsconfig.build.json"}}')).toEqual([]);
  });
  it('knows test files by name and folder', () => {
    for (const f of ['a.test.ts', 'src/a.spec.jsx', 'tests/x.py', 'test_a.py', 'pkg/a_test.go', 'src/__tests__/a.js']) expect(isTestFile(f)).toBe(true);
    for (const f of ['src/a.ts', 'testing.py', 'latest/a.ts']) expect(isTestFile(f)).toBe(false);
  });
});

describe('newMarkers', () => {
  const at = (text: string) => findMarkers('a.test.ts', text);
  it('reports markers whose count grew, at their new line', () => {
    const added = newMarkers(at("it('a', f);\nit.skip('b', f);"), at("it.skip('a', f);\nit.skip('b', f);"));
    expect(added.map((m) => [m.marker, m.line])).toEqual([['it.skip', 1]]);
  });
  it('a reworded marker line is not new', () => {
    expect(newMarkers(at("it.skip('old name', f);"), at("it.skip('new name', f);"))).toEqual([]);
  });
  it('swapping one marker for another is caught per marker', () => {
    expect(newMarkers(at("it.skip('a', f);"), at("it.only('a', f);")).map((m) => m.marker)).toEqual(['it.only']);
  });
});

describe('countChecks', () => {
  it('counts JS assertions and test cases', () => {
    expect(
      countChecks('s.test.ts', "it('a', () => { expect(1).toBe(1); assert.equal(1, 1); });\ntest('b', () => { x.should.equal(1); });\n// expect(2)\n"),
    ).toEqual({ assertions: 3, tests: 2 });
  });
  it('counts Python asserts and test functions', () => {
    expect(
      countChecks(
        'test_a.py',
        'def test_a():\n    assert 1 == 1\n    self.assertEqual(1, 1)\n\nasync def test_b():\n    with pytest.raises(ValueError):\n        pass\n',
      ),
    ).toEqual({ assertions: 3, tests: 2 });
  });
  it('counts Go t.Error/t.Fatal and Test functions', () => {
    expect(countChecks('a_test.go', 'func TestA(t *testing.T) {\n\tif x { t.Errorf("x") }\n\tt.Fatal("y")\n}\nfunc helper() {}\n')).toEqual({
      assertions: 2,
      tests: 1,
    });
  });
});
