import { parse as parseToml } from 'smol-toml';
import { detectService, type DetectedService } from './service.js';

/** Reads a workspace-relative POSIX path; undefined when the file does not exist. */
export type TextReader = (relative: string) => string | undefined;

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface ProposedCommand {
  name: string;
  run: string;
  /** Where the proposal came from, e.g. `package.json scripts.lint`. */
  source: string;
}

export interface ProjectFacts {
  packageManager?: PackageManager;
  /** Ecosystems found: node, python, go, make. */
  ecosystems: string[];
  commands: ProposedCommand[];
  /** Set when the project runs a service: only then does init configure a runbook. */
  service?: DetectedService;
}

export const GATE_COMMANDS = ['lint', 'typecheck', 'build', 'test'] as const;

const LOCKFILES: [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** Lockfiles decide; the `packageManager` field breaks the silence when there is none. */
export function detectPackageManager(read: TextReader, packageJson?: Record<string, unknown>): PackageManager {
  for (const [file, manager] of LOCKFILES) if (read(file) !== undefined) return manager;
  const declared = typeof packageJson?.packageManager === 'string' ? packageJson.packageManager.split('@')[0] : undefined;
  if (declared === 'pnpm' || declared === 'yarn' || declared === 'bun' || declared === 'npm') return declared;
  return 'npm';
}

// Script names people use for each gate command, best first.
const SCRIPT_ALIASES: Record<(typeof GATE_COMMANDS)[number], string[]> = {
  lint: ['lint', 'eslint', 'lint:all'],
  typecheck: ['typecheck', 'type-check', 'types', 'check-types', 'tsc'],
  build: ['build', 'compile'],
  test: ['test', 'test:all', 'tests'],
};

const NPM_PLACEHOLDER_TEST = /no test specified/i;

function execPrefix(manager: PackageManager): string {
  return { npm: 'npx', pnpm: 'pnpm exec', yarn: 'yarn', bun: 'bunx' }[manager];
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function fromPackageJson(read: TextReader, pkg: Record<string, unknown>, manager: PackageManager): ProposedCommand[] {
  const scripts = (typeof pkg.scripts === 'object' && pkg.scripts !== null ? pkg.scripts : {}) as Record<string, unknown>;
  const out: ProposedCommand[] = [];
  for (const name of GATE_COMMANDS) {
    const script = SCRIPT_ALIASES[name].find((alias) => typeof scripts[alias] === 'string' && !NPM_PLACEHOLDER_TEST.test(scripts[alias] as string));
    if (script) out.push({ name, run: `${manager} run ${script}`, source: `package.json scripts.${script}` });
  }
  const deps = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) } as Record<string, unknown>;
  if (!out.some((c) => c.name === 'typecheck') && read('tsconfig.json') !== undefined && 'typescript' in deps) {
    out.push({ name: 'typecheck', run: `${execPrefix(manager)} tsc --noEmit`, source: 'tsconfig.json + typescript dependency' });
  }
  return out;
}

/** Every dependency string a pyproject declares, lower-cased, from PEP 621, PEP 735 and Poetry tables. */
function pythonDependencies(doc: Record<string, any>): string {
  const bits: unknown[] = [];
  const project = doc.project ?? {};
  bits.push(project.dependencies, Object.values(project['optional-dependencies'] ?? {}), Object.values(doc['dependency-groups'] ?? {}));
  const poetry = doc.tool?.poetry ?? {};
  bits.push(Object.keys(poetry.dependencies ?? {}), Object.keys(poetry['dev-dependencies'] ?? {}));
  for (const group of Object.values(poetry.group ?? {}) as any[]) bits.push(Object.keys(group?.dependencies ?? {}));
  return JSON.stringify(bits).toLowerCase();
}

function fromPyproject(read: TextReader, text: string): ProposedCommand[] {
  let doc: Record<string, any>;
  try {
    doc = parseToml(text) as Record<string, any>;
  } catch {
    return [];
  }
  const deps = pythonDependencies(doc);
  const runner = read('uv.lock') !== undefined ? 'uv run ' : read('poetry.lock') !== undefined ? 'poetry run ' : '';
  const has = (tool: string) => doc.tool?.[tool] !== undefined || new RegExp(`"${tool}(\\b|[<>=~!\\[ ])`).test(deps);
  const out: ProposedCommand[] = [];
  if (has('ruff')) out.push({ name: 'lint', run: `${runner}ruff check .`, source: 'pyproject.toml (ruff)' });
  if (has('mypy')) out.push({ name: 'typecheck', run: `${runner}mypy .`, source: 'pyproject.toml (mypy)' });
  if (has('pytest')) out.push({ name: 'test', run: `${runner}pytest`, source: 'pyproject.toml (pytest)' });
  return out;
}

function fromGoMod(): ProposedCommand[] {
  return [
    { name: 'lint', run: 'go vet ./...', source: 'go.mod' },
    { name: 'build', run: 'go build ./...', source: 'go.mod' },
    { name: 'test', run: 'go test ./...', source: 'go.mod' },
  ];
}

/** Make targets named like gate commands (`test:`, `lint::`), ignoring variable assignments (`X := y`). */
export function makeTargets(text: string): string[] {
  const targets = new Set<string>();
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const match = /^([A-Za-z0-9][\w.-]*(?:\s+[A-Za-z0-9][\w.-]*)*)\s*::?(?!=)/.exec(line);
    if (match) for (const name of match[1]!.split(/\s+/)) targets.add(name);
  }
  return [...targets];
}

function fromMakefile(text: string): ProposedCommand[] {
  const targets = makeTargets(text);
  const out: ProposedCommand[] = [];
  for (const name of GATE_COMMANDS) {
    const target = [name, ...(name === 'typecheck' ? ['type-check', 'types'] : []), ...(name === 'test' ? ['tests'] : [])].find((t) => targets.includes(t));
    if (target) out.push({ name, run: `make ${target}`, source: `Makefile target ${target}` });
  }
  return out;
}

/**
 * Propose `gates.commands` from what the project declares. package.json scripts claim the plain
 * names first; a later source that reuses a name gets a suffix (`test:make`, `lint:py`, `test:go`),
 * so polyglot repos keep every check. Tool commands inferred from pyproject/go.mod are dropped
 * when a Makefile target already has that name: the Makefile is usually their wrapper.
 */
export function detectProject(read: TextReader, listDirs: (dir: string) => string[] = () => []): ProjectFacts {
  const facts: ProjectFacts = { ecosystems: [], commands: [] };
  const service = detectService(read, listDirs);
  if (service) facts.service = service;
  const takenBy = new Map<string, string>();
  const add = (commands: ProposedCommand[], ecosystem: string, suffix: string) => {
    for (const command of commands) {
      const owner = takenBy.get(command.name);
      if (owner === undefined) {
        takenBy.set(command.name, ecosystem);
        facts.commands.push(command);
      } else if (!(owner === 'make' && ecosystem !== 'node') && !takenBy.has(`${command.name}:${suffix}`)) {
        takenBy.set(`${command.name}:${suffix}`, ecosystem);
        facts.commands.push({ ...command, name: `${command.name}:${suffix}` });
      }
    }
  };
  const pkg = parseJsonObject(read('package.json'));
  if (pkg) {
    facts.ecosystems.push('node');
    facts.packageManager = detectPackageManager(read, pkg);
    add(fromPackageJson(read, pkg, facts.packageManager), 'node', 'node');
  }
  const makefile = read('Makefile') ?? read('makefile') ?? read('GNUmakefile');
  if (makefile !== undefined) {
    facts.ecosystems.push('make');
    add(fromMakefile(makefile), 'make', 'make');
  }
  const pyproject = read('pyproject.toml');
  if (pyproject !== undefined) {
    facts.ecosystems.push('python');
    add(fromPyproject(read, pyproject), 'python', 'py');
  }
  if (read('go.mod') !== undefined) {
    facts.ecosystems.push('go');
    add(fromGoMod(), 'go', 'go');
  }
  // Config reads best in gate order: lint, typecheck, build, test, then suffixed variants.
  const rank = (name: string) => {
    const index = GATE_COMMANDS.indexOf(name.split(':')[0] as (typeof GATE_COMMANDS)[number]);
    return (name.includes(':') ? 10 : 0) + (index < 0 ? 9 : index);
  };
  facts.commands.sort((a, b) => rank(a.name) - rank(b.name));
  return facts;
}
