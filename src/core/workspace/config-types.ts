/** The resolved configuration: defaults merged with `.sentinel/config.json`. */
export interface ProjectCommand {
  run: string;
  cwd?: string;
  timeoutMs?: number;
}

export interface RunbookRequirement {
  file: string;
  sections: string[];
  envSection?: string;
  sourceGlobs: string[];
  template?: string;
}

/** A role boundary: outbound network calls in `lead`'s paths belong to `handoffTo`'s client code. */
export interface BoundaryRule {
  id: string;
  lead: string;
  handoffTo: string;
  /** Guarded paths; default: the lead's agent.json `owns`. */
  paths?: string[];
  /** Where such calls are fine; default: the handoff role's `owns`. */
  allow?: string[];
  exclude: string[];
}

/** How the requests gate starts the service under test. `{port}` and `{runDir}` are filled in per run. */
export interface ServiceConfig {
  start?: string;
  readyUrl?: string;
  env: Record<string, string>;
  readyTimeoutMs: number;
  requestTimeoutMs: number;
  /** Log files the service writes (with placeholders), checked by the logs gate in the same run. */
  logFiles: string[];
}

export type SentinelRunner = 'auto' | 'vitest' | 'node' | 'jest' | 'pytest' | 'go' | 'command';

export interface SentinelConfig {
  version: 1;
  capsules: { globs: string[]; maxLines: number };
  agentsDir: string;
  contextLimits: string;
  contractsDir: string;
  ledger: string;
  stateDir: string;
  routerLogDir: string;
  router: { minScore: number };
  prompt: { budgetTokens: number };
  sentinels: { dir: string; runner: SentinelRunner; command?: string; timeoutMs: number };
  gates: { commands: Record<string, ProjectCommand>; timeoutMs: number; disabled: string[] };
  scope: { alwaysAllowed: string[] };
  provenance: { include: string[]; exclude: string[] };
  runbooks: Record<string, RunbookRequirement>;
  logs: { schema: string; redaction: string; files: string[] };
  secrets: { allowlist: string; entropyThreshold: number; exclude: string[] };
  migrations: { globs: string[] };
  mcp: { maxInputBytes: number };
  boundaries: { rules: BoundaryRule[] };
  service: ServiceConfig;
  requests: { globs: string[] };
}

/**
 * What a role's runbook holds when config names the role without saying: sections, sources.
 * A runbook file that exists at one of these paths is checked even when config lists no runbook.
 */
export const ROLE_RUNBOOKS: Record<string, RunbookRequirement> = {
  backender: {
    file: 'ops/backend/runbook.md',
    sections: ['Startup', 'Environment variables', 'Migrations', 'Common queries', 'Risks'],
    envSection: 'Environment variables',
    sourceGlobs: ['server/src/**/*.{ts,js,mjs,cjs}', 'src/**/*.{ts,js,mjs,cjs,py,go}', 'db/**/*.{ts,js,mjs,py,go}'],
  },
};

export const DEFAULT_CONFIG: SentinelConfig = {
  version: 1,
  capsules: { globs: ['.specify/specs/*/capsule.md', '.sentinel/capsules/*/capsule.md'], maxLines: 300 },
  agentsDir: '.sentinel/agents',
  contextLimits: '.sentinel/context/limits/context-limits.json',
  contractsDir: '.sentinel/contracts',
  ledger: '.sentinel/DECISIONS.md',
  stateDir: '.sentinel/state',
  routerLogDir: '.sentinel/router_log',
  router: { minScore: 3 },
  prompt: { budgetTokens: 24_000 },
  sentinels: { dir: '.sentinel/tests/sentinels', runner: 'auto', timeoutMs: 300_000 },
  gates: { commands: {}, timeoutMs: 600_000, disabled: [] },
  scope: { alwaysAllowed: [] },
  provenance: {
    include: ['**/*.{ts,tsx,js,jsx,mjs,cjs,py,go,rs,java,kt,swift,c,h,cpp,hpp,cs,rb,sh,sql,css,scss,vue,svelte}'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/build/**', '.sentinel/**', '**/*.d.ts'],
  },
  // None unless configured: `init` adds the backender's only where it detects a service.
  runbooks: {},
  logs: { schema: 'ops/logging/schema.json', redaction: 'ops/logging/redaction.json', files: ['logs/**/*.jsonl', 'var/log/**/*.jsonl'] },
  secrets: {
    allowlist: '.sentinel/secrets-allowlist.json',
    entropyThreshold: 3.5,
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.lock', '**/package-lock.json'],
  },
  migrations: { globs: ['db/migrations/**', 'migrations/**', 'prisma/migrations/**'] },
  mcp: { maxInputBytes: 1_000_000 },
  boundaries: {
    rules: [
      {
        id: 'backender-outbound-calls',
        lead: 'backender',
        handoffTo: 'integrator',
        exclude: ['**/*.test.*', '**/*.spec.*', '**/__tests__/**', '**/test/**', '**/tests/**', '**/*.d.ts'],
      },
    ],
  },
  service: { env: {}, readyTimeoutMs: 30_000, requestTimeoutMs: 10_000, logFiles: [] },
  requests: { globs: ['**/*.http', '**/*.rest'] },
};
