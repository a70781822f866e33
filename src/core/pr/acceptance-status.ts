import { classifyCriterion, criterionText } from '../capsule/acceptance.js';

/** A gate result as the PR body sees it: from a check report or a `capsule done` evidence file. */
export interface PrGate {
  gate: string;
  status: string;
  summary: string;
  data?: Record<string, unknown>;
}

/** A command a gate ran (the commands gate's entries), with its outcome. */
export interface PrCommand {
  command: string;
  status: string;
}

export type CriterionStatus = 'passed' | 'failed' | 'pending' | 'review' | 'unproven' | 'vague';

export interface PrCriterion {
  line: number;
  text: string;
  status: CriterionStatus;
  /** What decided the status: the gate or command and its result. */
  proof: string;
}

// `sentinel <sub>` in a criterion → the gate that runs it.
const SENTINEL_GATES: [RegExp, string][] = [
  [/^sentinel\s+contracts\b/, 'contracts'],
  [/^sentinel\s+requests\b/, 'requests'],
  [/^sentinel\s+boundaries\b/, 'boundaries'],
  [/^sentinel\s+scope\b/, 'scope'],
  [/^sentinel\s+tamper\b/, 'tamper'],
  [/^sentinel\s+sentinels\b/, 'sentinels'],
  [/^sentinel\s+commands\b/, 'commands'],
  [/^sentinel\s+(?:provenance|stamp)\b/, 'provenance'],
  [/^sentinel\s+runbook\b/, 'runbook'],
  [/^sentinel\s+logs\b/, 'logs'],
  [/^sentinel\s+secrets\b/, 'secrets'],
  [/^sentinel\s+migrations\b/, 'migrations'],
  [/^sentinel\s+context\b/, 'context'],
  [/^sentinel\s+(?:capsule\s+validate)\b/, 'capsules'],
  [/^sentinel\s+decisions\b/, 'ledger'],
];

const HTTP_FILE = /[\w./-]+\.(?:http|rest)\b/g;
const TEST_FILE = /[\w./-]*(?:\.(?:test|spec|e2e)\.[cm]?[jt]sx?|_test\.(?:go|py|rb)|\btest_[\w-]+\.py)\b/i;

/** `npm test` and `npm run test` are the same command; spacing does not matter. */
export function normalizeCommand(command: string): string {
  return command
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^(npm|pnpm|yarn|bun) (test|start)\b/, '$1 run $2');
}

const fromGateStatus = (status: string): CriterionStatus =>
  status === 'ok' ? 'passed' : status === 'fail' ? 'failed' : status === 'pending' ? 'pending' : 'unproven';
const fromCommandStatus = (status: string): CriterionStatus => (status === 'ok' || status === 'passed' ? 'passed' : 'failed');

interface RequestRecordLike {
  file?: string;
  ok?: boolean;
}

/** The requests a gate sent from one `.http` file: passed when all answered as expected. */
function requestsProof(gate: PrGate | undefined, file: string): { status: CriterionStatus; proof: string } | undefined {
  if (!gate) return undefined;
  const records = (Array.isArray(gate.data?.requests) ? (gate.data!.requests as RequestRecordLike[]) : []).filter((r) => r.file === file);
  if (records.length === 0)
    return {
      status: fromGateStatus(gate.status) === 'passed' ? 'unproven' : fromGateStatus(gate.status),
      proof: `requests gate ${gate.status}: ${gate.summary}`,
    };
  const ok = records.filter((r) => r.ok).length;
  return { status: ok === records.length ? 'passed' : 'failed', proof: `requests: ${ok}/${records.length} of ${file} answered as expected` };
}

/**
 * How one acceptance criterion stands, from what the gates ran: the `.http` files it names (the
 * requests gate), the commands it names (the commands gate's runs), `sentinel …` invocations
 * (their gate), test files (the project's test command). Nothing ran for it: `review` when a
 * reviewer checks it, `unproven` when it names something to run that nobody ran.
 */
export function criterionStatus(raw: string, line: number, gates: readonly PrGate[], commands: readonly PrCommand[]): PrCriterion {
  const text = criterionText(raw);
  const byName = new Map(gates.map((g) => [g.gate, g]));
  const result = (status: CriterionStatus, proof: string): PrCriterion => ({ line, text, status, proof });

  const files = [...new Set([...text.replace(/`/g, ' ').matchAll(HTTP_FILE)].map((m) => m[0].replace(/^\.\//, '')))];
  if (files.length) {
    const proofs = files.map((file) => requestsProof(byName.get('requests'), file));
    if (!proofs.every(Boolean)) return result('unproven', `no requests gate in this run sent ${files.join(', ')}`);
    const worst = proofs.find((p) => p!.status !== 'passed') ?? proofs[0]!;
    return result(worst!.status, proofs.map((p) => p!.proof).join('; '));
  }

  const backticked = [...text.matchAll(/`([^`]+)`/g)].map((m) => normalizeCommand(m[1]!));
  const ran = new Map(commands.map((c) => [normalizeCommand(c.command), c]));
  for (const quoted of backticked) {
    const command = ran.get(quoted);
    if (command)
      return result(fromCommandStatus(command.status), `\`${command.command}\` ${fromCommandStatus(command.status) === 'passed' ? 'passed' : 'failed'}`);
    const gateName = SENTINEL_GATES.find(([pattern]) => pattern.test(quoted))?.[1];
    const gate = gateName ? byName.get(gateName) : undefined;
    if (gate) return result(fromGateStatus(gate.status), `${gate.gate} gate ${gate.status}: ${gate.summary}`);
  }

  if (TEST_FILE.test(text)) {
    const test = commands.find((c) => /\btest\b/.test(normalizeCommand(c.command)));
    if (test) return result(fromCommandStatus(test.status), `covered by \`${test.command}\` (${fromCommandStatus(test.status)})`);
  }

  const cls = classifyCriterion(raw).class;
  if (cls === 'vague') return result('vague', 'nothing checkable: rewrite it as a check');
  if (cls === 'inspectable') return result('review', 'checked by review');
  return result('unproven', 'names something to run, but no gate or command in this run ran it');
}
