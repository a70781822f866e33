import path from 'node:path';
import type { Document } from 'yaml';
import { error, info, type Diagnostic } from '../diagnostics.js';
import { describeAjvError } from '../schema/ajv-errors.js';
import type { ValidateFunction } from 'ajv';
import { validate as validateLimitsSchema } from '../../generated/validators/context-limits.js';
import { loadYamlBounded, nestsDeeperThan, yamlProblemMessage } from '../schema/bounded.js';
import { lineColumnAt, lineOfPointer, parseJsonText, pointerSegments } from '../schema/json-text.js';
import { normalizeText } from '../workspace/fs.js';

export interface ArtifactLimit {
  name: string;
  globs: string[];
  maxLines?: number;
  maxTokens?: number;
  enforceAllowedContext?: boolean;
}

export interface LimitOverride {
  pattern: string;
  maxLines?: number;
  maxTokens?: number;
  reason?: string;
}

export interface ContextLimits {
  defaultMaxLines: number;
  warningThreshold: number;
  forbiddenPaths: string[];
  artifacts: ArtifactLimit[];
  overrides: LimitOverride[];
}

export const DEFAULT_LIMITS: ContextLimits = { defaultMaxLines: 300, warningThreshold: 0.8, forbiddenPaths: [], artifacts: [], overrides: [] };

export interface LoadedLimits {
  limits: ContextLimits;
  /** Workspace-relative file the limits came from; undefined when defaults are used. */
  file?: string;
  diagnostics: Diagnostic[];
}

// Compiled at build time (scripts/build-validators.mjs): no ajv compiler on the hot path.
const limitsValidator = (): ValidateFunction => validateLimitsSchema;

/** The configured path, then the same name with .yaml and .yml, first that exists wins. */
export function limitsCandidates(configured: string): string[] {
  const stem = configured.replace(/\.(json|ya?ml)$/i, '');
  return [...new Set([configured, `${stem}.json`, `${stem}.yaml`, `${stem}.yml`])];
}

function yamlLine(doc: Document, text: string, pointer: string): number | undefined {
  const keys = pointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineColumnAt(text, range[0]).line;
  }
  return undefined;
}

/** A limits file that cannot be read safely: the defaults stand in, as for any broken file. */
function brokenLimits(file: string, message: string): LoadedLimits {
  return {
    limits: DEFAULT_LIMITS,
    file,
    diagnostics: [
      error('CONTEXT_LIMITS_INVALID', message, { path: file, line: 1, fix: 'Write the limits out plainly: no YAML aliases, a few levels of nesting' }),
    ],
  };
}

/**
 * Parse and schema-check context limits (JSON or YAML). Never throws: problems are error
 * diagnostics with file, line and fix, and the defaults stand in for a broken file.
 */
export function parseLimits(raw: string, file: string): LoadedLimits {
  const text = normalizeText(raw);
  const yaml = /\.ya?ml$/i.test(file);
  let value: unknown;
  let lineOf: (pointer: string) => number | undefined;
  if (yaml) {
    // YAML is loaded only for a YAML limits file (bounded.ts): `status` and `capsule validate` read
    // the limits on every run, and most workspaces keep them as JSON (test/e2e/module-load.test.ts).
    const loaded = loadYamlBounded(text);
    if (!loaded.ok && loaded.problem !== 'syntax') return brokenLimits(file, `The context limits cannot be read: ${loaded.message}`);
    if (!loaded.ok) {
      const first = loaded.errors[0]!;
      const line = first.linePos?.[0]?.line ?? lineColumnAt(text, first.pos[0]).line;
      return {
        limits: DEFAULT_LIMITS,
        file,
        diagnostics: [
          error('CONTEXT_LIMITS_INVALID', `Invalid YAML: ${first.message.split('\n')[0]}`, { path: file, line, fix: 'Fix the YAML syntax at that line' }),
        ],
      };
    }
    const { doc } = loaded;
    value = loaded.value;
    lineOf = (pointer) => yamlLine(doc, text, pointer);
  } else {
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      return {
        limits: DEFAULT_LIMITS,
        file,
        diagnostics: [
          error('CONTEXT_LIMITS_INVALID', `Invalid JSON: ${parsed.error.message}`, {
            path: file,
            line: parsed.error.line,
            fix: 'Fix the JSON syntax at that position (no trailing commas or comments)',
          }),
        ],
      };
    }
    value = parsed.value;
    lineOf = (pointer) => lineOfPointer(text, pointer);
  }
  if (nestsDeeperThan(value)) return brokenLimits(file, `The context limits cannot be read: ${yamlProblemMessage('depth')}`);
  const validate = limitsValidator();
  if (!validate(value)) {
    const diagnostics = (validate.errors ?? []).map((err) =>
      error('CONTEXT_LIMITS_SCHEMA', describeAjvError(err), {
        path: file,
        line: lineOf(err.instancePath) ?? 1,
        fix:
          err.keyword === 'additionalProperties'
            ? 'Remove or rename the key (valid keys: defaultMaxLines, warningThreshold, forbiddenPaths, artifacts, overrides)'
            : 'Make the file match schemas/context-limits.schema.json',
      }),
    );
    return { limits: DEFAULT_LIMITS, file, diagnostics };
  }
  const given = value as Partial<ContextLimits>;
  return {
    limits: {
      defaultMaxLines: given.defaultMaxLines ?? DEFAULT_LIMITS.defaultMaxLines,
      warningThreshold: given.warningThreshold ?? DEFAULT_LIMITS.warningThreshold,
      forbiddenPaths: given.forbiddenPaths ?? [],
      artifacts: given.artifacts ?? [],
      overrides: given.overrides ?? [],
    },
    file,
    diagnostics: [],
  };
}

/** Load the workspace's limits; a missing file means defaults plus an info diagnostic. */
export function loadLimits(root: string, configured: string, read: (absolute: string) => string | undefined): LoadedLimits {
  for (const candidate of limitsCandidates(configured)) {
    const text = read(path.join(root, candidate));
    if (text !== undefined) return parseLimits(text, candidate);
  }
  return {
    limits: DEFAULT_LIMITS,
    diagnostics: [
      info(
        'CONTEXT_LIMITS_MISSING',
        `No context limits at ${configured}; using defaults (${DEFAULT_LIMITS.defaultMaxLines} lines, warning at ${DEFAULT_LIMITS.warningThreshold * 100}%)`,
        {
          path: configured,
          fix: 'Run `sentinel init` or write the file (see docs/context.md)',
        },
      ),
    ],
  };
}
