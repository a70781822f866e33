import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { TextReader } from './detect.js';

/** Why init believes the project runs a service, and which sources its runbook covers. */
export interface DetectedService {
  /** Human reason for the init report, e.g. `express in package.json dependencies`. */
  evidence: string;
  /** Folder (POSIX, '' for the root) the service lives in; its sources are what the runbook covers. */
  dir: string;
}

// Dependencies that mean "this project serves requests". Libraries and CLIs use none of them.
const NODE_SERVERS = ['express', 'fastify', 'koa', '@hapi/hapi', 'hapi', '@nestjs/core', 'hono', 'restify', 'polka', '@adonisjs/core', 'h3', 'micro'];
const PYTHON_SERVERS = ['flask', 'django', 'fastapi', 'starlette', 'aiohttp', 'tornado', 'sanic', 'uvicorn', 'gunicorn', 'falcon', 'quart', 'litestar'];
const GO_SERVERS = ['github.com/gin-gonic/gin', 'github.com/labstack/echo', 'github.com/gofiber/fiber', 'github.com/go-chi/chi', 'github.com/gorilla/mux'];
// Entry points that only a server has.
const NODE_ENTRY = /^(server|src\/server|src\/main|app|src\/app)\.(m?[jt]s|cjs)$/;
const NODE_SERVER_CALL = /\b(createServer|\.listen)\s*\(/;
const PYTHON_ENTRY = ['manage.py', 'wsgi.py', 'asgi.py'];

function parseJson(text: string | undefined): Record<string, any> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}

/** A package's own folder and its workspace packages (npm/yarn `workspaces: ["packages/*"]`). */
function nodePackages(read: TextReader, list: (dir: string) => string[]): { dir: string; pkg: Record<string, any> }[] {
  const root = parseJson(read('package.json'));
  if (!root) return [];
  const out = [{ dir: '', pkg: root }];
  const patterns: unknown = Array.isArray(root.workspaces) ? root.workspaces : root.workspaces?.packages;
  for (const pattern of Array.isArray(patterns) ? patterns : []) {
    if (typeof pattern !== 'string' || pattern.startsWith('!')) continue;
    const dirs = pattern.endsWith('/*') ? list(pattern.slice(0, -2)).map((d) => `${pattern.slice(0, -2)}/${d}`) : [pattern.replace(/\/$/, '')];
    for (const dir of dirs) {
      const pkg = parseJson(read(`${dir}/package.json`));
      if (pkg) out.push({ dir, pkg });
    }
  }
  return out;
}

function nodeService(read: TextReader, list: (dir: string) => string[]): DetectedService | undefined {
  for (const { dir, pkg } of nodePackages(read, list)) {
    const where = dir ? `${dir}/package.json` : 'package.json';
    const deps = { ...pkg.dependencies, ...pkg.devDependencies } as Record<string, unknown>;
    const server = NODE_SERVERS.find((name) => name in (pkg.dependencies ?? {}));
    if (server) return { evidence: `${server} in ${where} dependencies`, dir };
    // No framework: a `start` script running a file that opens a port is a service too.
    const start = typeof pkg.scripts?.start === 'string' ? (pkg.scripts.start as string) : '';
    const main = /\bnode\s+(?:--\S+\s+)*([\w./-]+\.(?:m?js|cjs))/.exec(start)?.[1] ?? (typeof pkg.main === 'string' && start ? pkg.main : undefined);
    const file = main ? path.posix.normalize(dir ? `${dir}/${main}` : main) : undefined;
    if (file && NODE_SERVER_CALL.test(read(file) ?? '')) return { evidence: `${where} scripts.start runs ${file}, which listens on a port`, dir };
    for (const candidate of ['server.js', 'server.ts', 'src/server.js', 'src/server.ts', 'src/main.ts']) {
      const at = dir ? `${dir}/${candidate}` : candidate;
      if (NODE_ENTRY.test(candidate) && !('typescript' in deps && candidate.endsWith('.js')) && NODE_SERVER_CALL.test(read(at) ?? '')) {
        return { evidence: `${at} listens on a port`, dir };
      }
    }
  }
  return undefined;
}

function pythonService(read: TextReader): DetectedService | undefined {
  const text = read('pyproject.toml');
  let deps = '';
  if (text !== undefined) {
    try {
      const doc = parseToml(text) as Record<string, any>;
      deps = JSON.stringify([doc.project?.dependencies ?? [], Object.keys(doc.tool?.poetry?.dependencies ?? {})]).toLowerCase();
    } catch {
      /* an unreadable pyproject says nothing about services */
    }
  }
  deps += `\n${(read('requirements.txt') ?? '').toLowerCase()}`;
  const server = PYTHON_SERVERS.find((name) => new RegExp(`(^|["\\n])${name}($|[\\s"<>=~!\\[;,])`, 'm').test(deps));
  if (server) return { evidence: `${server} in the Python dependencies`, dir: '' };
  const entry = PYTHON_ENTRY.find((file) => read(file) !== undefined);
  return entry ? { evidence: `${entry} (a web application entry point)`, dir: '' } : undefined;
}

function goService(read: TextReader): DetectedService | undefined {
  const mod = read('go.mod');
  if (mod === undefined) return undefined;
  const server = GO_SERVERS.find((name) => mod.includes(name));
  return server ? { evidence: `${server} in go.mod`, dir: '' } : undefined;
}

/**
 * Does the project run a service? Only then does `init` configure a runbook: a library, a CLI or
 * a monorepo of libraries has no startup, migrations or on-call queries to write down.
 * `list(dir)`: the sub-folders of a workspace folder, for npm workspace globs.
 */
export function detectService(read: TextReader, list: (dir: string) => string[]): DetectedService | undefined {
  return nodeService(read, list) ?? pythonService(read) ?? goService(read);
}

/** Runbook sources of a service in a workspace package; undefined at the root (the defaults fit). */
export function serviceSourceGlobs(service: DetectedService): string[] | undefined {
  return service.dir ? [`${service.dir}/**/*.{ts,js,mjs,cjs}`] : undefined;
}
