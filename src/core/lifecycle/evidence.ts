import { canonicalJson } from '../schema/canonical-json.js';
import type { GateName, GateResult } from '../gates/types.js';
import type { Evidence } from '../state/state.js';
import { sha256 } from '../workspace/fs.js';

/** A command a gate reports in `data.commands` (the commands gate does; any gate may). */
interface ReportedCommand {
  command: string;
  exitCode: number | null;
  durationMs: number;
  outputSha256: string;
  status?: string;
}

function reportedCommands(result: GateResult): ReportedCommand[] | undefined {
  const list = result.data.commands;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const ok = list.every((c) => c && typeof c === 'object' && typeof (c as ReportedCommand).command === 'string');
  return ok ? (list as ReportedCommand[]) : undefined;
}

/** The CLI invocation that reproduces one gate for this capsule. */
export function equivalentCommand(gate: string, slug: string, base?: string): string {
  return `sentinel check --only ${gate} --capsule ${slug}${base ? ` --base ${base}` : ''}`;
}

const commandStatus = (c: ReportedCommand): string => (c.status === undefined ? (c.exitCode === 0 ? 'ok' : 'fail') : c.status === 'passed' ? 'ok' : 'fail');

/**
 * Evidence for one `capsule done` run: one entry per command a gate actually ran (its own exit
 * code, duration and output hash; -1 when it never exited), else one entry per gate with the
 * equivalent CLI invocation, exit code 1 for `fail` and 0 otherwise, and the hash of the gate
 * result's canonical JSON.
 */
export function buildEvidence(results: readonly GateResult[], options: { slug: string; treeHash: string; at: string; base?: string }): Evidence[] {
  const out: Evidence[] = [];
  for (const result of results) {
    const commands = reportedCommands(result);
    if (commands) {
      for (const c of commands) {
        out.push({
          gate: result.gate,
          status: commandStatus(c),
          command: c.command,
          exitCode: c.exitCode ?? -1,
          durationMs: c.durationMs,
          outputSha256: c.outputSha256 || sha256(''),
          treeHash: options.treeHash,
          at: options.at,
        });
      }
      continue;
    }
    out.push({
      gate: result.gate,
      status: result.status,
      command: equivalentCommand(result.gate, options.slug, options.base),
      exitCode: result.status === 'fail' ? 1 : 0,
      durationMs: result.durationMs,
      outputSha256: sha256(canonicalJson(result)),
      treeHash: options.treeHash,
      at: options.at,
    });
  }
  return out;
}

/**
 * The part of a gate's data an evidence file keeps, beyond its diagnostics: what was run and
 * answered, not the gate's full working set (file lists, rules). Gates not named keep none.
 */
const EVIDENCE_DATA: Partial<Record<GateName, readonly string[]>> = {
  requests: ['service', 'files', 'requests'],
  commits: ['commits', 'checked'],
  boundaries: ['scope', 'scanned', 'findings'],
};

export function evidenceData(result: Pick<GateResult, 'gate' | 'data'>): Record<string, unknown> | undefined {
  const keys = EVIDENCE_DATA[result.gate];
  if (!keys) return undefined;
  const kept = Object.fromEntries(keys.filter((k) => result.data[k] !== undefined).map((k) => [k, result.data[k]]));
  return Object.keys(kept).length ? kept : undefined;
}

/** `gate → status` for the state file. */
export function gateStatuses(results: readonly GateResult[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.gate, r.status]));
}
