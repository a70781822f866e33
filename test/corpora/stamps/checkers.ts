/**
 * One checker per hazard file: proof that a stamped file still parses, or still means the same, by
 * the language's own rules (TypeScript's parser, Python's ast/tokenize, the yaml and XML parsers,
 * bash -n, BuildKit's directive rule, Go's build-constraint and doc-comment rules).
 */
import { execFileSync } from 'node:child_process';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

export type Checker = (before: string, after: string, file: string) => string[];

const stripBom = (s: string) => s.replace(/^\uFEFF/, '');
const eq = (what: string, a: unknown, b: unknown): string[] => (JSON.stringify(a) === JSON.stringify(b) ? [] : [`${what} changed: ${JSON.stringify(a)} → ${JSON.stringify(b)}`]);

function tsFacts(text: string, file: string) {
  const kind = /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.(m|c)?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, kind);
  const prologue: string[] = [];
  for (const st of sf.statements) {
    if (ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression)) prologue.push(st.expression.text);
    else break;
  }
  const first = sf.statements[0];
  const leading = (ts.getLeadingCommentRanges(text, ts.getShebang(text)?.length ?? 0) ?? []).map((r) => text.slice(r.pos, r.end));
  return {
    errors: (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length,
    prologue,
    shebang: ts.getShebang(text) ?? null,
    references: sf.referencedFiles.map((r) => r.fileName),
    types: sf.typeReferenceDirectives.map((r) => r.fileName),
    pragmas: leading.filter((c) => /@ts-(no)?check/.test(c)).map((c) => c.trim()),
    statements: sf.statements.length,
    firstKind: first ? ts.SyntaxKind[first.kind] : null,
  };
}

const js: Checker = (before, after, file) => {
  const a = tsFacts(before, file);
  const b = tsFacts(after, file);
  return [...(b.errors > a.errors ? [`new syntax errors: ${b.errors}`] : []), ...eq('directive prologue', a.prologue, b.prologue), ...eq('shebang', a.shebang, b.shebang), ...eq('/// references', [a.references, a.types], [b.references, b.types]), ...eq('@ts pragmas', a.pragmas, b.pragmas), ...eq('statements', a.statements, b.statements)];
};

const PY = `
import ast, io, json, sys, tokenize
out = []
for before, after in json.load(sys.stdin):
    facts = []
    for src in (before, after):
        raw = src.encode('latin-1', 'replace') if False else src.encode('utf-8')
        enc = tokenize.detect_encoding(io.BytesIO(raw).readline)[0]
        tree = ast.parse(raw)
        compile(raw, 'x.py', 'exec')
        facts.append([enc, ast.dump(tree), ast.get_docstring(tree)])
    out.append([] if facts[0] == facts[1] else ['python meaning changed: %r -> %r' % (facts[0][0::2], facts[1][0::2])])
print(json.dumps(out))
`;

/** Python is checked in one batch (one interpreter start for all files). */
export function checkPythonBatch(pairs: [string, string][]): string[][] {
  const out = execFileSync('python3', ['-c', PY], { input: JSON.stringify(pairs), encoding: 'utf8' });
  return JSON.parse(out) as string[][];
}

/** Go: build constraints stay before `package` and are followed by a blank line; the package doc comment stays the same. */
function goFacts(text: string) {
  const lines = stripBom(text).split(/\r?\n/);
  const pkg = lines.findIndex((l) => /^package\s+\w+/.test(l));
  const doc: string[] = [];
  for (let i = pkg - 1; i >= 0 && /^\s*\/\//.test(lines[i]!); i--) doc.unshift(lines[i]!);
  const constraints: string[] = [];
  const problems: string[] = [];
  lines.slice(0, pkg).forEach((l, i) => {
    if (/^\/\/go:build |^\/\/ \+build /.test(l)) {
      constraints.push(l);
      const next = lines.slice(i + 1).find((n) => !/^\/\/go:build |^\/\/ \+build /.test(n));
      if (next !== '') problems.push('build constraint not followed by a blank line');
      if (doc.includes(l)) problems.push('build constraint is part of the package doc comment');
    }
  });
  const generated = lines.slice(0, pkg).some((l) => /^\/\/ Code generated .* DO NOT EDIT\.$/.test(l));
  return { doc: doc.filter((l) => !/^\/\/go:build |^\/\/ \+build /.test(l)), constraints, problems, generated };
}

const go: Checker = (before, after) => {
  const a = goFacts(before);
  const b = goFacts(after);
  return [...b.problems, ...eq('package doc comment', a.doc, b.doc), ...eq('build constraints', a.constraints, b.constraints), ...eq('generated marker', a.generated, b.generated)];
};

const yamlFacts = (text: string) => {
  const docs = parseAllDocuments(stripBom(text));
  return { errors: docs.flatMap((d) => d.errors.map((e) => e.message)), values: docs.map((d) => d.toJS()), version: docs.map((d) => d.directives?.yaml.explicit ? d.directives.yaml.version : null) };
};
const yaml: Checker = (before, after) => {
  const a = yamlFacts(before);
  const b = yamlFacts(after);
  return [...b.errors, ...eq('YAML values', a.values, b.values), ...eq('%YAML directive', a.version, b.version)];
};

const xmlParser = new XMLParser({ ignoreAttributes: false, processEntities: true });
const xml: Checker = (before, after) => {
  const valid = XMLValidator.validate(stripBom(after));
  return [
    ...(valid === true ? [] : [`invalid XML: ${valid.err.msg}`]),
    ...(/^<\?xml/.test(stripBom(before)) && !/^<\?xml/.test(stripBom(after)) ? ['XML declaration no longer first'] : []),
    ...eq('XML content', xmlParser.parse(stripBom(before)), xmlParser.parse(stripBom(after))),
  ];
};

const html: Checker = (_before, after) => (/^\s*<!DOCTYPE/i.test(stripBom(after)) ? [] : ['DOCTYPE no longer first: the page would render in quirks mode']);

function frontMatterOf(text: string): { open: string; data: unknown; body: string } | undefined {
  const m = /^(---|\+\+\+)\r?\n([\s\S]*?)\r?\n\1\r?\n([\s\S]*)$/.exec(stripBom(text));
  if (!m) return undefined;
  return { open: m[1]!, data: m[1] === '---' ? parseAllDocuments(m[2]!)[0]?.toJS() : m[2]!.split('\n').filter((l) => !l.startsWith('#')).join('\n'), body: m[3]! };
}
const frontMatter: Checker = (before, after) => {
  const a = frontMatterOf(before);
  const b = frontMatterOf(after);
  if (!a) return [];
  if (!b) return ['front matter no longer at the top of the file'];
  return [...eq('front matter', a.data, b.data)];
};
const mdx: Checker = (before, after, file) => [...frontMatter(before, after, file), ...(after.includes('<' + '!--') ? ['HTML comment in MDX (a syntax error in MDX 2+)'] : [])];

const DIRECTIVE = /^#\s*(syntax|escape|check)\s*=\s*(.+?)\s*$/i;
const dockerDirectives = (text: string) => {
  const out: string[] = [];
  for (const line of stripBom(text).split(/\r?\n/)) {
    const m = DIRECTIVE.exec(line);
    if (!m) break;
    out.push(`${m[1]!.toLowerCase()}=${m[2]}`);
  }
  return out;
};
const docker: Checker = (before, after) => eq('parser directives', dockerDirectives(before), dockerDirectives(after));

const shell: Checker = (before, after, file) => {
  const problems = eq('shebang', before.split('\n')[0]!.startsWith('#!') ? before.split('\n')[0] : null, after.split('\n')[0]!.startsWith('#!') ? after.split('\n')[0] : null);
  try {
    execFileSync('bash', ['-n'], { input: after, stdio: ['pipe', 'ignore', 'pipe'] });
  } catch (err) {
    problems.push(`bash -n fails on ${file}: ${(err as { stderr?: Buffer }).stderr?.toString() ?? ''}`);
  }
  return problems;
};

const sqlStatements = (text: string) => text.split('\n').filter((l) => !/^\s*--/.test(l) || /^\s*--\s*(liquibase|changeset|rollback|preconditions|comment:)/i.test(l)).join('\n').trim();
const sql: Checker = (before, after) => [
  ...eq('SQL statements and Liquibase lines', sqlStatements(before), sqlStatements(after)),
  ...(/^--\s*liquibase formatted sql/i.test(before) && !/^--\s*liquibase formatted sql/i.test(after) ? ['--liquibase formatted sql is no longer the first line'] : []),
];

const css: Checker = (before, after) => (stripBom(before).startsWith('@charset') && !stripBom(after).startsWith('@charset') ? ['@charset is no longer the first bytes'] : []);

const php: Checker = (_before, after) => {
  const code = after.replace(/\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\//g, '');
  return [...(after.startsWith('<?php') ? [] : ['<?php no longer opens the file']), ...(/^<\?php\s*declare\(strict_types=1\);/.test(code) || !/declare\(/.test(after) ? [] : ['declare(strict_types=1) is no longer the first statement'])];
};

const ruby: Checker = (before, after) => {
  const encodingLine = (t: string) => t.split('\n').slice(0, 2).find((l) => /^#.*(?:en)?coding[:=]/.test(l)) ?? null;
  const firstBlock = (t: string) => t.split('\n').slice(0, t.split('\n').findIndex((l) => !l.startsWith('#'))).filter((l) => /frozen_string_literal/.test(l));
  return [...eq('encoding magic comment in the first two lines', encodingLine(before), encodingLine(after)), ...eq('magic comments in the first comment block', firstBlock(before), firstBlock(after))];
};

const none: Checker = () => [];

/** Checker by file name. */
export function checkerFor(file: string): Checker {
  if (/\.(m|c)?[jt]sx?$/.test(file)) return js;
  if (/\.go$/.test(file)) return go;
  if (/\.ya?ml$/.test(file)) return yaml;
  if (/\.(xml|svg)$/.test(file)) return xml;
  if (/\.html?$/.test(file)) return html;
  if (/\.md$/.test(file)) return frontMatter;
  if (/\.mdx$/.test(file)) return mdx;
  if (/Dockerfile$/.test(file)) return docker;
  if (/\.sh$/.test(file)) return shell;
  if (/\.sql$/.test(file)) return sql;
  if (/\.css$/.test(file)) return css;
  if (/\.php$/.test(file)) return php;
  if (/\.rb$/.test(file)) return ruby;
  return none;
}
