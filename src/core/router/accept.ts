import picomatch from 'picomatch';
import type { Capsule } from '../capsule/types.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { describeAjvError } from '../schema/ajv-errors.js';
import type { ValidateFunction } from 'ajv';
import { validate as validateDecisionSchema } from '../../generated/validators/router-decision.js';
import { lineOfPointer, parseJsonText } from '../schema/json-text.js';
import { normalizeText } from '../workspace/fs.js';
import { isAbsoluteAnywhere, normalizeRelative } from '../workspace/paths.js';
import { agentFolderGlob } from './decide.js';
import { matchGlobList, normalizeOutputPath } from './ownership.js';
import type { RoutableAgent, RouterDecision } from './types.js';

// Compiled at build time (scripts/build-validators.mjs).
const decisionValidator = (): ValidateFunction => validateDecisionSchema;

interface AcceptInput {
  /** The LLM's answer as text. */
  text: string;
  /** Where it came from, for diagnostics (`answer.json`, `<stdin>`). */
  source: string;
  capsule: Capsule;
  agents: readonly RoutableAgent[];
  agentsDir: string;
}

type AcceptOutcome = { ok: true; decision: RouterDecision; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** LLMs like to wrap JSON in a ```json fence; a fence around the whole answer is tolerated, nothing else. */
function unfence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  return fenced ? fenced[1]! : text;
}

/** True when `entry` is an Allowed Context path, lies under one (folder prefix), or is matched by one (glob). */
function insideAllowed(entry: string, allowed: readonly string[]): boolean {
  return allowed.some((raw) => {
    const allowedPath = normalizeRelative(raw);
    if (entry === allowedPath || entry.startsWith(`${allowedPath}/`)) return true;
    return picomatch(allowedPath, { dot: true })(entry);
  });
}

function verbatimCheck(
  field: 'requiredOutputs' | 'acceptanceCriteria',
  answer: readonly string[],
  expected: readonly { text: string; line: number }[],
  at: (pointer: string) => { path: string; line: number },
  capsuleFile: string | undefined,
): Diagnostic[] {
  const code = field === 'requiredOutputs' ? 'ROUTER_ANSWER_OUTPUTS_NOT_VERBATIM' : 'ROUTER_ANSWER_ACCEPTANCE_NOT_VERBATIM';
  const section = field === 'requiredOutputs' ? 'Required Outputs' : 'Acceptance Criteria';
  const out: Diagnostic[] = [];
  const count = Math.max(answer.length, expected.length);
  for (let i = 0; i < count; i++) {
    const given = answer[i];
    const want = expected[i];
    if (given !== undefined && want !== undefined && given.trim() === want.text) continue;
    const message =
      want === undefined
        ? `${field}[${i}] "${given}" is not an item of the capsule's ${section}`
        : given === undefined
          ? `${field} is missing the capsule's ${section} item "${want.text}"${capsuleFile ? ` (${capsuleFile}:${want.line})` : ''}`
          : `${field}[${i}] "${given}" differs from the capsule's ${section} item "${want.text}"`;
    out.push(
      error(code, message, {
        ...at(`/${field}/${Math.min(i, Math.max(answer.length - 1, 0))}`),
        fix: `Copy the ${section} items verbatim, in the capsule's order`,
      }),
    );
  }
  return out;
}

/** Check an LLM router's answer against the schema, the roster and the capsule. */
export function checkRouterAnswer(input: AcceptInput): AcceptOutcome {
  const text = unfence(normalizeText(input.text));
  const at = (pointer: string) => ({ path: input.source, line: lineOfPointer(text, pointer) ?? 1 });
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return {
      ok: false,
      diagnostics: [
        error('ROUTER_ANSWER_JSON', `Not valid JSON: ${parsed.error.message}`, {
          path: input.source,
          line: parsed.error.line,
          column: parsed.error.column,
          fix: 'Answer with one JSON object matching schemas/router-decision.schema.json, nothing else',
        }),
      ],
    };
  }
  const value = parsed.value as Record<string, unknown>;
  if (Array.isArray(value) || Array.isArray(value?.leadAgent)) {
    return {
      ok: false,
      diagnostics: [
        error('ROUTER_ANSWER_MULTIPLE_LEADS', 'The answer names more than one lead; a capsule has exactly one lead agent', {
          ...at(Array.isArray(value) ? '' : '/leadAgent'),
          fix: 'Pick one lead; if the work needs two roles, split the capsule',
        }),
      ],
    };
  }
  const validate = decisionValidator();
  if (!validate(value)) {
    return {
      ok: false,
      diagnostics: (validate.errors ?? []).map((err) =>
        error('ROUTER_ANSWER_SCHEMA', describeAjvError(err), { ...at(err.instancePath), fix: 'Match schemas/router-decision.schema.json' }),
      ),
    };
  }
  const decision = value as unknown as RouterDecision;
  const diagnostics: Diagnostic[] = [];
  const lead = input.agents.find((a) => a.id === decision.leadAgent);
  if (!lead) {
    diagnostics.push(
      error('ROUTER_ANSWER_UNKNOWN_LEAD', `leadAgent "${decision.leadAgent}" is not in the roster (${input.agents.map((a) => a.id).join(', ') || 'empty'})`, {
        ...at('/leadAgent'),
        fix: 'Use an id from `sentinel agents list`',
      }),
    );
  } else {
    for (const item of input.capsule.requiredOutputs) {
      const glob = matchGlobList(lead.neverOutputs, normalizeOutputPath(item.path));
      if (glob) {
        diagnostics.push(
          error('ROUTER_ANSWER_LEAD_CHARTER', `${lead.id}'s charter forbids producing ${item.path} (never_outputs ${glob})`, {
            ...at('/leadAgent'),
            fix: 'Choose a role whose charter allows these outputs, or split the capsule',
          }),
        );
      }
    }
  }
  diagnostics.push(...verbatimCheck('requiredOutputs', decision.requiredOutputs, input.capsule.requiredOutputs, at, input.capsule.file));
  diagnostics.push(...verbatimCheck('acceptanceCriteria', decision.acceptanceCriteria, input.capsule.acceptanceCriteria, at, input.capsule.file));
  const allowed = input.capsule.allowedContext.map((item) => item.path);
  const folder = agentFolderGlob(input.agentsDir, decision.leadAgent);
  const folderPrefix = folder.slice(0, -'/**'.length);
  decision.contextToMount.forEach((raw, index) => {
    const entry = normalizeRelative(raw);
    const escapes = isAbsoluteAnywhere(raw) || entry === '..' || entry.startsWith('../');
    const ok = !escapes && (entry === folder || entry === folderPrefix || entry.startsWith(`${folderPrefix}/`) || insideAllowed(entry, allowed));
    if (!ok) {
      diagnostics.push(
        error('ROUTER_ANSWER_CONTEXT_OUTSIDE', `contextToMount "${raw}" is outside the capsule's Allowed Context and ${folder}`, {
          ...at(`/contextToMount/${index}`),
          fix: 'Mount only Allowed Context paths and the lead agent folder; widen Allowed Context in the capsule if more is needed',
        }),
      );
    }
  });
  return diagnostics.length ? { ok: false, diagnostics } : { ok: true, decision, diagnostics };
}
