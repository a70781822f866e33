import { error, type Diagnostic } from '../diagnostics.js';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from '../schema/bounded.js';

/**
 * One request of a `.http` file (VS Code REST Client / JetBrains HTTP Client format), with the
 * expectations Sentinel reads from its comments: `# @expect 201`, `# @contract orders.v1`,
 * `# @schema path/to/schema.json`. `# @name create` names it so later requests can use
 * `{{create.response.body.$.id}}`.
 */
export interface HttpRequestSpec {
  /** 1-based line of the request line. */
  line: number;
  name?: string;
  /** Text after `###` on the separator line, when any. */
  title?: string;
  method: string;
  /** URL with `{{variables}}` still in it. */
  url: string;
  headers: [string, string][];
  body?: string;
  expect: { status?: number; contract?: string; schema?: string };
}

interface HttpFile {
  /** `@name = value` file variables. */
  variables: Record<string, string>;
  requests: HttpRequestSpec[];
  diagnostics: Diagnostic[];
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);
const REQUEST_LINE = /^(?:([A-Z]+)\s+)?(\S+)(?:\s+HTTP\/[\d.]+)?\s*$/;
const COMMENT = /^\s*(?:#|\/\/)/;
const TAG = /^\s*(?:#|\/\/)\s*@(\w+)\s*(.*?)\s*$/;

/** Parse a `.http` file; problems become diagnostics naming the file and line, never exceptions. */
export function parseHttpFile(text: string, file: string): HttpFile {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const variables: Record<string, string> = {};
  const requests: HttpRequestSpec[] = [];
  const diagnostics: Diagnostic[] = [];
  let block: { start: number; title?: string; lines: { n: number; text: string }[] } = { start: 1, lines: [] };
  const flush = () => {
    const spec = parseBlock(block.lines, file, diagnostics, variables);
    if (spec) requests.push(block.title ? { ...spec, title: block.title } : spec);
  };
  lines.forEach((text, i) => {
    if (/^###/.test(text)) {
      flush();
      const title = text.replace(/^#+/, '').trim();
      block = { start: i + 2, ...(title ? { title } : {}), lines: [] };
    } else block.lines.push({ n: i + 1, text });
  });
  flush();
  return { variables, requests, diagnostics };
}

function parseBlock(
  lines: { n: number; text: string }[],
  file: string,
  diagnostics: Diagnostic[],
  variables: Record<string, string>,
): HttpRequestSpec | undefined {
  const expect: HttpRequestSpec['expect'] = {};
  let name: string | undefined;
  let i = 0;
  let requestLine: { n: number; text: string } | undefined;
  for (; i < lines.length; i++) {
    const { n, text } = lines[i]!;
    if (text.trim() === '') continue;
    const variable = /^\s*@([\w.-]+)\s*=\s*(.*?)\s*$/.exec(text);
    if (variable) {
      variables[variable[1]!] = variable[2]!;
      continue;
    }
    const tag = TAG.exec(text);
    if (tag) {
      const [, key, value] = tag as unknown as [string, string, string];
      if (key === 'name') name = value;
      else if (key === 'expect') {
        const status = /^(?:status\s+)?([1-5]\d\d)$/.exec(value);
        if (status) expect.status = Number(status[1]);
        else
          diagnostics.push(
            error('REQUESTS_EXPECT_INVALID', `${file}:${n}: "@expect ${value}" is not a status code`, {
              path: file,
              line: n,
              fix: 'Write the expected status as "# @expect 201"',
            }),
          );
      } else if (key === 'contract') expect.contract = value;
      else if (key === 'schema') expect.schema = value;
      continue;
    }
    if (COMMENT.test(text)) continue;
    requestLine = lines[i];
    i++;
    break;
  }
  if (!requestLine) return undefined;
  const match = REQUEST_LINE.exec(requestLine.text.trim());
  const method = match?.[1] ?? 'GET';
  if (!match || !METHODS.has(method)) {
    diagnostics.push(
      error('REQUESTS_LINE_INVALID', `${file}:${requestLine.n}: "${requestLine.text.trim()}" is not "METHOD URL"`, {
        path: file,
        line: requestLine.n,
        fix: 'Start each request with a line such as "POST {{baseUrl}}/orders"',
      }),
    );
    return undefined;
  }
  const headers: [string, string][] = [];
  for (; i < lines.length && lines[i]!.text.trim() !== ''; i++) {
    const { n, text } = lines[i]!;
    if (COMMENT.test(text)) continue;
    const header = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/.exec(text);
    if (header) headers.push([header[1]!, header[2]!.trim()]);
    else
      diagnostics.push(
        error('REQUESTS_HEADER_INVALID', `${file}:${n}: "${text.trim()}" is not a "Name: value" header`, {
          path: file,
          line: n,
          fix: 'Leave an empty line between the headers and the body',
        }),
      );
  }
  const bodyLines = lines.slice(i + 1).map((l) => l.text);
  while (bodyLines.length && bodyLines[bodyLines.length - 1]!.trim() === '') bodyLines.pop();
  const spec: HttpRequestSpec = { line: requestLine.n, method, url: match[2]!, headers, expect };
  if (name) spec.name = name;
  if (bodyLines.length) spec.body = bodyLines.join('\n');
  if (expect.status === undefined) {
    diagnostics.push(
      error('REQUESTS_EXPECT_MISSING', `${file}:${requestLine.n}: ${method} ${match[2]} has no expected status`, {
        path: file,
        line: requestLine.n,
        fix: 'Add a comment "# @expect <status>" above the request line',
      }),
    );
  }
  return spec;
}

/** A value from a JSON document by a simple JSONPath (`$.a.b[0].c`); undefined when absent. */
export function jsonPathValue(document: unknown, pathText: string): unknown {
  const parts = pathText.replace(/^\$\.?/, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node: unknown = document;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Earlier responses by request name, for `{{name.response.body.$.x}}` / `{{name.response.headers.X}}`. */
export type NamedResponses = Map<string, { body: unknown; headers: Record<string, string> }>;

/** Past this a file variable's expansion is a bomb (`@a = {{b}}{{b}}`, `@b = {{c}}{{c}}`…), not a URL or a body. */
const MAX_EXPANDED_CHARS = 1 << 20;
const EXPANSION_COST = 64;

/**
 * Replace `{{variable}}` references; unknown ones are returned so the caller can report them, and
 * so are problems (a variable that refers to itself, expansions nested or grown past the limits, a
 * response too deep to write out) that would otherwise overflow the stack or the memory.
 */
export function substitute(
  text: string,
  variables: Record<string, string>,
  responses: NamedResponses,
): { text: string; unknown: string[]; problems: string[] } {
  const unknown: string[] = [];
  const problems: string[] = [];
  let budget = MAX_EXPANDED_CHARS;
  const expand = (input: string, chain: readonly string[]): string =>
    input.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, ref: string) => {
      if (problems.length > 0) return whole;
      const top = chain[0] ?? ref;
      if (Object.hasOwn(variables, ref)) {
        if (chain.includes(ref)) problems.push(`{{${top}}} refers to itself (${[...chain, ref].join(' → ')})`);
        else if (chain.length >= MAX_DOCUMENT_DEPTH) problems.push(`{{${top}}} expands variables more than ${MAX_DOCUMENT_DEPTH} levels deep`);
        else {
          const value = expand(variables[ref]!, [...chain, ref]);
          // Every expansion also spends a fixed share, so a bomb of empty variables stops as early (16k expansions at most).
          budget -= value.length + EXPANSION_COST;
          if (budget >= 0 && problems.length === 0) return value;
          if (problems.length === 0) problems.push(`{{${top}}} expands to more than ${MAX_EXPANDED_CHARS} characters`);
        }
        return whole;
      }
      const chained = /^([\w-]+)\.response\.(body|headers)\.(.+)$/.exec(ref);
      const response = chained ? responses.get(chained[1]!) : undefined;
      if (chained && response) {
        const value =
          chained[2] === 'body'
            ? chained[3] === '*'
              ? response.body
              : jsonPathValue(response.body, chained[3]!)
            : response.headers[chained[3]!.toLowerCase()];
        if (typeof value === 'string') return value;
        if (value !== undefined) {
          if (!nestsDeeperThan(value)) return JSON.stringify(value);
          problems.push(`{{${ref}}} nests deeper than ${MAX_DOCUMENT_DEPTH} levels`);
          return whole;
        }
      }
      unknown.push(ref);
      return whole;
    });
  const out = expand(text, []);
  return { text: out, unknown, problems };
}
