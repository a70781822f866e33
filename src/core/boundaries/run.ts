import type { Roster } from '../agents/types.js';
import { error, info, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { GateOutcome } from '../gates/types.js';
import { DEFAULT_OWNS, matchGlobList } from '../router/ownership.js';
import type { BoundaryRule, SentinelConfig } from '../workspace/config-types.js';
import { jsNetworkCalls } from './js-scan.js';
import type { NetworkCall } from './network.js';
import { goNetworkCalls, pyNetworkCalls } from './py-go-scan.js';

/** A rule with its globs filled in from the roster. */
interface ResolvedRule {
  id: string;
  lead: string;
  handoffTo: string;
  paths: string[];
  allow: string[];
  exclude: string[];
}

interface BoundaryFinding extends NetworkCall {
  path: string;
  rule: string;
}

const JS = /\.(?:[cm]?[jt]sx?)$/;
const SCANNERS: { test: RegExp; scan: (text: string, file: string) => NetworkCall[] }[] = [
  { test: JS, scan: (text, file) => jsNetworkCalls(text, { jsx: /x$/.test(file) }) },
  { test: /\.pyw?$/, scan: pyNetworkCalls },
  { test: /\.go$/, scan: goNetworkCalls },
];

/** Source files the scanners read (JS/TS, Python, Go). */
export const isScannable = (file: string): boolean => SCANNERS.some((s) => s.test.test(file)) && !file.endsWith('.d.ts');

/** Network calls in one file's text, by its extension; [] for languages not read. */
export function networkCallsIn(file: string, text: string): NetworkCall[] {
  return SCANNERS.find((s) => s.test.test(file))?.scan(text, file) ?? [];
}

function ownsOf(roster: Roster, role: string): string[] {
  const agent = roster.agents.find((a) => a.id === role);
  return [...(agent?.manifest.owns?.length ? agent.manifest.owns : (DEFAULT_OWNS[role] ?? []))];
}

export function resolveRules(rules: readonly BoundaryRule[], roster: Roster): ResolvedRule[] {
  return rules.map((rule) => ({
    id: rule.id,
    lead: rule.lead,
    handoffTo: rule.handoffTo,
    paths: rule.paths ?? ownsOf(roster, rule.lead),
    allow: rule.allow ?? ownsOf(roster, rule.handoffTo),
    exclude: rule.exclude,
  }));
}

/** The first rule guarding `file` (in its paths, not allowed, not excluded). */
function guardingRule(rules: readonly ResolvedRule[], file: string): ResolvedRule | undefined {
  return rules.find((r) => matchGlobList(r.paths, file) && !matchGlobList(r.allow, file) && !r.exclude.some((g) => matchGlobList([g], file)));
}

interface BoundariesInput {
  config: SentinelConfig;
  roster: Roster;
  /** Files to judge (changed files, or the whole tree with --all), workspace-relative. */
  files: readonly string[];
  /** Every workspace file: to name existing client modules in the fix. */
  workspaceFiles: readonly string[];
  read: (file: string) => string | undefined;
  /** Capsule named in the handoff fix, when one is active. */
  capsule?: string;
  scope: 'changed' | 'all';
}

function fixFor(rule: ResolvedRule, clients: string[], capsule: string | undefined, finding: NetworkCall): string {
  const handoff = `\`sentinel handoff ${capsule ?? '<capsule>'} --to ${rule.handoffTo} --reason "client for ${finding.callee}"\``;
  if (clients.length)
    return `Call the ${rule.handoffTo}'s client instead (${clients.slice(0, 3).join(', ')}${clients.length > 3 ? ', …' : ''}); if none covers this call, hand it off: ${handoff}`;
  return `No ${rule.handoffTo} client exists yet under ${rule.allow.join(', ')}: hand the call off with ${handoff} and call that client here`;
}

/** The boundaries gate: outbound network calls in a lead's paths outside its handoff role's client paths. */
export function boundariesOutcome(input: BoundariesInput): GateOutcome & { findings: BoundaryFinding[] } {
  const rules = resolveRules(input.config.boundaries.rules, input.roster);
  if (rules.length === 0) return { status: 'skipped', diagnostics: [], data: { rules: [] }, summary: 'no boundary rules configured', findings: [] };
  const diagnostics: Diagnostic[] = [];
  const findings: BoundaryFinding[] = [];
  let scanned = 0;
  for (const file of input.files) {
    const rule = isScannable(file) ? guardingRule(rules, file) : undefined;
    if (!rule) continue;
    const text = input.read(file);
    if (text === undefined) continue;
    scanned++;
    const clients = input.workspaceFiles.filter((f) => isScannable(f) && matchGlobList(rule.allow, f) && !rule.exclude.some((g) => matchGlobList([g], f)));
    for (const call of networkCallsIn(file, text)) {
      findings.push({ ...call, path: file, rule: rule.id });
      diagnostics.push(
        error(
          'BOUNDARY_NETWORK_CALL',
          `Outbound call ${call.callee}${call.module === 'global' ? '' : ` (${call.module})`} in ${rule.lead}'s code; outbound calls belong in the ${rule.handoffTo}'s clients (${rule.allow.join(', ')})`,
          {
            path: file,
            line: call.line,
            column: call.column,
            fix: fixFor(rule, clients, input.capsule, call),
          },
        ),
      );
    }
  }
  if (scanned === 0 && input.scope === 'changed')
    diagnostics.push(
      info('BOUNDARY_NOTHING_CHANGED', 'No changed source file lies under a guarded path', { fix: 'Run `sentinel boundaries --all` to scan the whole tree' }),
    );
  const data = { scope: input.scope, scanned, rules, findings };
  const what = `${scanned} ${input.scope === 'all' ? '' : 'changed '}file(s) under ${rules.map((r) => r.lead).join(', ')} paths`;
  if (findings.length)
    return {
      status: 'fail',
      diagnostics: sortDiagnostics(diagnostics),
      data,
      summary: `${findings.length} outbound call(s) outside client paths in ${what}`,
      findings,
    };
  return { status: 'ok', diagnostics, data, summary: `no outbound calls outside client paths in ${what}`, findings };
}
