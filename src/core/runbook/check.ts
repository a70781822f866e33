import { error, info, warning, type Diagnostic } from '../diagnostics.js';
import { isBodyEmpty, sectionKey, sectionsAt, toLines } from '../markdown/sections.js';
import type { RunbookRequirement } from '../workspace/config-types.js';
import type { EnvRead } from './env-reads.js';
import { parseEnvTable } from './env-table.js';

interface RunbookFacts {
  agent: string;
  requirement: RunbookRequirement;
  /** Runbook text, undefined when the file does not exist. */
  text: string | undefined;
  /** How many source files the sourceGlobs matched. */
  sourceCount: number;
  reads: EnvRead[];
  /**
   * A missing runbook is an error only when the work under way is its role's (the active capsule
   * is led by `agent`): that playbook writes it. Otherwise it is a note, and the gate is pending.
   */
  required: boolean;
}

export interface RunbookReport {
  agent: string;
  file: string;
  exists: boolean;
  sections: { name: string; present: boolean; empty: boolean }[];
  envVarsRead: string[];
  envVarsDocumented: string[];
  /** The environment-variable section, when the runbook has one: where, and whether it holds a table. */
  envSection?: { title: string; line: number; table: boolean };
  diagnostics: Diagnostic[];
}

const quote = (s: string) => s.replace(/"/g, '\\"');

function setCommand(file: string, section: string, agent: string): string {
  return `sentinel runbook set --file ${file} --section "${quote(section)}" --text "…" --role ${agent}`;
}

/** The env-var section has no table: an error once code reads variables (it names them), else a warning. */
export function envTableMissing(file: string, section: { title: string; line: number }, envNames: readonly string[]): Diagnostic {
  const tableHint = `a table | Variable | Required | Default | Description | under "## ${section.title}"`;
  if (envNames.length > 0) {
    return error('RUNBOOK_ENV_TABLE_MISSING', `The code reads ${envNames.length} environment variable(s) but "## ${section.title}" has no table`, {
      path: file,
      line: section.line,
      fix: `Add ${tableHint} with one row per variable (${envNames.join(', ')})`,
    });
  }
  return warning('RUNBOOK_ENV_TABLE_MISSING', `"## ${section.title}" has no table`, { path: file, line: section.line, fix: `Add ${tableHint}` });
}

/** Judge one runbook against its requirement and the environment variables its code reads. */
export function evaluateRunbook(facts: RunbookFacts): RunbookReport {
  const { agent, requirement, text, reads } = facts;
  const file = requirement.file;
  const envSection = requirement.envSection;
  const envNames = [...new Set(reads.map((r) => r.name))].sort();
  const report: RunbookReport = { agent, file, exists: text !== undefined, sections: [], envVarsRead: envNames, envVarsDocumented: [], diagnostics: [] };
  const out = report.diagnostics;
  if (text === undefined) {
    if (facts.sourceCount > 0) {
      const why = facts.required ? '' : `; required once a capsule led by ${agent} is under way`;
      out.push(
        (facts.required ? error : info)(
          'RUNBOOK_MISSING',
          `The ${agent} runbook ${file} does not exist, but ${facts.sourceCount} source file(s) it covers do${why}`,
          {
            path: file,
            fix: `Create it from the role template: ${setCommand(file, requirement.sections[0] ?? 'Startup', agent)}`,
          },
        ),
      );
    }
    return report;
  }
  const sections = sectionsAt(toLines(text), 2);
  const byKey = new Map(sections.map((s) => [s.key, s] as const));
  const required = [...requirement.sections];
  if (envSection && !required.some((s) => sectionKey(s) === sectionKey(envSection))) required.push(envSection);
  for (const name of required) {
    const section = byKey.get(sectionKey(name));
    const empty = section ? isBodyEmpty(section.body) : true;
    report.sections.push({ name, present: Boolean(section), empty });
    if (!section) {
      out.push(error('RUNBOOK_SECTION_MISSING', `Required section "## ${name}" is missing`, { path: file, fix: `Add it: ${setCommand(file, name, agent)}` }));
    } else if (empty) {
      out.push(
        error('RUNBOOK_SECTION_EMPTY', `Section "## ${section.title}" is empty`, {
          path: file,
          line: section.line,
          fix: `Write it: ${setCommand(file, name, agent)}`,
        }),
      );
    }
  }
  if (!envSection) return report;
  const section = byKey.get(sectionKey(envSection));
  if (!section) return report;
  const table = parseEnvTable(section.body);
  report.envSection = { title: section.title, line: section.line, table: Boolean(table) };
  if (!table) {
    out.push(envTableMissing(file, report.envSection, envNames));
    return report;
  }
  const documented = new Map<string, number>();
  for (const row of table.rows) if (!documented.has(row.name)) documented.set(row.name, row.line);
  report.envVarsDocumented = [...documented.keys()].sort();
  const reported = new Set<string>();
  for (const read of reads) {
    if (documented.has(read.name)) continue;
    // One diagnostic per variable and file keeps output readable when code reads it often.
    const key = `${read.name}\0${read.path}`;
    if (reported.has(key)) continue;
    reported.add(key);
    out.push(
      error('RUNBOOK_ENV_UNDOCUMENTED', `${read.name} is read here but missing from the "${section.title}" table in ${file}`, {
        path: read.path,
        line: read.line,
        column: read.column,
        fix: `Add a row: sentinel runbook append --file ${file} --section "${quote(section.title)}" --text "| ${read.name} | yes | | <what it does> |"`,
      }),
    );
  }
  const readNames = new Set(envNames);
  for (const [name, line] of documented) {
    if (readNames.has(name)) continue;
    out.push(
      warning('RUNBOOK_ENV_UNUSED', `${name} is documented but no code under the source globs reads it`, {
        path: file,
        line,
        fix: `Remove the row, or add the source that reads it to runbooks.${agent}.sourceGlobs`,
      }),
    );
  }
  return report;
}
