import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SentinelTestResult, SentinelTestStatus } from './types.js';

type JUnitParse = { ok: true; results: SentinelTestResult[] } | { ok: false; error: string };

interface JUnitOptions {
  /** Workspace root: absolute file paths in the XML are made relative to it. */
  root: string;
  /** File to attribute tests to when the XML names none (one runner call per file). */
  fileHint?: string;
}

type XmlNode = Record<string, unknown>;

const ARRAY_TAGS = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped']);
const MAX_MESSAGE = 4_000;
const TEST_FILE = /\.(?:[cm]?[jt]sx?|py|go|rb|java|kt|rs|cs|php)$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (tag) => ARRAY_TAGS.has(tag),
});

const attr = (node: XmlNode, name: string): string | undefined => {
  const value = node[`@_${name}`];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const asNodes = (value: unknown): XmlNode[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) =>
    typeof v === 'object' && v !== null ? (v as XmlNode) : { '#text': String(v) },
  );

function textOf(node: XmlNode): string {
  const text = node['#text'];
  return typeof text === 'string' ? text : '';
}

/** Some runners escape entities twice (`&amp;quot;`); undo the second layer in messages. */
const decodeLeftovers = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function messageOf(node: XmlNode): string {
  const fromAttr = attr(node, 'message');
  // Runner-internal stack frames say nothing about the regression.
  const body = textOf(node)
    .split('\n')
    .filter((l) => !/^\s*at .*\((?:node|internal)[:/]/.test(l) && !/^\s*at (?:async )?Promise\.all/.test(l))
    .join('\n')
    .trim();
  let message = fromAttr && fromAttr !== 'true' ? decodeLeftovers(fromAttr).trim() : '';
  if (body && !message.includes(body)) message = message ? `${message}\n${body}` : body;
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

function relativeFile(file: string, root: string): string {
  const clean = file.startsWith('file://') ? new URL(file).pathname : file;
  const rel = path.isAbsolute(clean) ? path.relative(root, clean) : clean;
  return rel.split(path.sep).join('/').replace(/^\.\//, '');
}

/** The first `file:line` in a stack trace or message that points into the test's own file. */
function lineInText(text: string, file: string | undefined): number | undefined {
  if (!file || !text) return undefined;
  const base = path.posix.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${base}:(\\d+)`).exec(text);
  return match ? Number(match[1]) : undefined;
}

interface SuiteFrame {
  names: string[];
  file?: string;
}

function walk(node: XmlNode, frame: SuiteFrame, siblingsAreTests: boolean, options: JUnitOptions, out: SentinelTestResult[]): void {
  const cases = asNodes(node.testcase);
  const suites = asNodes(node.testsuite);
  for (const testcase of cases) out.push(toResult(testcase, frame, options));
  for (const suite of suites) {
    const name = attr(suite, 'name');
    const file = attr(suite, 'file') ?? attr(suite, 'filepath');
    // A suite nested in a suite, or next to plain test cases (node --test), is a describe block.
    const isDescribe = name !== undefined && (frame.names.length > 0 || siblingsAreTests || cases.length > 0) && !TEST_FILE.test(name);
    const next: SuiteFrame = { names: isDescribe ? [...frame.names, name] : frame.names };
    const suiteFile = file ?? (name && TEST_FILE.test(name) ? name : undefined) ?? frame.file;
    if (suiteFile) next.file = suiteFile;
    walk(suite, next, cases.length > 0, options, out);
  }
}

function toResult(testcase: XmlNode, frame: SuiteFrame, options: JUnitOptions): SentinelTestResult {
  const rawName = attr(testcase, 'name') ?? '(unnamed)';
  const classname = attr(testcase, 'classname');
  const fileAttr = attr(testcase, 'file') ?? (classname && TEST_FILE.test(classname) ? classname : undefined) ?? frame.file ?? options.fileHint;
  const file = fileAttr ? relativeFile(fileAttr, options.root) : undefined;
  const failures = asNodes(testcase.failure);
  const errors = asNodes(testcase.error);
  const skipped = asNodes(testcase.skipped);
  let status: SentinelTestStatus = 'passed';
  let detail: XmlNode | undefined;
  if (failures.length) [status, detail] = ['failed', failures[0]];
  else if (errors.length) [status, detail] = ['error', errors[0]];
  else if (skipped.length) [status, detail] = ['skipped', skipped[0]];
  const seconds = Number(attr(testcase, 'time') ?? 0);
  const result: SentinelTestResult = {
    name: [...frame.names, rawName].join(' > '),
    status,
    durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0,
  };
  if (file) result.file = file;
  if (detail) {
    const message = messageOf(detail);
    if (message) result.message = message;
    const line = status === 'skipped' ? undefined : lineInText(`${attr(detail, 'message') ?? ''}\n${textOf(detail)}`, file);
    if (line) result.line = line;
  }
  // pytest (junit_family=xunit1) reports the 0-based line of the test function.
  const lineAttr = attr(testcase, 'line');
  if (result.line === undefined && lineAttr !== undefined && /^\d+$/.test(lineAttr)) result.line = Number(lineAttr) + 1;
  return result;
}

/** Parse JUnit XML as written by vitest, node --test, jest-junit, pytest, gotestsum and others. */
export function parseJUnit(xml: string, options: JUnitOptions): JUnitParse {
  if (!xml.trim()) return { ok: false, error: 'the JUnit report is empty' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, error: `the JUnit report is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` };
  const doc = parser.parse(xml) as XmlNode;
  const rootNode = (doc.testsuites ?? (doc.testsuite ? { testsuite: doc.testsuite } : undefined)) as XmlNode | string | undefined;
  if (rootNode === undefined) return { ok: false, error: 'the report has no <testsuites> or <testsuite> root element' };
  const out: SentinelTestResult[] = [];
  if (typeof rootNode === 'object') walk(rootNode, { names: [] }, false, options, out);
  return { ok: true, results: out };
}
