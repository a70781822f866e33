import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { findHeader, formatHeaderText, headersForAllFamilies, parseHeaderLine, type ProvenanceFields } from '../../../src/core/provenance/header.js';
import { stampText } from '../../../src/core/provenance/stamp.js';
import { syntaxFor, type FileSyntax } from '../../../src/core/provenance/syntax.js';

const FIELDS: ProvenanceFields = { producedBy: 'BACKENDER', rulesHash: 'BACKENDER@1.0', decision: 'D-0007', capsule: 'orders-api' };
const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-stamp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function syntax(file: string): FileSyntax {
  const lookup = syntaxFor(file);
  if (!lookup.ok) throw new Error(lookup.reason);
  return lookup.syntax;
}

function stamp(file: string, text: string, fields = FIELDS): string {
  const result = stampText(text, syntax(file), fields);
  if (!result.ok) throw new Error(result.reason);
  return result.text;
}

/** Stamp, write to disk, and return the path, so real parsers can check the result. */
function stampToDisk(file: string, text: string): { out: string; absolute: string } {
  const out = stamp(file, text);
  const absolute = path.join(dir, file);
  writeFileSync(absolute, out);
  return { out, absolute };
}

const lines = (text: string) => text.split('\n');

describe('comment syntax per file type', () => {
  it.each([
    ['a.ts', 'line'],
    ['a.go', 'line'],
    ['a.rs', 'line'],
    ['A.java', 'line'],
    ['a.c', 'line'],
    ['a.cpp', 'line'],
    ['a.swift', 'line'],
    ['a.kt', 'line'],
    ['a.cs', 'line'],
    ['a.scala', 'line'],
    ['a.css', 'block'],
    ['a.scss', 'block'],
    ['a.py', 'hash'],
    ['a.sh', 'hash'],
    ['a.yaml', 'hash'],
    ['a.toml', 'hash'],
    ['a.rb', 'hash'],
    ['Dockerfile', 'hash'],
    ['Makefile', 'hash'],
    ['a.R', 'hash'],
    ['a.pl', 'hash'],
    ['.env', 'hash'],
    ['.env.local', 'hash'],
    ['README.md', 'html'],
    ['a.html', 'html'],
    ['a.xml', 'html'],
    ['a.svg', 'html'],
    ['a.vue', 'html'],
    ['a.sql', 'sql'],
    ['a.lua', 'sql'],
    ['a.hs', 'sql'],
  ])('%s uses %s comments', (file, family) => {
    expect(syntax(file).family).toBe(family);
  });

  it('refuses JSON, binaries and unknown types with a reason', () => {
    const json = syntaxFor('package.json');
    expect(json.ok === false && json.reason).toBe(
      "JSON cannot hold comments: its provenance is recorded in the ledger instead — list the file in the decision's Outputs",
    );
    expect(syntaxFor('logo.png').ok).toBe(false);
    expect(syntaxFor('notes.txt').ok).toBe(false);
  });
});

describe('header text', () => {
  it('is the same line in every comment family', () => {
    const all = headersForAllFamilies(FIELDS);
    const text = 'ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api';
    expect(all).toEqual({ line: `// ${text}`, hash: `# ${text}`, html: `<!-- ${text} -->`, sql: `-- ${text}`, block: `/* ${text} */` });
  });

  it('parses an optional git hash suffix and any key order', () => {
    const parsed = parseHeaderLine('// Decision=D-10000 ProducedBy=QA RulesHash=QA@2 (#a1b2c3d)', 'line')!;
    expect(parsed.fields).toEqual({ producedBy: 'QA', rulesHash: 'QA@2', decision: 'D-10000', commit: 'a1b2c3d' });
    expect(formatHeaderText({ ...FIELDS, commit: 'abc1234' })).toMatch(/Capsule=orders-api \(#abc1234\)$/);
  });

  it('only counts a header written in the file family syntax', () => {
    expect(findHeader(['# ProducedBy=A RulesHash=A@1 Decision=D-0001'], 'line')).toEqual({ wrongSyntax: 0 });
    expect(findHeader(['/* ProducedBy=A RulesHash=A@1 Decision=D-0001 */'], 'line').found?.index).toBe(0);
    expect(findHeader(['Text that mentions ProducedBy=X in prose'], 'html')).toEqual({});
  });
});

describe('stampText keeps what must come first, and the file still parses', () => {
  it('JS with shebang and "use strict" passes node --check', () => {
    const { out, absolute } = stampToDisk('cli.js', '#!/usr/bin/env node\n"use strict";\nconst x = 1;\nconsole.log(x);\n');
    expect(lines(out).slice(0, 3)).toEqual(['#!/usr/bin/env node', '"use strict";', `// ${formatHeaderText(FIELDS)}`]);
    execFileSync(process.execPath, ['--check', absolute]);
  });

  it('ESM and CommonJS modules with single-quoted directives pass node --check', () => {
    const mjs = stampToDisk('mod.mjs', "'use strict';\nexport const a = 1;\n");
    expect(lines(mjs.out)[0]).toBe("'use strict';");
    execFileSync(process.execPath, ['--check', mjs.absolute]);
    const cjs = stampToDisk('mod.cjs', 'module.exports = 1;');
    expect(lines(cjs.out)[0]).toMatch(/^\/\/ ProducedBy=/);
    execFileSync(process.execPath, ['--check', cjs.absolute]);
  });

  it('Python with shebang and encoding cookie passes py_compile', () => {
    const { out, absolute } = stampToDisk('tool.py', '#!/usr/bin/env python3\n# -*- coding: latin-1 -*-\nprint("ok")\n');
    expect(lines(out).slice(0, 3)).toEqual(['#!/usr/bin/env python3', '# -*- coding: latin-1 -*-', `# ${formatHeaderText(FIELDS)}`]);
    execFileSync('python3', ['-m', 'py_compile', absolute]);
  });

  it('keeps a cookie on line 2 after an ordinary comment', () => {
    const out = stamp('a.py', '# module\n# coding: utf-8\nx = 1\n');
    expect(lines(out)[1]).toBe('# coding: utf-8');
    expect(lines(out)[2]).toMatch(/^# ProducedBy=/);
  });

  it('shell with shebang passes bash -n', () => {
    const { out, absolute } = stampToDisk('run.sh', '#!/usr/bin/env bash\nset -euo pipefail\necho "hi"\n');
    expect(lines(out)[0]).toBe('#!/usr/bin/env bash');
    execFileSync('bash', ['-n', absolute]);
  });

  it('YAML with and without a document marker parses to the same data', () => {
    for (const text of ['---\nname: orders\nitems: [1, 2]\n', '%YAML 1.2\n---\na: 1\n---\nb: 2\n', 'key: value\n']) {
      const out = stamp('c.yaml', text);
      const before = parseAllDocuments(text).map((d) => d.toJS());
      const after = parseAllDocuments(out);
      expect(after.every((d) => d.errors.length === 0)).toBe(true);
      expect(after.map((d) => d.toJS())).toEqual(before);
      expect(out).toContain(`# ${formatHeaderText(FIELDS)}`);
    }
  });

  it('XML keeps its declaration first and stays well-formed', () => {
    const text = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE note>\n<note><to>a</to></note>\n';
    const out = stamp('n.xml', text);
    expect(lines(out).slice(0, 3)).toEqual(['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE note>', `<!-- ${formatHeaderText(FIELDS)} -->`]);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(new XMLParser().parse(out).note).toEqual({ to: 'a' });
  });

  it('Markdown keeps YAML front matter first', () => {
    const out = stamp('doc.md', '---\ntitle: Orders\n---\n# Orders\n');
    expect(lines(out).slice(0, 4)).toEqual(['---', 'title: Orders', '---', `<!-- ${formatHeaderText(FIELDS)} -->`]);
  });

  it('SQL gets a -- line comment and the statements are untouched', () => {
    const text = 'CREATE TABLE orders (id INTEGER PRIMARY KEY);\n';
    const out = stamp('001_init.sql', text);
    expect(out).toBe(`-- ${formatHeaderText(FIELDS)}\n${text}`);
  });

  it('Go keeps build constraints and the blank line after them', () => {
    const out = stamp('x.go', '//go:build linux\n// +build linux\n\npackage x\n');
    expect(lines(out).slice(0, 4)).toEqual(['//go:build linux', '// +build linux', '', `// ${formatHeaderText(FIELDS)}`]);
  });

  it('PHP keeps <?php first and refuses files without it', () => {
    expect(lines(stamp('i.php', '<?php\necho 1;\n')).slice(0, 2)).toEqual(['<?php', `// ${formatHeaderText(FIELDS)}`]);
    expect(stampText('<html><?php echo 1; ?></html>\n', syntax('i.php'), FIELDS).ok).toBe(false);
  });

  it('CSS keeps @charset first; Dockerfile keeps parser directives first', () => {
    expect(lines(stamp('a.css', '@charset "utf-8";\nbody{}\n'))[1]).toMatch(/^\/\* ProducedBy=.* \*\/$/);
    expect(lines(stamp('Dockerfile', '# syntax=docker/dockerfile:1\nFROM node:20\n')).slice(0, 2)).toEqual([
      '# syntax=docker/dockerfile:1',
      `# ${formatHeaderText(FIELDS)}`,
    ]);
  });

  it('keeps a BOM and CRLF line endings', () => {
    const out = stamp('a.ts', '\uFEFFexport const a = 1;\r\nexport const b = 2;\r\n');
    expect(out).toBe(`\uFEFF// ${formatHeaderText(FIELDS)}\r\nexport const a = 1;\r\nexport const b = 2;\r\n`);
  });

  it('handles an empty file and a shebang without a final newline', () => {
    expect(stamp('a.sh', '')).toBe(`# ${formatHeaderText(FIELDS)}\n`);
    expect(stamp('a.sh', '#!/bin/sh')).toBe(`#!/bin/sh\n# ${formatHeaderText(FIELDS)}\n`);
  });
});

describe('stampText is idempotent and updates in place', () => {
  it('stamping twice changes nothing', () => {
    const once = stamp('a.ts', '"use strict";\nexport {};\n');
    const twice = stampText(once, syntax('a.ts'), FIELDS);
    expect(twice.ok && twice.status).toBe('unchanged');
    expect(twice.ok && twice.text).toBe(once);
  });

  it('a new decision replaces the header line where it is', () => {
    const once = stamp('a.py', '#!/usr/bin/env python3\nx = 1\n');
    const next = stampText(once, syntax('a.py'), { ...FIELDS, decision: 'D-0008' });
    expect(next.ok && next.status).toBe('updated');
    expect(next.ok && next.text).toBe(once.replace('D-0007', 'D-0008'));
  });

  it('keeps a header with a git hash suffix when nothing else differs', () => {
    const text = `// ${formatHeaderText({ ...FIELDS, commit: 'abc1234' })}\nexport {};\n`;
    const result = stampText(text, syntax('a.ts'), FIELDS);
    expect(result.ok && result.status).toBe('unchanged');
  });
});
