import type { Gate, GateName } from './types.js';

/** Each gate's module is loaded only when that gate runs. */
export const GATE_LOADERS: Record<GateName, () => Promise<Gate>> = {
  capsules: () => import('./capsules.js').then((m) => m.gate),
  contracts: () => import('./contracts.js').then((m) => m.gate),
  context: () => import('./context.js').then((m) => m.gate),
  scope: () => import('./scope.js').then((m) => m.gate),
  boundaries: () => import('./boundaries.js').then((m) => m.gate),
  sentinels: () => import('./sentinels.js').then((m) => m.gate),
  commands: () => import('./commands.js').then((m) => m.gate),
  tamper: () => import('./tamper.js').then((m) => m.gate),
  ledger: () => import('./ledger.js').then((m) => m.gate),
  provenance: () => import('./provenance.js').then((m) => m.gate),
  runbook: () => import('./runbook.js').then((m) => m.gate),
  logs: () => import('./logs.js').then((m) => m.gate),
  secrets: () => import('./secrets.js').then((m) => m.gate),
  migrations: () => import('./migrations.js').then((m) => m.gate),
  requests: () => import('./requests.js').then((m) => m.gate),
  commits: () => import('./commits.js').then((m) => m.gate),
  mcp: () => import('./mcp.js').then((m) => m.gate),
};

export const GATE_DESCRIPTIONS: Record<GateName, string> = {
  capsules: 'capsule structure and verifiable acceptance criteria',
  contracts: 'contract fixtures validate; versions only move forward',
  context: 'context budgets and Allowed Context',
  scope: 'changed files stay inside the active capsule',
  boundaries: "outbound network calls stay in the Integrator's clients",
  sentinels: 'sentinel regression tests pass',
  commands: "the project's own lint, typecheck, build and test",
  tamper: 'no skipped, deleted or weakened sentinel tests or fixtures',
  ledger: 'decision ledger integrity',
  provenance: 'provenance headers on changed files',
  runbook: 'runbook sections and environment-variable matrix',
  logs: 'structured logs follow the Observer schema',
  secrets: 'no secrets in changed files or logs',
  migrations: 'migrations are forward-only',
  requests: 'representative requests through the running service',
  commits: "commits touching a capsule's outputs carry its Sentinel trailers",
  mcp: 'the MCP server starts and answers every tool',
};
